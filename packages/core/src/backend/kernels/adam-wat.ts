// One Adam step for one variable in a single pass over memory, in exactly TF.js' order of float32
// operations (tfjs-core's AdamOptimizer.applyGradients), so the result is the same to the bit:
//   m' = m·β1 + g·(1−β1)          v' = v·β2 + g²·(1−β2)
//   w' = (m'/d1) / (√(v'/d2) + ε) · (−lr) + w      with d1 = 1 − β1ᵗ, d2 = 1 − β2ᵗ
// TF.js runs that as eleven kernels, each reading and writing the whole variable: for the lab's
// Large model (803 k weights) the step costs more than all its elementwise layers together.

/** `adam(w, g, m, v, w', m', v', n, β1, 1−β1, β2, 1−β2, d1, d2, ε, −lr)`; addresses in bytes. */
export function adamFunction(): string {
  const step = (t: 'v128' | 'f32'): string => {
    const [load, store, mul, add, div, sqrt, k] = t === 'v128'
      ? ['v128.load', 'v128.store', 'f32x4.mul', 'f32x4.add', 'f32x4.div', 'f32x4.sqrt', (x: string) => `(f32x4.splat (local.get ${x}))`]
      : ['f32.load', 'f32.store', 'f32.mul', 'f32.add', 'f32.div', 'f32.sqrt', (x: string) => `(local.get ${x})`];
    const at = (base: string): string => `(i32.add (local.get ${base}) (local.get $i))`;
    return `
      (local.set $g${t} (${load} ${at('$g')}))
      (local.set $m${t} (${add} (${mul} (${load} ${at('$m')}) ${k('$b1')}) (${mul} (local.get $g${t}) ${k('$c1')})))
      (local.set $v${t} (${add} (${mul} (${load} ${at('$v')}) ${k('$b2')})
                               (${mul} (${mul} (local.get $g${t}) (local.get $g${t})) ${k('$c2')})))
      (${store} ${at('$om')} (local.get $m${t}))
      (${store} ${at('$ov')} (local.get $v${t}))
      (${store} ${at('$ow')}
        (${add} (${mul} (${div} (${div} (local.get $m${t}) ${k('$d1')})
                              (${add} (${sqrt} (${div} (local.get $v${t}) ${k('$d2')})) ${k('$eps')}))
                      ${k('$nlr')})
               (${load} ${at('$w')})))`;
  };
  return `(func $adam (export "adam") (param $w i32) (param $g i32) (param $m i32) (param $v i32)
  (param $ow i32) (param $om i32) (param $ov i32) (param $n i32)
  (param $b1 f32) (param $c1 f32) (param $b2 f32) (param $c2 f32) (param $d1 f32) (param $d2 f32)
  (param $eps f32) (param $nlr f32)
  (local $i i32) (local $end i32) (local $vec i32)
  (local $gv128 v128) (local $mv128 v128) (local $vv128 v128) (local $gf32 f32) (local $mf32 f32) (local $vf32 f32)
  (local.set $end (i32.shl (local.get $n) (i32.const 2)))
  (local.set $vec (i32.and (local.get $end) (i32.const -16)))
  (block $simd_done (loop $simd
    (br_if $simd_done (i32.ge_u (local.get $i) (local.get $vec)))
    ${step('v128')}
    (local.set $i (i32.add (local.get $i) (i32.const 16)))
    (br $simd)))
  (block $done (loop $tail
    (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
    ${step('f32')}
    (local.set $i (i32.add (local.get $i) (i32.const 4)))
    (br $tail))))`;
}
