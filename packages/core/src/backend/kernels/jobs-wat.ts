// Threads split the memory-bound kernels too (the Adam step, ELU and its gradient, the bias add and
// its gradient) so that the GEMM's workers are not idle between products. A job is a block of i32 words
// in the heap — [kind, units, units per chunk, arguments…] — and `run(job, chunk)` does one chunk of
// it, so the main thread and every worker run the same dispatch. Chunks split elements, rows or
// columns, never a sum, so results do not depend on the thread count.

export const JOB_ADAM = 1;
export const JOB_ELU_GRAD = 2;
export const JOB_ADD_ROW = 3;
export const JOB_COL_SUM = 4;
export const JOB_ELU = 5;
export const JOB_MUL = 6;
export const JOB_L2_GRAD = 7;
/** Words in a job block: kind, units, per chunk, then up to 15 arguments. */
export const JOB_WORDS = 18;

/** `run(job, chunk)`: chunk `chunk` of the job at `job` (units [chunk·per, chunk·per + per)). */
export function jobsFunction(): string {
  const i = (word: number): string => `(i32.load offset=${word * 4} (local.get $job))`;
  const f = (word: number): string => `(f32.load offset=${word * 4} (local.get $job))`;
  const elements = (word: number): string => `(i32.add ${i(word)} (local.get $o))`;
  return `(func (export "run") (param $job i32) (param $chunk i32)
  (local $u0 i32) (local $n i32) (local $kind i32) (local $o i32) (local $row i32)
  (local.set $u0 (i32.mul (local.get $chunk) ${i(2)}))
  (br_if 0 (i32.ge_u (local.get $u0) ${i(1)}))
  (local.set $n (i32.sub ${i(1)} (local.get $u0)))
  (if (i32.gt_u (local.get $n) ${i(2)}) (then (local.set $n ${i(2)})))
  (local.set $kind ${i(0)})
  (local.set $o (i32.shl (local.get $u0) (i32.const 2)))
  (if (i32.eq (local.get $kind) (i32.const ${JOB_ADAM})) (then
    ;; w g m v w' m' v' | β1 1−β1 β2 1−β2 d1 d2 ε −lr
    (call $adam ${elements(3)} ${elements(4)} ${elements(5)} ${elements(6)} ${elements(7)} ${elements(8)} ${elements(9)}
      (local.get $n) ${f(10)} ${f(11)} ${f(12)} ${f(13)} ${f(14)} ${f(15)} ${f(16)} ${f(17)})
    (return)))
  (if (i32.eq (local.get $kind) (i32.const ${JOB_ELU_GRAD})) (then
    ;; dy y out
    (call $elugrad ${elements(3)} ${elements(4)} ${elements(5)} (local.get $n))
    (return)))
  (if (i32.eq (local.get $kind) (i32.const ${JOB_ADD_ROW})) (then
    ;; x bias out N: units are rows
    (local.set $row (i32.mul (local.get $u0) (i32.shl ${i(6)} (i32.const 2))))
    (call $addrow (i32.add ${i(3)} (local.get $row)) ${i(4)} (i32.add ${i(5)} (local.get $row)) (local.get $n) ${i(6)})
    (return)))
  (if (i32.eq (local.get $kind) (i32.const ${JOB_MUL})) (then
    ;; a b out
    (call $mul ${elements(3)} ${elements(4)} ${elements(5)} (local.get $n))
    (return)))
  (if (i32.eq (local.get $kind) (i32.const ${JOB_L2_GRAD})) (then
    ;; w g | l2
    (call $l2grad ${elements(3)} ${elements(4)} (local.get $n) ${f(5)})
    (return)))
  (if (i32.eq (local.get $kind) (i32.const ${JOB_ELU})) (then
    ;; x out
    (call $elu ${elements(3)} ${elements(4)} (local.get $n))
    (return)))
  (if (i32.eq (local.get $kind) (i32.const ${JOB_COL_SUM})) (then
    ;; x out M N: units are columns
    (call $colsum ${elements(3)} ${elements(4)} ${i(5)} (local.get $n) (i32.shl ${i(6)} (i32.const 2))))))`;
}
