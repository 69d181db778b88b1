import { afterAll, describe, expect, it } from 'vitest';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { planChunks, startKernels } from './engine.js';
import { claim } from './protocol.js';
import type { KernelEngine } from './engine.js';
import { KC, MC, MR, NR, TRANS_A, TRANS_B } from './gemm-wat.js';

/** A shared memory with a bump allocator, standing in for tfjs-backend-wasm's heap. */
function heap(shared: boolean): { memory: WebAssembly.Memory; malloc: (bytes: number) => number } {
  const memory = new WebAssembly.Memory({ initial: 256, maximum: 65536, shared });
  let top = 64;
  return {
    memory,
    malloc: (bytes) => {
      const at = top;
      top += Math.ceil(bytes / 64) * 64;
      if (top > memory.buffer.byteLength) memory.grow(Math.ceil((top - memory.buffer.byteLength) / 65536));
      return at;
    },
  };
}

function fill(memory: WebAssembly.Memory, at: number, n: number, seed: number): Float32Array {
  const rng = xoroshiro128plus(seed);
  const values = Float32Array.from({ length: n }, () => 2 * uniformFloat64(rng) - 1);
  new Float32Array(memory.buffer, at, n).set(values);
  return values;
}

/** float64 op(A)·op(B), the reference every result is held to (A stored K×M with TRANS_A, B N×K with TRANS_B). */
function product(a: Float32Array, b: Float32Array, m: number, n: number, k: number, flags: number): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
    let s = 0;
    for (let q = 0; q < k; q++) {
      s += (a[flags & TRANS_A ? q * m + i : i * k + q] ?? NaN) * (b[flags & TRANS_B ? j * k + q : q * n + j] ?? NaN);
    }
    c[i * n + j] = s;
  }
  return c;
}

const engines: KernelEngine[] = [];
afterAll(async () => {
  await Promise.all(engines.map((e) => e.dispose()));
});

async function engine(shared: boolean, threads: number, fma?: boolean) {
  const h = heap(shared);
  const e = await startKernels({ ...h, threads, ...(fma === undefined ? {} : { fma }) });
  engines.push(e);
  return { ...h, e };
}

// Edges of every kind: one row, rows that leave a partial tile, N not a multiple of a panel,
// K of one and K across blocks of KC, and the lab's own shapes.
const SHAPES: [number, number, number][] = [
  [1, 4, 1], [2, 8, 3], [MR + 1, NR + 4, 7], [7, 20, KC - 1], [5, 12, KC + 1], [33, 36, 2 * KC + 1], [64, 96, 600],
  [500, 512, 28], [28, 512, 500], [32, 1024, 300],
];

describe('fitcheck GEMM', () => {
  for (const [label, shared, threads, fma] of [
    ['one thread, fused multiply-add', false, 1, undefined],
    ['one thread, multiply then add', false, 1, false],
    ['two threads on a shared memory', true, 2, undefined],
  ] as const) {
    it(`${label}: equals the float64 product within float32 rounding`, async () => {
      const { memory, malloc, e } = await engine(shared, threads, fma);
      expect(e.threads).toBe(threads);
      if (fma === false) expect(e.fma).toBe(false);
      for (const [s, [m, n, k]] of SHAPES.entries()) {
        for (const flags of [0, TRANS_A, TRANS_B, TRANS_A | TRANS_B]) {
          const [a, b, c] = [malloc(m * k * 4), malloc(k * n * 4), malloc(m * n * 4)];
          const av = fill(memory, a, m * k, 2 * s);
          const bv = fill(memory, b, k * n, 2 * s + 1);
          new Float32Array(memory.buffer, c, m * n).fill(Number.NaN);
          e.multiply(a, b, c, m, n, k, flags);
          const want = product(av, bv, m, n, k, flags);
          const got = new Float32Array(memory.buffer, c, m * n);
          let worst = 0;
          for (const [i, v] of got.entries()) worst = Math.max(worst, Math.abs(v - (want[i] ?? NaN)));
          // |error| ≤ k·ε·Σ|a||b| ≈ k·ε·k/3 for values in (−1, 1); NaN (an unwritten cell) fails too.
          expect(worst, `${m}×${n}×${k}, flags ${flags}`).toBeLessThan(Math.max(1e-6, (k * k) / 3 * 1.2e-7));
        }
      }
    });
  }

  it('gives the same bits on one thread and on two (each element is summed in one fixed order), B packed per panel or once', async () => {
    const one = await engine(true, 1);
    const two = await engine(true, 2);
    expect(two.e.threads).toBe(2);
    const run = ({ memory, malloc, e }: typeof one, [m, n, k]: readonly number[], flags: number): Float32Array => {
      const [a, b, c] = [malloc(m! * k! * 4), malloc(k! * n! * 4), malloc(m! * n! * 4)];
      fill(memory, a, m! * k!, 7);
      fill(memory, b, k! * n!, 8);
      e.multiply(a, b, c, m!, n!, k!, flags);
      return new Float32Array(memory.buffer, c, m! * n!).slice();
    };
    // 500×512: column chunks on two threads (each packs its panels); 500×64: row chunks, whose B is
    // packed once for all of them (PACKED_B), against one thread packing per panel.
    for (const shape of [[500, 512, 512], [500, 64, 300]]) {
      for (const flags of [0, TRANS_B, TRANS_A | TRANS_B]) {
        expect(Buffer.from(run(two, shape, flags).buffer).equals(Buffer.from(run(one, shape, flags).buffer)), `${shape} ${flags}`).toBe(true);
      }
    }
  });

  it('gives a transposed A, packed MC rows at a time, the same bits as that A stored row-major', async () => {
    const { memory, malloc, e } = await engine(false, 1);
    // Rows over several packed blocks and a partial tile; K over a block of KC.
    const [m, n, k] = [2 * MC + MR + 2, 24, KC + 9];
    const [a, at, b, c, ct] = [malloc(m * k * 4), malloc(m * k * 4), malloc(k * n * 4), malloc(m * n * 4), malloc(m * n * 4)];
    const av = fill(memory, a, m * k, 11);
    fill(memory, b, k * n, 12);
    const stored = new Float32Array(memory.buffer, at, m * k);
    for (let i = 0; i < m; i++) for (let q = 0; q < k; q++) stored[q * m + i] = av[i * k + q]!;
    e.multiply(a, b, c, m, n, k, 0);
    e.multiply(at, b, ct, m, n, k, TRANS_A);
    const [rowMajor, transposed] = [new Float32Array(memory.buffer, c, m * n), new Float32Array(memory.buffer, ct, m * n)];
    expect(rowMajor.some((x) => x !== 0)).toBe(true);
    expect(Buffer.from(transposed.slice().buffer).equals(Buffer.from(rowMajor.slice().buffer))).toBe(true);
  });

  it('runs on one thread when the memory is not shared', async () => {
    const { e } = await engine(false, 2);
    expect(e.threads).toBe(1);
  });
});

describe('planChunks', () => {
  it('keeps small products on the calling thread', () => {
    expect(planChunks(10, 16, 10, 2)).toEqual({ chunks: 1, rows: 0, cols: 0 });
    expect(planChunks(500, 512, 512, 1)).toEqual({ chunks: 1, rows: 0, cols: 0 });
  });

  it('splits wide products by whole column panels and narrow ones by whole row tiles', () => {
    const wide = planChunks(500, 512, 512, 2);
    expect(wide.rows).toBe(0);
    expect(wide.cols % NR).toBe(0);
    expect(wide.chunks).toBe(Math.ceil(512 / wide.cols));
    expect(wide.chunks).toBeGreaterThanOrEqual(4);
    // A transposed A (dW = Xᵀ·dY) is split by rows, so that no two chunks pack the same rows of A.
    const transposed = planChunks(512, 512, 500, 2, true);
    expect(transposed.cols).toBe(0);
    expect(transposed.rows % MR).toBe(0);
    expect(transposed.chunks).toBeGreaterThanOrEqual(4);
    expect(planChunks(24, 512, 500, 2, true).rows).toBe(0); // too few rows: by columns after all
    const narrow = planChunks(12288, 16, 1024, 2);
    expect(narrow.cols).toBe(0);
    expect(narrow.rows % MR).toBe(0);
    expect(narrow.chunks * narrow.rows).toBeGreaterThanOrEqual(12288);
  });
});

describe('threaded memory-bound jobs', () => {
  it('give the same bits on two threads as on one: Adam, ELU and its gradient, bias add and bias gradient', async () => {
    const one = await engine(true, 1);
    const two = await engine(true, 2);
    const [m, n] = [301, 516]; // 155,316 elements: over the threading threshold, rows and columns uneven
    const size = m * n;
    const inputs: Float32Array[] = [];
    const run = ({ memory, malloc, e }: typeof one): Float32Array[] => {
      const alloc = (count: number, seed: number): number => {
        const at = malloc(count * 4);
        fill(memory, at, count, seed);
        return at;
      };
      const [w, g, mo, v] = [alloc(size, 1), alloc(size, 2), alloc(size, 3), alloc(size, 4)];
      new Float32Array(memory.buffer, v, size).forEach((x, i, all) => { all[i] = Math.abs(x); });
      const outs = [malloc(size * 4), malloc(size * 4), malloc(size * 4), malloc(size * 4), malloc(size * 4), malloc(n * 4)];
      const [w2, m2, v2, grad, added, summed] = outs as [number, number, number, number, number, number];
      e.adam({ w, g, m: mo, v, w2, m2, v2 }, size,
        { beta1: 0.9, beta2: 0.999, d1: 0.1, d2: 0.001, epsilon: 1e-7, learningRate: 0.001 });
      e.eluGrad(g, w, grad, size);
      e.elu(w, w2, size); // overwrites w2 after Adam's use: compared in both runs all the same
      e.addrow(w, g, added, m, n);
      e.colsum(w, summed, m, n);
      inputs.splice(0, 2, new Float32Array(memory.buffer, w, size).slice(), new Float32Array(memory.buffer, g, n).slice());
      return outs.map((at, i) => new Float32Array(memory.buffer, at, i === 5 ? n : size).slice());
    };
    const [a, b] = [run(one), run(two)];
    expect(two.e.threads).toBe(2);
    for (const [i, x] of a.entries()) expect(Buffer.from(x.buffer).equals(Buffer.from(b[i]!.buffer)), `output ${i}`).toBe(true);
    // And they computed what they say: the bias add exactly, the column sums within float32 rounding.
    const [w, bias] = inputs as [Float32Array, Float32Array];
    for (const i of [0, 1, n - 1, n, size - 1]) expect(b[4]![i]).toBe(Math.fround(w[i]! + bias[i % n]!));
    for (const j of [0, 3, 4, n - 1]) {
      let sum = 0;
      for (let i = 0; i < m; i++) sum += w[i * n + j]!;
      expect(Math.abs(b[5]![j]! - sum)).toBeLessThan(1e-4);
    }
  });

  it("the fused step's dropout product and L2 penalty: TF.js' float32 operations, the same bits on two threads as on one", async () => {
    const f = Math.fround;
    const size = 155_317; // over the threading threshold, not a multiple of 4
    const l2 = 0.001;
    const run = async (shared: typeof one): Promise<{ product: Float32Array; grad: Float32Array; penalty: number; w: Float32Array; g: Float32Array; mask: Float32Array }> => {
      const { memory, malloc, e } = shared;
      const [w, g, mask, out] = [malloc(size * 4), malloc(size * 4), malloc(size * 4), malloc(size * 4)];
      fill(memory, w, size, 21);
      fill(memory, g, size, 22);
      fill(memory, mask, size, 23);
      const before = { w: new Float32Array(memory.buffer, w, size).slice(), g: new Float32Array(memory.buffer, g, size).slice(), mask: new Float32Array(memory.buffer, mask, size).slice() };
      e.multiplyElements(w, mask, out, size);
      const penalty = e.l2Penalty(w, size, l2);
      e.addL2Gradient(w, g, size, l2);
      return { ...before, product: new Float32Array(memory.buffer, out, size).slice(), grad: new Float32Array(memory.buffer, g, size).slice(), penalty };
    };
    const one = await engine(true, 1);
    const [a, b] = [await run(one), await run(await engine(true, 2))];
    expect(Buffer.from(b.product.buffer).equals(Buffer.from(a.product.buffer))).toBe(true);
    expect(Buffer.from(b.grad.buffer).equals(Buffer.from(a.grad.buffer))).toBe(true);
    let sum = 0;
    for (const x of a.w) sum = f(sum + f(f(l2) * f(x * x)));
    expect([a.penalty, b.penalty]).toEqual([sum, sum]);
    for (const i of [0, 1, 4, size - 1]) {
      expect(a.product[i]).toBe(f(a.w[i]! * a.mask[i]!));
      expect(a.grad[i]).toBe(f(f(f(l2) * (a.w[i]! * 2)) + a.g[i]!));
    }
  });
});

describe('claim', () => {
  it('hands out the chunks of its own generation once each, and none of another or of a closed job', () => {
    const ctrl = new Int32Array(new SharedArrayBuffer(64));
    const NEXT = 1;
    Atomics.store(ctrl, NEXT, 5 * 0x1_0000 + 2);
    expect(claim(ctrl, 4, 4)).toBe(-1); // a thread still on generation 4 takes nothing
    expect(Atomics.load(ctrl, NEXT)).toBe(5 * 0x1_0000 + 2);
    expect([claim(ctrl, 5, 4), claim(ctrl, 5, 4), claim(ctrl, 5, 4)]).toEqual([2, 3, -1]);
    Atomics.store(ctrl, NEXT, 0x7fff_ffff); // closed while the next job is set up
    expect([claim(ctrl, 5, 4), claim(ctrl, 0x7ffe, 4), claim(ctrl, 0, 4)]).toEqual([-1, -1, -1]);
  });
});
