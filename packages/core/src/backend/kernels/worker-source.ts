/**
 * Source of a kernel worker (a CommonJS script for `new Worker(source, { eval: true })`, so that it
 * runs the same from `src` under vitest and from `dist`). It instantiates the compiled module on the
 * shared memory it is handed, says `ready`, then sleeps on the control word `SEQ` and, each time the
 * main thread starts a product or a job, claims chunks of it until none are left. The protocol is described
 * in engine.ts; the slot numbers here must match `SLOT` there.
 */
export const KERNEL_WORKER_SOURCE = String.raw`
'use strict';
const { parentPort, workerData } = require('worker_threads');
const { module, memory, control, scratch, job } = workerData;
const ctrl = new Int32Array(control);
const SEQ = 0, NEXT = 1, DONE = 2, FAILED = 3, A = 4, B = 5, C = 6, M = 7, N = 8, K = 9,
  CHUNKS = 10, ROWS = 11, COLS = 12, STOP = 13, FLAGS = 14, KIND = 15, KIND_GEMM = 0;
const { gemm, run } = new WebAssembly.Instance(module, { env: { memory } }).exports;
parentPort.postMessage('ready');
// Claim a chunk of the job of this generation by compare-and-swap (see claim() in engine.ts).
const claim = (generation, chunks) => {
  for (;;) {
    const next = Atomics.load(ctrl, NEXT);
    const index = next & 0xffff;
    if (next >>> 16 !== generation || index >= chunks) return -1;
    if (Atomics.compareExchange(ctrl, NEXT, next, next + 1) === next) return index;
  }
};
let seen = Atomics.load(ctrl, SEQ);
for (;;) {
  Atomics.wait(ctrl, SEQ, seen);
  seen = Atomics.load(ctrl, SEQ);
  if (Atomics.load(ctrl, STOP) !== 0) break;
  const chunks = Atomics.load(ctrl, CHUNKS);
  for (let chunk = claim(seen, chunks); chunk >= 0; chunk = claim(seen, chunks)) {
    try {
      if (Atomics.load(ctrl, KIND) === KIND_GEMM) {
        const m = Atomics.load(ctrl, M), n = Atomics.load(ctrl, N), rows = Atomics.load(ctrl, ROWS);
        const cols = Atomics.load(ctrl, COLS);
        const i0 = rows === 0 ? 0 : chunk * rows, i1 = rows === 0 ? m : Math.min(m, i0 + rows);
        const j0 = cols === 0 ? 0 : chunk * cols, j1 = cols === 0 ? n : Math.min(n, j0 + cols);
        gemm(Atomics.load(ctrl, A) >>> 0, Atomics.load(ctrl, B) >>> 0, Atomics.load(ctrl, C) >>> 0, scratch,
          m, n, Atomics.load(ctrl, K), i0, i1, j0, j1, Atomics.load(ctrl, FLAGS));
      } else {
        run(job, chunk);
      }
    } catch (e) {
      Atomics.store(ctrl, FAILED, 1);
    }
    if (Atomics.add(ctrl, DONE, 1) + 1 === chunks) Atomics.notify(ctrl, DONE);
  }
}
`;
