import { integerSeed, wholeNumber } from '../check-option.js';
import { HIGGS_FEATURES } from '../higgs/higgs-csv-parser.js';
import { readHiggsCsv, type ReadHiggsOptions } from '../higgs/read-higgs-csv.js';
import type { Example, LabeledArrays } from '../types.js';
import { batchGen, mapGen, repeatGen, skipGen, takeGen } from './basic-ops.js';
import { cacheOp } from './cache.js';
import { shuffleOp } from './shuffle.js';
import { examplesOf, stackExamples } from './stack-examples.js';

/**
 * A lazy, re-iterable pipeline with tf.data's semantics, over plain values (no TF.js here:
 * datasets hands typed arrays to core). Each `for await` is one pass ("epoch") and opens the
 * source afresh; `repeat` makes several passes, `shuffle` reorders each pass differently.
 *
 * Why not `@tensorflow/tfjs-data`: it needs tfjs-core at runtime and this package must not
 * depend on TF.js; its seeded shuffle also uses seedrandom rather than the repo's pure-rand.
 *
 * @example Lab 5's training input
 * Dataset.fromLabeledArrays(train).shuffle(10_000, 42).repeat().batch(500).stack()
 */
export class Dataset<T> implements AsyncIterable<T> {
  private constructor(private readonly open: () => AsyncIterable<T>) {}

  /** A dataset whose every pass calls `open` for a fresh iterable. */
  static from<T>(open: () => AsyncIterable<T> | Iterable<T>): Dataset<T> {
    return new Dataset(() => {
      const it = open();
      return Symbol.asyncIterator in it ? it : (async function* () { yield* it; })();
    });
  }

  static fromArray<T>(items: readonly T[]): Dataset<T> {
    return Dataset.from(() => items);
  }

  /** One example per row; `x` views the source array. */
  static fromLabeledArrays(data: LabeledArrays): Dataset<Example> {
    return Dataset.from(() => examplesOf(data));
  }

  /**
   * Streams a HIGGS csv.gz example by example, decompressing only as far as it is read. Prefer
   * the `skip`/`take` options to `.skip()`/`.take()`: skipped rows are then scanned, not parsed.
   */
  static fromHiggsCsv(file: string, options: ReadHiggsOptions = {}): Dataset<Example> {
    const featureShape = [HIGGS_FEATURES];
    return new Dataset(async function* () {
      for await (const b of readHiggsCsv(file, options)) {
        for (let i = 0; i < b.rows; i++) {
          yield { x: b.x.subarray(i * HIGGS_FEATURES, (i + 1) * HIGGS_FEATURES), y: b.y[i]!, featureShape };
        }
      }
    });
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return this.open()[Symbol.asyncIterator]();
  }

  map<U>(fn: (item: T) => U): Dataset<U> {
    return new Dataset(() => mapGen(this.open(), fn));
  }

  /** The first `n` elements; upstream is not read past them. */
  take(n: number): Dataset<T> {
    wholeNumber('take', n, { allowInfinity: true });
    return new Dataset(() => takeGen(this.open(), n));
  }

  skip(n: number): Dataset<T> {
    wholeNumber('skip', n);
    return new Dataset(() => skipGen(this.open(), n));
  }

  /** `times` passes (default: forever, as tf.data's `repeat()`). */
  repeat(times = Infinity): Dataset<T> {
    wholeNumber('repeat', times, { allowInfinity: true });
    return new Dataset(() => repeatGen(this.open, times));
  }

  /** Keeps the first complete pass in memory; later passes replay it. */
  cache(): Dataset<T> {
    return new Dataset(cacheOp(this.open));
  }

  /**
   * Buffered shuffle as tf.data's: seeded with pure-rand; by default each pass is reshuffled.
   * A buffer at least the dataset's size gives a uniform permutation.
   */
  shuffle(bufferSize: number, seed: number, options: { reshuffleEachIteration?: boolean } = {}): Dataset<T> {
    wholeNumber('bufferSize', bufferSize, { min: 1 });
    integerSeed(seed);
    return new Dataset(shuffleOp(this.open, bufferSize, seed, options.reshuffleEachIteration ?? true));
  }

  /** Groups of `size`; the last, shorter group is kept unless `dropRemainder`. */
  batch(size: number, options: { dropRemainder?: boolean } = {}): Dataset<T[]> {
    wholeNumber('batch size', size, { min: 1 });
    return new Dataset(() => batchGen(this.open(), size, options.dropRemainder ?? false));
  }

  /** Packs each batch of examples into one `LabeledArrays` (`[n, ...featureShape]`). */
  stack(this: Dataset<Example[]>): Dataset<LabeledArrays> {
    return this.map(stackExamples);
  }

  /** Every element of one pass (never call on an infinite `repeat()`). */
  async toArray(): Promise<T[]> {
    const out: T[] = [];
    for await (const item of this) out.push(item);
    return out;
  }
}
