import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import wabtInit from 'wabt';
import { FitcheckError } from '../../errors.js';
import { MC, MR, NR, PACKED_B, SCRATCH_BYTES, TRANS_A, TRANS_B } from './gemm-wat.js';
import { JOB_ADAM, JOB_ADD_ROW, JOB_COL_SUM, JOB_ELU, JOB_ELU_GRAD, JOB_L2_GRAD, JOB_MUL, JOB_WORDS } from './jobs-wat.js';
import { moduleWat } from './module-wat.js';
import { CLOSED, GENERATIONS, KIND, SLOT, SLOTS, chunkBounds, claim } from './protocol.js';
import { kernelWorkerSource } from './worker-source.js';

/** Below this many elements a memory-bound job runs on the calling thread. */
const PARALLEL_MIN_ELEMENTS = 65_536;
/** Below this many flops a product runs on the calling thread: waking a worker costs more. */
const PARALLEL_MIN_FLOPS = 4e6;
/**
 * Chunks per thread: a thread that wakes late still gets its share, and the last chunk (what the
 * main thread may wait for) is short.
 */
const CHUNKS_PER_THREAD = 8;
/** A worker that has not finished its chunk by then is gone (the product is a few milliseconds). */
const STALL_MS = 120_000;
/**
 * How long the main thread polls for the workers' last chunks before it sleeps. It has nothing else
 * to do, and waking a sleeping thread costs tens to hundreds of microseconds on a VM (a halted vCPU
 * and an interrupt), at some 500 waits an epoch: polling this long took the Large epoch's ratio to
 * PyTorch from 2.14 to 1.97 (mean of six paired runs each); ten times longer was worse again.
 */
const POLL_MS = 0.15;

/** One Adam step's constants, as TF.js rounds them to float32 (see adam-wat.ts). */
export interface AdamConstants {
  beta1: number;
  beta2: number;
  /** 1 − β1ᵗ and 1 − β2ᵗ. */
  d1: number;
  d2: number;
  epsilon: number;
  learningRate: number;
}

type GemmExport = (a: number, b: number, c: number, w: number, m: number, n: number, k: number,
  i0: number, i1: number, j0: number, j1: number, flags: number) => void;

export interface KernelOptions {
  /** The memory the operands live in (tfjs-backend-wasm's heap). */
  memory: WebAssembly.Memory;
  /** Allocate bytes in that memory (its `_malloc`): each thread's scratch panel. */
  malloc: (bytes: number) => number;
  /** Threads to multiply with, the calling one included; more than one needs a shared memory. */
  threads: number;
  /** Fused multiply-add: on when this V8 has relaxed SIMD (the default); false forces multiply, then add. */
  fma?: boolean;
}

export interface KernelEngine {
  /** Threads that multiply (1 when workers could not start or the memory is not shared). */
  readonly threads: number;
  /** Whether the kernel uses relaxed SIMD's fused multiply-add. */
  readonly fma: boolean;
  /** Products computed so far (tests use it to see which kernel ran). */
  readonly products: number;
  /** One fused Adam step over n floats: reads w, g, m, v and writes w', m', v' (addresses in bytes). */
  adam(at: { w: number; g: number; m: number; v: number; w2: number; m2: number; v2: number }, n: number,
    constants: AdamConstants): void;
  /** out[j] = Σᵢ x[i, j] over a row-major M×N x (addresses in bytes). */
  colsum(x: number, out: number, m: number, n: number): void;
  /**
   * Fill n floats at `out` with a dropout mask (`scale` where the draw r ≥ rate·2³², else 0) from the
   * xoroshiro128+ generator in pure-rand's state order [s01, s00, s11, s10]; returns the next state.
   */
  dropoutMask(out: number, n: number, state: readonly number[], rate: number): number[];
  /**
   * A one-unit Dense layer's output for `rows` rows of x (rows × k): out[i] = bias + Σ x[i, q]·w[q],
   * summed from the bias in k order (XNNPACK's bits for one column: column-wat.ts).
   */
  denseColumn(x: number, w: number, bias: number, out: number, rows: number, k: number): void;
  /** out = a·b elementwise over n floats (addresses in bytes). */
  multiplyElements(a: number, b: number, out: number, n: number): void;
  /** Σᵢ l2·wᵢ² over n floats, one float32 sum in order (TF.js' L2 penalty of a kernel). */
  l2Penalty(w: number, n: number, l2: number): number;
  /** g += l2·(2w) over n floats (the penalty's gradient added to the product's). */
  addL2Gradient(w: number, g: number, n: number, l2: number): void;
  /** Row i of `out` = row indices[i] of `x`, for `count` int32 indices at `indices` (addresses in bytes). */
  gatherRows(x: number, indices: number, out: number, count: number, rowBytes: number): void;
  /** ELU (α = 1) over n floats: out = x ≥ 0 ? x : eˣ − 1 (addresses in bytes). */
  elu(x: number, out: number, n: number): void;
  /** ELU's gradient from its output: out = y ≥ 0 ? dy : dy·(y + 1), over n floats (addresses in bytes). */
  eluGrad(dy: number, y: number, out: number, n: number): void;
  /** out[i, j] = x[i, j] + bias[j] over a row-major M×N x (addresses in bytes). */
  addrow(x: number, bias: number, out: number, m: number, n: number): void;
  /**
   * C = op(A)·op(B) for float32 matrices at byte addresses: C is M×N row-major, A is M×K (or K×M with
   * TRANS_A in `flags`), B is K×N (or N×K with TRANS_B). Needs N % 4 == 0 and K ≥ 1.
   */
  multiply(a: number, b: number, c: number, m: number, n: number, k: number, flags?: number): void;
  /** Stop the workers. */
  dispose(): Promise<void>;
}

const RELAXED_PROBE = '(module (func (param v128 v128 v128) (result v128) ' +
  '(f32x4.relaxed_madd (local.get 0) (local.get 1) (local.get 2))))';

type Wabt = Awaited<ReturnType<typeof wabtInit>>;

/** Text to binary. V8 validates it when it compiles (wabt.js's own validator rejects shared memories). */
function assemble(wabt: Wabt, text: string): Uint8Array {
  const parsed = wabt.parseWat('gemm.wat', text, { simd: true, relaxed_simd: true, threads: true, bulk_memory: true, sat_float_to_int: true });
  try {
    return parsed.toBinary({}).buffer;
  } finally {
    parsed.destroy();
  }
}

/**
 * Whether this V8 compiles relaxed SIMD. Node 22 does by default; Node 20's V8 has it complete behind
 * a flag, which is turned on here (it only admits more modules; nothing already compiled changes).
 */
function relaxedSimd(wabt: Wabt): boolean {
  const probe = assemble(wabt, RELAXED_PROBE);
  if (WebAssembly.validate(probe)) return true;
  setFlagsFromString('--experimental-wasm-relaxed-simd');
  return WebAssembly.validate(probe);
}

function isShared(memory: WebAssembly.Memory): boolean {
  return typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
}

function startWorker(module: WebAssembly.Module, memory: WebAssembly.Memory, control: SharedArrayBuffer,
  scratch: number, job: number): Promise<Worker> {
  const worker = new Worker(kernelWorkerSource(), { eval: true, workerData: { module, memory, control, scratch, job } });
  return new Promise((resolve, reject) => {
    worker.once('message', () => {
      worker.removeAllListeners('error');
      worker.unref(); // it sleeps on a futex between products; it must not keep the process alive
      resolve(worker);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`GEMM worker exited with code ${code} before it started`)));
  });
}

interface Plan {
  chunks: number;
  rows: number;
  cols: number;
}

/**
 * Split C into chunks: column panels when there are enough of them, else rows. A transposed A is
 * split by rows whenever it has enough of them: each chunk packs the rows of A it multiplies
 * (gemm-wat.ts), so column chunks would each pack all of A again (a Large dW: +25 % of copying).
 */
export function planChunks(m: number, n: number, k: number, threads: number, transA = false): Plan {
  const wanted = threads * CHUNKS_PER_THREAD;
  if (threads === 1 || 2 * m * n * k < PARALLEL_MIN_FLOPS) return { chunks: 1, rows: 0, cols: 0 };
  const panels = Math.ceil(n / NR);
  if (panels >= wanted && !(transA && m >= wanted * MR)) {
    const cols = Math.ceil(panels / wanted) * NR;
    return { chunks: Math.ceil(n / cols), rows: 0, cols };
  }
  const rows = Math.ceil(Math.ceil(m / wanted) / MR) * MR;
  return { chunks: Math.ceil(m / rows), rows, cols: 0 };
}

/**
 * Compile the kernel for this runtime and start `threads − 1` workers on the same memory. Falls back
 * to one thread (never fails for want of threads) when the memory is not shared or a worker does not
 * start; throws only if the module itself cannot be built here.
 */
export async function startKernels({ memory, malloc, threads, fma: wantFma }: KernelOptions): Promise<KernelEngine> {
  const wabt = await wabtInit();
  const fma = wantFma !== false && relaxedSimd(wabt);
  const shared = isShared(memory);
  const module = new WebAssembly.Module(assemble(wabt, moduleWat({ fma, shared })));
  const { exports } = new WebAssembly.Instance(module, { env: { memory } });
  const gemm = exports.gemm as GemmExport;
  const packb = exports.packb as (b: number, out: number, n: number, k: number, transB: number) => void;
  const column = exports.column as (x: number, w: number, bias: number, out: number, rows: number, k: number) => void;
  const l2sum = exports.l2sum as (w: number, n: number, l2: number) => number;
  const gatherrows = exports.gatherrows as (x: number, indices: number, out: number, count: number, rowBytes: number) => void;
  const dropoutmask = exports.dropoutmask as (out: number, n: number, state: number, threshold: number, scale: number) => void;
  const rngState = malloc(16);
  const run = exports.run as (job: number, chunk: number) => void;
  const job = malloc(JOB_WORDS * 4);
  const control = new SharedArrayBuffer(SLOTS * 4);
  const ctrl = new Int32Array(control);
  Atomics.store(ctrl, SLOT.NEXT, CLOSED);
  const mainScratch = malloc(SCRATCH_BYTES);

  let workers: Worker[] = [];
  if (shared && threads > 1) {
    try {
      workers = await Promise.all(Array.from({ length: threads - 1 },
        () => startWorker(module, memory, control, malloc(SCRATCH_BYTES), job)));
    } catch {
      workers = []; // one thread it is: the product is the same, only slower
    }
  }
  const total = workers.length + 1;

  function waitForWorkers(chunks: number): void {
    const polling = performance.now();
    do {
      for (let i = 0; i < 64; i++) if (Atomics.load(ctrl, SLOT.DONE) >= chunks) return;
    } while (performance.now() - polling < POLL_MS);
    const start = Date.now();
    for (;;) {
      const done = Atomics.load(ctrl, SLOT.DONE);
      if (done >= chunks) return;
      if (Atomics.wait(ctrl, SLOT.DONE, done, 1_000) === 'timed-out' && Date.now() - start > STALL_MS) {
        throw new FitcheckError('BACKEND_UNAVAILABLE', `a kernel worker stopped answering (${done}/${chunks} chunks)`,
          {}, 'set FITCHECK_FAST_KERNELS=0 to train without fitcheck\'s kernels, and report this', {
            message: { key: 'errCore.backend.workerStalled', params: { done: String(done), chunks: String(chunks) } },
            hint: { key: 'errCore.backend.workerStalledFix' },
          });
      }
    }
  }

  /**
   * Run `chunks` chunks of work: `setup` writes what describes it (slots or the job block) while no
   * claim can succeed; the main thread then claims chunks alongside the workers and waits for theirs.
   */
  function dispatch(kind: number, chunks: number, setup: () => void, chunk: (index: number) => void): void {
    if (workers.length === 0 || chunks === 1) {
      setup();
      for (let i = 0; i < chunks; i++) chunk(i);
      return;
    }
    const generation = (Atomics.load(ctrl, SLOT.SEQ) + 1) % GENERATIONS;
    Atomics.store(ctrl, SLOT.NEXT, CLOSED);
    setup();
    Atomics.store(ctrl, SLOT.KIND, kind);
    Atomics.store(ctrl, SLOT.CHUNKS, chunks);
    Atomics.store(ctrl, SLOT.DONE, 0);
    Atomics.store(ctrl, SLOT.FAILED, 0);
    Atomics.store(ctrl, SLOT.NEXT, generation * 0x1_0000);
    Atomics.store(ctrl, SLOT.SEQ, generation);
    Atomics.notify(ctrl, SLOT.SEQ);
    for (let index = claim(ctrl, generation, chunks); index >= 0; index = claim(ctrl, generation, chunks)) {
      chunk(index);
      Atomics.add(ctrl, SLOT.DONE, 1);
    }
    waitForWorkers(chunks);
    if (Atomics.load(ctrl, SLOT.FAILED) !== 0) throw new Error('a kernel worker failed on its chunk');
  }

  /** A memory-bound job over `units` (elements, rows or columns; chunks a multiple of `align`). */
  function parallelJob(kind: number, units: number, elements: number, align: number, args: readonly number[],
    floats: readonly number[] = []): void {
    const wanted = elements < PARALLEL_MIN_ELEMENTS ? 1 : total * CHUNKS_PER_THREAD;
    const per = Math.max(align, Math.ceil(units / wanted / align) * align);
    const setup = (): void => {
      new Int32Array(memory.buffer, job, JOB_WORDS).set([kind, units, per, ...args]);
      new Float32Array(memory.buffer, job, JOB_WORDS).set(floats, 3 + args.length);
    };
    dispatch(KIND.JOB, Math.max(1, Math.ceil(units / per)), setup, (index) => run(job, index));
  }

  /** Where a product's B is packed whole (packb), grown to the largest such B so far. */
  let packed = { at: 0, bytes: 0 };
  function packedB(b: number, n: number, k: number, flags: number): number {
    const bytes = n * k * 4;
    if (bytes > packed.bytes) packed = { at: malloc(Math.max(bytes, 2 * packed.bytes)), bytes: Math.max(bytes, 2 * packed.bytes) };
    packb(b, packed.at, n, k, flags & TRANS_B);
    return packed.at;
  }

  let products = 0;
  return {
    threads: total,
    fma,
    get products() {
      return products;
    },
    colsum(x, out, m, n) {
      parallelJob(JOB_COL_SUM, n, m * n, 4, [x, out, m, n]);
    },
    addrow(x, bias, out, m, n) {
      parallelJob(JOB_ADD_ROW, m, m * n, 1, [x, bias, out, n]);
    },
    elu(x, out, n) {
      parallelJob(JOB_ELU, n, n, 4, [x, out]);
    },
    eluGrad(dy, y, out, n) {
      parallelJob(JOB_ELU_GRAD, n, n, 4, [dy, y, out]);
    },
    denseColumn(x, w, bias, out, rows, k) {
      column(x, w, bias, out, rows, k);
    },
    multiplyElements(a, b, out, n) {
      parallelJob(JOB_MUL, n, n, 4, [a, b, out]);
    },
    l2Penalty(w, n, l2) {
      return l2sum(w, n, l2);
    },
    addL2Gradient(w, g, n, l2) {
      parallelJob(JOB_L2_GRAD, n, n, 4, [w, g], [l2]);
    },
    gatherRows(x, indices, out, count, rowBytes) {
      gatherrows(x, indices, out, count, rowBytes);
    },
    dropoutMask(out, n, [s01, s00, s11, s10], rate) {
      const words = new Int32Array(memory.buffer, rngState, 4);
      words.set([s00 ?? 0, s01 ?? 0, s10 ?? 0, s11 ?? 0]);
      dropoutmask(out, n, rngState, rate * 0x1_0000_0000, 1 / (1 - rate));
      const next = new Int32Array(memory.buffer, rngState, 4);
      return [next[1] ?? 0, next[0] ?? 0, next[3] ?? 0, next[2] ?? 0];
    },
    adam({ w, g, m, v, w2, m2, v2 }, n, { beta1, beta2, d1, d2, epsilon, learningRate }) {
      parallelJob(JOB_ADAM, n, n, 4, [w, g, m, v, w2, m2, v2],
        [beta1, 1 - beta1, beta2, 1 - beta2, d1, d2, epsilon, -learningRate]);
    },
    multiply(a, b, c, m, n, k, flags = 0) {
      products++;
      const transA = (flags & TRANS_A) !== 0;
      const plan = planChunks(m, n, k, total, transA);
      // Chunks of rows, and MC blocks of a transposed A, each pack all of B again: pack it once here.
      const packOnce = (plan.rows > 0 && plan.chunks > 1) || (transA && m > MC);
      const [bAt, bFlags] = packOnce ? [packedB(b, n, k, flags), flags | PACKED_B] : [b, flags];
      const setup = (): void => {
        for (const [slot, value] of [[SLOT.A, a], [SLOT.B, bAt], [SLOT.C, c], [SLOT.M, m], [SLOT.N, n], [SLOT.K, k],
          [SLOT.ROWS, plan.rows], [SLOT.COLS, plan.cols], [SLOT.FLAGS, bFlags]] as const) {
          Atomics.store(ctrl, slot, value | 0);
        }
      };
      dispatch(KIND.GEMM, plan.chunks, setup, (index) => {
        const [i0, i1, j0, j1] = chunkBounds(plan.rows, plan.cols, index, m, n);
        gemm(a, bAt, c, mainScratch, m, n, k, i0, i1, j0, j1, bFlags);
      });
    },
    async dispose() {
      Atomics.store(ctrl, SLOT.STOP, 1);
      Atomics.store(ctrl, SLOT.SEQ, (Atomics.load(ctrl, SLOT.SEQ) + 1) % GENERATIONS);
      Atomics.notify(ctrl, SLOT.SEQ);
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
