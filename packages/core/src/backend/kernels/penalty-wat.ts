// The fused train step's L2 kernel penalty and dropout product, as TF.js computes them in float32
// (training/fused/): the penalty l2·Σw² as L1L2.apply runs it — square, scale, then wasm's Sum, one
// running float32 sum in order from 0, so it is one scalar loop and never split across threads —
// and its gradient l2·(2w) added to the product's; and the elementwise product of dropout's mask.

/** A loop over bytes [0, n·4): the SIMD body four floats at a time, then a scalar tail. */
function elementLoop(simd: string, scalar: string): string {
  return `
  (local.set $end (i32.shl (local.get $n) (i32.const 2)))
  (local.set $vec (i32.and (local.get $end) (i32.const -16)))
  (block $simd_done (loop $simd
    (br_if $simd_done (i32.ge_u (local.get $i) (local.get $vec)))
    ${simd}
    (local.set $i (i32.add (local.get $i) (i32.const 16)))
    (br $simd)))
  (block $done (loop $tail
    (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
    ${scalar}
    (local.set $i (i32.add (local.get $i) (i32.const 4)))
    (br $tail)))`;
}

const at = (base: string): string => `(i32.add (local.get ${base}) (local.get $i))`;

/** `l2sum(w, n, l2) → Σᵢ l2·(wᵢ·wᵢ)`, summed in order in float32. */
function l2sum(): string {
  return `(func (export "l2sum") (param $w i32) (param $n i32) (param $l2 f32) (result f32)
  (local $i i32) (local $end i32) (local $x f32) (local $sum f32)
  (local.set $end (i32.add (local.get $w) (i32.shl (local.get $n) (i32.const 2))))
  (local.set $i (local.get $w))
  (block $done (loop $terms
    (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
    (local.set $x (f32.load (local.get $i)))
    (local.set $sum (f32.add (local.get $sum) (f32.mul (local.get $l2) (f32.mul (local.get $x) (local.get $x)))))
    (local.set $i (i32.add (local.get $i) (i32.const 4)))
    (br $terms)))
  (local.get $sum))`;
}

/** `l2grad(w, g, n, l2)`: gᵢ = l2·(2wᵢ) + gᵢ. */
function l2grad(): string {
  return `(func $l2grad (param $w i32) (param $g i32) (param $n i32) (param $l2 f32)
  (local $i i32) (local $end i32) (local $vec i32)
  ${elementLoop(
    `(v128.store ${at('$g')} (f32x4.add (f32x4.mul (f32x4.splat (local.get $l2))
        (f32x4.mul (v128.load ${at('$w')}) (f32x4.splat (f32.const 2)))) (v128.load ${at('$g')})))`,
    `(f32.store ${at('$g')} (f32.add (f32.mul (local.get $l2) (f32.mul (f32.load ${at('$w')}) (f32.const 2))) (f32.load ${at('$g')})))`,
  )})`;
}

/** `mul(a, b, out, n)`: outᵢ = aᵢ·bᵢ. */
function mul(): string {
  return `(func $mul (param $a i32) (param $b i32) (param $out i32) (param $n i32)
  (local $i i32) (local $end i32) (local $vec i32)
  ${elementLoop(
    `(v128.store ${at('$out')} (f32x4.mul (v128.load ${at('$a')}) (v128.load ${at('$b')})))`,
    `(f32.store ${at('$out')} (f32.mul (f32.load ${at('$a')}) (f32.load ${at('$b')})))`,
  )})`;
}

/** The three functions' text, for the module (`l2grad` and `mul` run as jobs: jobs-wat.ts). */
export function penaltyFunctions(): string {
  return `${l2sum()}\n${l2grad()}\n${mul()}`;
}
