// Two memory-bound kernels of every Dense layer, which tfjs-backend-wasm runs slowly at the lab's
// shapes: the bias gradient, a sum over the batch (its Sum transposes the whole input first so that
// the reduced axis is innermost), and the bias add, a broadcast over rows. Both stream the rows once
// with the N-wide accumulator or bias in L1. Each column is summed in row order from zero, as TF.js
// sums, so the results are the same to the bit.

/** A loop over bytes [0, end) of a row: the SIMD body four floats at a time, then a scalar tail. */
function rowLoop(simd: string, scalar: string): string {
  return `
      (local.set $j (i32.const 0))
      (block $simd_done (loop $simd
        (br_if $simd_done (i32.gt_u (i32.add (local.get $j) (i32.const 16)) (local.get $row)))
        ${simd}
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $simd)))
      (block $done (loop $tail
        (br_if $done (i32.ge_u (local.get $j) (local.get $row)))
        ${scalar}
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $tail)))`;
}

/**
 * `colsum(x, out, M, N, stride)`: out[j] = Σᵢ x[i, j] for the N columns at `x` of M rows `stride`
 * bytes apart (a block of columns of a wider matrix, when threads split the columns).
 */
function colsum(): string {
  const at = (base: string): string => `(i32.add (local.get ${base}) (local.get $j))`;
  return `(func $colsum (export "colsum") (param $x i32) (param $out i32) (param $M i32) (param $N i32) (param $stride i32)
  (local $row i32) (local $i i32) (local $j i32)
  (local.set $row (i32.shl (local.get $N) (i32.const 2)))
  (memory.fill (local.get $out) (i32.const 0) (local.get $row))
  (local.set $i (local.get $M))
  (block $rows_done (loop $rows
    (br_if $rows_done (i32.eqz (local.get $i)))
    ${rowLoop(
    `(v128.store ${at('$out')} (f32x4.add (v128.load ${at('$out')}) (v128.load ${at('$x')})))`,
    `(f32.store ${at('$out')} (f32.add (f32.load ${at('$out')}) (f32.load ${at('$x')})))`,
  )}
    (local.set $x (i32.add (local.get $x) (local.get $stride)))
    (local.set $i (i32.sub (local.get $i) (i32.const 1)))
    (br $rows))))`;
}

/** `addrow(x, bias, out, M, N)`: out[i, j] = x[i, j] + bias[j]. */
function addrow(): string {
  const at = (base: string): string => `(i32.add (local.get ${base}) (local.get $j))`;
  return `(func $addrow (export "addrow") (param $x i32) (param $bias i32) (param $out i32) (param $M i32) (param $N i32)
  (local $row i32) (local $i i32) (local $j i32)
  (local.set $row (i32.shl (local.get $N) (i32.const 2)))
  (local.set $i (local.get $M))
  (block $rows_done (loop $rows
    (br_if $rows_done (i32.eqz (local.get $i)))
    ${rowLoop(
    `(v128.store ${at('$out')} (f32x4.add (v128.load ${at('$x')}) (v128.load ${at('$bias')})))`,
    `(f32.store ${at('$out')} (f32.add (f32.load ${at('$x')}) (f32.load ${at('$bias')})))`,
  )}
    (local.set $x (i32.add (local.get $x) (local.get $row)))
    (local.set $out (i32.add (local.get $out) (local.get $row)))
    (local.set $i (i32.sub (local.get $i) (i32.const 1)))
    (br $rows))))`;
}

/**
 * `gatherrows(x, indices, out, count, rowBytes)`: out's row i = x's row indices[i] (int32 indices),
 * one bulk copy per row — the fused train step's epoch of shuffled rows, gathered once.
 */
function gatherrows(): string {
  return `(func $gatherrows (export "gatherrows") (param $x i32) (param $indices i32) (param $out i32) (param $count i32) (param $rowBytes i32)
  (local $end i32)
  (local.set $end (i32.add (local.get $indices) (i32.shl (local.get $count) (i32.const 2))))
  (block $done (loop $rows
    (br_if $done (i32.ge_u (local.get $indices) (local.get $end)))
    (memory.copy (local.get $out)
      (i32.add (local.get $x) (i32.mul (i32.load (local.get $indices)) (local.get $rowBytes)))
      (local.get $rowBytes))
    (local.set $out (i32.add (local.get $out) (local.get $rowBytes)))
    (local.set $indices (i32.add (local.get $indices) (i32.const 4)))
    (br $rows))))`;
}

/** The functions' text, for the module. */
export function rowFunctions(): string {
  return `${colsum()}\n${addrow()}\n${gatherrows()}`;
}
