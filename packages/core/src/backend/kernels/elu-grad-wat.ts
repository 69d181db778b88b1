// The gradient of ELU (α = 1), given the layer's output y: dx = dy where y ≥ 0, else dy·(y + 1).
// tfjs-backend-wasm computes y + 1.0 and the product in double precision and rounds once, element by
// element; this does the same two lanes at a time (f64x2), so the result is the same to the bit.
// (In double, y + 1 and dy·(y + 1) are exact for float32 inputs: the only rounding is the last.)

/** `(y < 0) ? dy·(y + 1) : dy` for four floats, in double precision. */
function eluGrad4(dy: string, y: string): string {
  const half = (vector: string, high: boolean): string => (high
    ? `(f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 ${vector} ${vector}))`
    : `(f64x2.promote_low_f32x4 ${vector})`);
  const product = (high: boolean): string =>
    `(f32x4.demote_f64x2_zero (f64x2.mul ${half(dy, high)} (f64x2.add ${half(y, high)} (f64x2.splat (f64.const 1)))))`;
  return `(v128.bitselect ${dy}
    (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 ${product(false)} ${product(true)})
    (f32x4.ge ${y} (f32x4.splat (f32.const 0))))`;
}

/** `elugrad(dy, y, out, n)`: addresses in bytes. */
export function eluGradFunction(): string {
  const at = (base: string): string => `(i32.add (local.get ${base}) (local.get $i))`;
  return `(func $elugrad (export "elugrad") (param $dy i32) (param $y i32) (param $out i32) (param $n i32)
  (local $i i32) (local $end i32) (local $vec i32) (local $yv f32)
  (local.set $end (i32.shl (local.get $n) (i32.const 2)))
  (local.set $vec (i32.and (local.get $end) (i32.const -16)))
  (block $simd_done (loop $simd
    (br_if $simd_done (i32.ge_u (local.get $i) (local.get $vec)))
    (v128.store ${at('$out')} ${eluGrad4(`(v128.load ${at('$dy')})`, `(v128.load ${at('$y')})`)})
    (local.set $i (i32.add (local.get $i) (i32.const 16)))
    (br $simd)))
  (block $done (loop $tail
    (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
    (local.set $yv (f32.load ${at('$y')}))
    (f32.store ${at('$out')}
      (select (f32.load ${at('$dy')})
        (f32.demote_f64 (f64.mul (f64.promote_f32 (f32.load ${at('$dy')}))
                                 (f64.add (f64.promote_f32 (local.get $yv)) (f64.const 1))))
        (f32.ge (local.get $yv) (f32.const 0))))
    (local.set $i (i32.add (local.get $i) (i32.const 4)))
    (br $tail))))`;
}
