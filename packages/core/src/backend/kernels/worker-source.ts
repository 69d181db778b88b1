import { KIND, SLOT, chunkBounds, claim } from './protocol.js';

/**
 * Source of a kernel worker (a CommonJS script for `new Worker(source, { eval: true })`, so that it
 * runs the same from `src` under vitest and from `dist`). It instantiates the compiled module on the
 * shared memory it is handed, says `ready`, then sleeps on the control word `SEQ` and, each time the
 * main thread starts a product or a job, claims chunks of it until none are left. The slot numbers,
 * `claim` and `chunkBounds` are protocol.ts' own, written in here from their values and source.
 */
export function kernelWorkerSource(): string {
  return String.raw`
'use strict';
const { parentPort, workerData } = require('worker_threads');
const { module, memory, control, scratch, job } = workerData;
const ctrl = new Int32Array(control);
const SLOT = ${JSON.stringify(SLOT)};
const KIND_GEMM = ${KIND.GEMM};
const claim = ${claim.toString()};
const chunkBounds = ${chunkBounds.toString()};
const { gemm, run } = new WebAssembly.Instance(module, { env: { memory } }).exports;
parentPort.postMessage('ready');
let seen = Atomics.load(ctrl, SLOT.SEQ);
for (;;) {
  Atomics.wait(ctrl, SLOT.SEQ, seen);
  seen = Atomics.load(ctrl, SLOT.SEQ);
  if (Atomics.load(ctrl, SLOT.STOP) !== 0) break;
  const chunks = Atomics.load(ctrl, SLOT.CHUNKS);
  for (let chunk = claim(ctrl, seen, chunks); chunk >= 0; chunk = claim(ctrl, seen, chunks)) {
    try {
      if (Atomics.load(ctrl, SLOT.KIND) === KIND_GEMM) {
        const m = Atomics.load(ctrl, SLOT.M), n = Atomics.load(ctrl, SLOT.N);
        const [i0, i1, j0, j1] = chunkBounds(Atomics.load(ctrl, SLOT.ROWS), Atomics.load(ctrl, SLOT.COLS), chunk, m, n);
        gemm(Atomics.load(ctrl, SLOT.A) >>> 0, Atomics.load(ctrl, SLOT.B) >>> 0, Atomics.load(ctrl, SLOT.C) >>> 0, scratch,
          m, n, Atomics.load(ctrl, SLOT.K), i0, i1, j0, j1, Atomics.load(ctrl, SLOT.FLAGS));
      } else {
        run(job, chunk);
      }
    } catch (e) {
      Atomics.store(ctrl, SLOT.FAILED, 1);
    }
    if (Atomics.add(ctrl, SLOT.DONE, 1) + 1 === chunks) Atomics.notify(ctrl, SLOT.DONE);
  }
}
`;
}
