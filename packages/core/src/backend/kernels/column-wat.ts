// A Dense layer with one unit on a batch whose row count is not a multiple of 4. fitcheck's GEMM
// takes such a product only as a 1 × B row with B a multiple of 4 (matmul-kernel.ts), so the tape
// runs it on tfjs-backend-wasm's own `_FusedMatMul` (XNNPACK), whose result for one column is, to
// the bit, bias + x₀w₀ + x₁w₁ + … summed from the bias in k order, each product and each sum rounded
// to float32 (no fused multiply-add). The fused train step computes it the same way, here;
// wasm-internals.ts checks once that the installed XNNPACK still does.

/** `column(x, w, bias, out, rows, k)`: out[i] = bias[0] + Σ_q x[i, q]·w[q] in that order, x row-major rows × k. */
export function columnFunction(): string {
  return `(func (export "column") (param $x i32) (param $w i32) (param $bias i32) (param $out i32) (param $rows i32) (param $k i32)
  (local $end i32) (local $q i32) (local $acc f32) (local $rowBytes i32)
  (local.set $rowBytes (i32.shl (local.get $k) (i32.const 2)))
  (local.set $end (i32.add (local.get $out) (i32.shl (local.get $rows) (i32.const 2))))
  (block $done (loop $rows
    (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
    (local.set $acc (f32.load (local.get $bias)))
    (local.set $q (i32.const 0))
    (block $kdone (loop $ks
      (br_if $kdone (i32.ge_u (local.get $q) (local.get $rowBytes)))
      (local.set $acc (f32.add (local.get $acc)
        (f32.mul (f32.load (i32.add (local.get $x) (local.get $q))) (f32.load (i32.add (local.get $w) (local.get $q))))))
      (local.set $q (i32.add (local.get $q) (i32.const 4)))
      (br $ks)))
    (f32.store (local.get $out) (local.get $acc))
    (local.set $x (i32.add (local.get $x) (local.get $rowBytes)))
    (local.set $out (i32.add (local.get $out) (i32.const 4)))
    (br $rows))))`;
}
