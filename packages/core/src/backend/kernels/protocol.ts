// The protocol between the main thread and the kernel workers: one control block of Int32 slots in
// a SharedArrayBuffer. engine.ts drives it; worker-source.ts generates the workers' script from the
// constants and functions below, so both sides read the same slot numbers and the same claim.
//   SEQ     the generation (15 bits) of the latest product or job: the word sleeping workers wait on
//   NEXT    generation · 2¹⁶ + next chunk; a thread claims a chunk by compare-and-swap, only for the
//           generation it woke for, so a thread that was descheduled mid-claim can never take a
//           chunk of a later job (or count one twice). CLOSED while the main thread sets a job up.
//   DONE    chunks finished; the last one to finish wakes the main thread
//   FAILED  set by a worker whose chunk threw
//   A..K    the product's addresses and sizes; CHUNKS and the chunk size (ROWS or COLS, the other 0)
//   STOP    set once, when the engine is disposed
//   FLAGS   TRANS_A / TRANS_B (gemm-wat.ts)
//   KIND    KIND_GEMM, or KIND_JOB: chunks of the job block whose address the workers got at start
// Every thread claims chunks until none remain, the main thread included, so a worker that wakes
// late costs nothing but its share; which thread computes a chunk never changes the result.

export const SLOT = {
  SEQ: 0, NEXT: 1, DONE: 2, FAILED: 3, A: 4, B: 5, C: 6, M: 7, N: 8, K: 9, CHUNKS: 10, ROWS: 11, COLS: 12, STOP: 13,
  FLAGS: 14, KIND: 15,
} as const;
export const SLOTS = Object.keys(SLOT).length;
/** SLOT.KIND: a GEMM (its arguments in the slots) or a job block in the heap (jobs-wat.ts). */
export const KIND = { GEMM: 0, JOB: 1 } as const;
/** NEXT while a job is being set up: its generation field (0x7fff) is past the last generation. */
export const CLOSED = 0x7fff_ffff;
export const GENERATIONS = 0x7fff;

// The two functions below also run inside the workers, as their source text (worker-source.ts):
// they may use only their parameters, `SLOT` and globals, and no TypeScript-only syntax at runtime.

/** Claim the next chunk of `generation` (below `chunks`), or −1 when none is left or the job is another's. */
export function claim(ctrl: Int32Array, generation: number, chunks: number): number {
  for (;;) {
    const next = Atomics.load(ctrl, SLOT.NEXT);
    const index = next & 0xffff;
    if (next >>> 16 !== generation || index >= chunks) return -1;
    if (Atomics.compareExchange(ctrl, SLOT.NEXT, next, next + 1) === next) return index;
  }
}

/** Rows [i0, i1) and columns [j0, j1) of C in `chunk` of a product split by `rows` or by `cols` (the other 0). */
export function chunkBounds(rows: number, cols: number, chunk: number, m: number, n: number): [number, number, number, number] {
  const i0 = rows === 0 ? 0 : chunk * rows;
  const j0 = cols === 0 ? 0 : chunk * cols;
  return [i0, rows === 0 ? m : Math.min(m, i0 + rows), j0, cols === 0 ? n : Math.min(n, j0 + cols)];
}
