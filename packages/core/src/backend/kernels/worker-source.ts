/**
 * Source of a GEMM worker (a CommonJS script for `new Worker(source, { eval: true })`, so that it
 * runs the same from `src` under vitest and from `dist`). It instantiates the compiled module on the
 * shared memory it is handed, says `ready`, then sleeps on the control word `SEQ` and, each time the
 * main thread starts a product, claims chunks of it until none are left. The protocol is described
 * in gemm-engine.ts; the slot numbers here must match `SLOT` there.
 */
export const KERNEL_WORKER_SOURCE = String.raw`
'use strict';
const { parentPort, workerData } = require('worker_threads');
const { module, memory, control, scratch } = workerData;
const ctrl = new Int32Array(control);
const SEQ = 0, NEXT = 1, DONE = 2, FAILED = 3, A = 4, B = 5, C = 6, M = 7, N = 8, K = 9,
  CHUNKS = 10, ROWS = 11, COLS = 12, STOP = 13, FLAGS = 14;
const gemm = new WebAssembly.Instance(module, { env: { memory } }).exports.gemm;
parentPort.postMessage('ready');
let seen = Atomics.load(ctrl, SEQ);
for (;;) {
  Atomics.wait(ctrl, SEQ, seen);
  seen = Atomics.load(ctrl, SEQ);
  if (Atomics.load(ctrl, STOP) !== 0) break;
  for (;;) {
    const chunk = Atomics.add(ctrl, NEXT, 1);
    const chunks = Atomics.load(ctrl, CHUNKS);
    if (chunk >= chunks) break;
    const m = Atomics.load(ctrl, M), n = Atomics.load(ctrl, N), rows = Atomics.load(ctrl, ROWS);
    const cols = Atomics.load(ctrl, COLS);
    const i0 = rows === 0 ? 0 : chunk * rows, i1 = rows === 0 ? m : Math.min(m, i0 + rows);
    const j0 = cols === 0 ? 0 : chunk * cols, j1 = cols === 0 ? n : Math.min(n, j0 + cols);
    try {
      gemm(Atomics.load(ctrl, A) >>> 0, Atomics.load(ctrl, B) >>> 0, Atomics.load(ctrl, C) >>> 0, scratch,
        m, n, Atomics.load(ctrl, K), i0, i1, j0, j1, Atomics.load(ctrl, FLAGS));
    } catch (e) {
      Atomics.store(ctrl, FAILED, 1);
    }
    if (Atomics.add(ctrl, DONE, 1) + 1 === chunks) Atomics.notify(ctrl, DONE);
  }
}
`;
