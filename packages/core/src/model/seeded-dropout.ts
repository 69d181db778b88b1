import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator';
import { DROPOUT_MASK } from '../backend/kernels/dropout-kernel.js';
import type { DropoutMaskAttrs } from '../backend/kernels/dropout-kernel.js';
import { layerStream } from './seed-streams.js';
import { dropoutRateProblem } from '../layers/dropout-rate.js';

type LayerArgs = NonNullable<ConstructorParameters<typeof tfl.layers.Layer>[0]>;

export interface SeededDropoutArgs extends LayerArgs {
  /** Fraction of inputs zeroed while training, in [0, 1). */
  rate: number;
  /** Model seed; with `layerIndex` it fixes the sequence of masks. */
  seed: number;
  layerIndex: number;
}

// Backends whose upload copies the data at once: only there can one buffer serve every mask.
// cpu, webgl and tfjs-node keep a reference to the array (and read it later), so a reused
// buffer would rewrite masks that a pending backward pass still needs.
const COPYING_BACKENDS = new Set(['wasm']);

/**
 * Keras' Dropout with seeded, fast masks. Inverted dropout: while training,
 * y = x·m/(1−rate) with m ~ Bernoulli(1−rate) (kept where u ≥ rate, u uniform in [0, 1));
 * at inference y = x. Every training call draws a new mask from a xoroshiro128+ stream
 * fixed by (seed, layerIndex): the same seed gives the same sequence of masks. On wasm, fitcheck's
 * mask kernel draws them in 64-bit integers straight into the heap (kernels/dropout-wat.ts);
 * elsewhere they are filled in JS into a Float32Array and uploaded once, instead of TF.js'
 * per-element generator. Both give the same masks. Shown as `Dropout` in summaries (and saved as
 * one: inference is the same).
 */
export class SeededDropout extends tfl.layers.Layer {
  static readonly className = 'SeededDropout';
  readonly rate: number;
  readonly seed: number;
  readonly layerIndex: number;
  private rng: JumpableRandomGenerator;
  private buffer = new Float32Array(0);

  constructor(args: SeededDropoutArgs) {
    super(args);
    const problem = dropoutRateProblem(args.rate);
    if (problem) throw new RangeError(`Dropout ${problem.message}`);
    this.rate = args.rate;
    this.seed = args.seed;
    this.layerIndex = args.layerIndex;
    this.rng = layerStream(args.seed, args.layerIndex);
    this.supportsMasking = true;
  }

  override getClassName(): string {
    return 'Dropout';
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape | tfl.Shape[] {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor | tf.Tensor[] {
    this.invokeCallHook(inputs, kwargs);
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    if (x === undefined) throw new Error('SeededDropout expects one input tensor');
    if (kwargs.training !== true || this.rate === 0) return x;
    return tf.tidy(() => tf.mul(x, this.nextMask(x.shape)));
  }

  /** The next mask of this layer's stream: 1/(1−rate) where kept, 0 where dropped. */
  nextMask(shape: number[]): tf.Tensor {
    if (tf.getKernel(DROPOUT_MASK, tf.getBackend()) !== undefined) return this.maskFromKernel(shape);
    const size = shape.reduce((a, b) => a * b, 1);
    const reuse = COPYING_BACKENDS.has(tf.getBackend());
    if (!reuse || this.buffer.length < size) this.buffer = new Float32Array(size);
    const values = this.buffer.length === size ? this.buffer : this.buffer.subarray(0, size);
    // u ≥ rate with u = r/2^32 for a uniform 32-bit r, i.e. r ≥ rate·2^32, in integers.
    const threshold = this.rate * 0x1_0000_0000;
    const scale = 1 / (1 - this.rate);
    const rng = this.rng;
    for (let i = 0; i < size; i++) values[i] = (rng.next() >>> 0) >= threshold ? scale : 0;
    return tf.tensor(values, shape, 'float32');
  }

  /** Where its mask stream stands (pure-rand's xoroshiro128+ state): a fused train step draws the same masks from it. */
  streamState(): number[] {
    return Array.from(this.rng.getState());
  }

  /** Continue the stream from `state` (what a fused train step's draws left). */
  continueStream(state: readonly number[]): void {
    this.rng = xoroshiro128plusFromState([...state]);
  }

  /** The next mask from the backend's mask kernel, which also returns where the stream stands after it. */
  private maskFromKernel(shape: number[]): tf.Tensor {
    const state = tf.tensor1d(Int32Array.from(this.rng.getState()), 'int32');
    const attrs: DropoutMaskAttrs = { shape, rate: this.rate };
    const [mask, next] = tf.engine().runKernel(DROPOUT_MASK, { state }, attrs) as tf.Tensor[];
    this.rng = xoroshiro128plusFromState(Array.from((next as tf.Tensor).dataSync()));
    tf.dispose([state, next as tf.Tensor]);
    return mask as tf.Tensor;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), rate: this.rate, seed: this.seed, layerIndex: this.layerIndex };
  }
}
tf.serialization.registerClass(SeededDropout);
