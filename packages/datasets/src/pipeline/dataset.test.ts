import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../fixtures.js';
import { GOLDEN } from '../test-helpers/golden.js';
import { Dataset } from './dataset.js';

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const isPermutation = (a: number[], n: number): boolean => [...a].sort((p, q) => p - q).join() === range(n).join();

describe('Dataset ops with tf.data semantics', () => {
  it('take, skip, repeat, batch (with and without the remainder)', async () => {
    const ds = Dataset.fromArray(range(10));
    expect(await ds.skip(3).take(4).toArray()).toEqual([3, 4, 5, 6]);
    expect(await ds.take(3).repeat(2).toArray()).toEqual([0, 1, 2, 0, 1, 2]);
    expect(await ds.batch(4).toArray()).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]);
    expect(await ds.batch(4, { dropRemainder: true }).toArray()).toEqual([[0, 1, 2, 3], [4, 5, 6, 7]]);
    expect(await ds.repeat().take(23).toArray()).toEqual([...range(10), ...range(10), 0, 1, 2]);
    expect(await Dataset.fromArray([]).repeat().toArray()).toEqual([]);
    expect(await ds.take(0).toArray()).toEqual([]);
  });

  it('cache reads upstream once, after one complete pass', async () => {
    let opened = 0;
    const ds = Dataset.from(() => {
      opened++;
      return range(5);
    }).cache();
    expect(await ds.take(2).toArray()).toEqual([0, 1]);
    expect(await ds.toArray()).toEqual(range(5));
    expect(await ds.repeat(3).toArray()).toEqual([...range(5), ...range(5), ...range(5)]);
    expect(opened).toBe(2);
  });

  it('shuffle is a seeded permutation, reshuffled each pass, replayed by the same seed', async () => {
    const passes = async (seed: number): Promise<number[][]> => {
      const ds = Dataset.fromArray(range(50)).shuffle(50, seed);
      return [await ds.toArray(), await ds.toArray(), await ds.toArray()];
    };
    const [a1, a2, a3] = await passes(42);
    expect(isPermutation(a1!, 50) && isPermutation(a2!, 50) && isPermutation(a3!, 50)).toBe(true);
    expect(a1).not.toEqual(range(50));
    expect(a1).not.toEqual(a2);
    expect(a2).not.toEqual(a3);
    expect(await passes(42)).toEqual([a1, a2, a3]);
    expect((await passes(43))[0]).not.toEqual(a1);
    // repeat() after shuffle reshuffles each epoch, like tf.data.
    const epochs = await Dataset.fromArray(range(50)).shuffle(50, 42).repeat(2).toArray();
    expect(epochs).toEqual([...a1!, ...a2!]);
  });

  it('shuffle without reshuffling gives the same order every pass; buffer 1 keeps the order', async () => {
    const ds = Dataset.fromArray(range(20)).shuffle(20, 3, { reshuffleEachIteration: false });
    expect(await ds.toArray()).toEqual(await ds.toArray());
    expect(await Dataset.fromArray(range(20)).shuffle(1, 3).toArray()).toEqual(range(20));
  });

  it('a small buffer only moves elements forward by up to its size', async () => {
    const out = await Dataset.fromArray(range(1_000)).shuffle(10, 9).toArray();
    expect(isPermutation(out, 1_000)).toBe(true);
    // The element emitted at position i was read at most 10 positions later.
    out.forEach((v, i) => expect(v).toBeLessThanOrEqual(i + 10));
  });

  it('rejects nonsense sizes with typed errors', () => {
    const ds = Dataset.fromArray(range(3));
    expect(() => ds.batch(0)).toThrow(/batch size must be a whole number ≥ 1/);
    expect(() => ds.shuffle(0, 1)).toThrow(/bufferSize/);
    expect(() => ds.shuffle(5, 1.5)).toThrow(/seed/);
    expect(() => ds.take(-1)).toThrow(/take/);
  });
});

describe('the lab’s Higgs input pipeline on the fixture', () => {
  it('streams rows 1,001–10,000, shuffles with buffer 10,000, batches by 500 into [500, 28]', async () => {
    const train = Dataset.fromHiggsCsv(FIXTURES.higgsFirst10000.path, { skip: 1_000 }).cache();
    const batches = await train.shuffle(10_000, 1).batch(500).stack().toArray();
    expect(batches).toHaveLength(18);
    expect(batches.every((b) => b.shape[0] === 500 && b.shape[1] === 28 && b.x.length === 14_000)).toBe(true);
    const ones = batches.reduce((s, b) => s + b.y.reduce((a, v) => a + v, 0), 0);
    expect(ones).toBe(GOLDEN.higgs_first_10000.labelCountsTrain_1001_10000['1']);
    const last = GOLDEN.higgs_first_10000.row10000;
    const found = batches.some((b) => range(500).some((i) => [b.y[i], ...b.x.subarray(i * 28, (i + 1) * 28)].join() === last.join()));
    expect(found).toBe(true);
  });

  it('validation: the first 1,000 rows in order, batched by 500', async () => {
    const val = await Dataset.fromHiggsCsv(FIXTURES.higgsFirst10000.path, { take: 1_000 }).batch(500).stack().toArray();
    expect(val.map((b) => b.shape)).toEqual([[500, 28], [500, 28]]);
    expect([val[0]!.y[0], ...val[0]!.x.subarray(0, 28)]).toEqual(GOLDEN.higgs_first_10000.row1);
  });
});
