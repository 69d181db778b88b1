// ELU (α = 1): y = x where x ≥ 0, else eˣ − 1. tfjs-backend-wasm runs XNNPACK's ELU on one thread
// (its pool has one thread while fitcheck's GEMM brings its own); this one runs in the kernel jobs,
// split across the threads. eˣ − 1 for x < 0: clamp to [−18, 0] (below −18 the float32 result is −1),
// x = n·ln2 + r with |r| ≤ ln2/2, eʳ − 1 by its Taylor polynomial to r⁷ (error < 2⁻²⁶ relative),
// then (eʳ − 1)·2ⁿ + (2ⁿ − 1). Within 2 ulp of the exact value (tested against Math.expm1); not
// the same bits as XNNPACK's approximation.

const LOG2E = 1.4426950408889634;
const LN2_HI = 0.693145751953125; // ln 2 with trailing zero bits: n·LN2_HI is exact for |n| < 2¹²
const LN2_LO = 1.4286067653302e-6;
const TAYLOR = [1 / 5040, 1 / 720, 1 / 120, 1 / 24, 1 / 6, 1 / 2];

// The clamp uses f32x4.pmin/pmax (one minps/maxps each on x64) rather than f32x4.min/max, whose
// NaN and ±0 rules cost V8 several instructions apiece: they agree wherever the clamp's value is
// used (x < 0, not NaN), so the results are the same bits for every float32 input.

/**
 * ELU of the value `x` (an expression) in vector (`v128`, four lanes) or scalar (`f32`) form: the
 * statements that compute it into locals, and the expression of the result.
 */
function eluOf(t: 'v128' | 'f32', x: string): { steps: string; value: string } {
  const v = t === 'v128';
  const k = (c: number): string => (v ? `(f32x4.splat (f32.const ${c}))` : `(f32.const ${c})`);
  const op = (name: string): string => (v ? `f32x4.${name}` : `f32.${name}`);
  const r = `(local.get $r${t})`;
  // Horner: q = ((((r/5040 + 1/720)r + 1/120)r + 1/24)r + 1/6)r + 1/2, then eʳ − 1 = r + r²·q.
  let q = k(TAYLOR[0] ?? 0);
  for (const c of TAYLOR.slice(1)) q = `(${op('add')} (${op('mul')} ${q} ${r}) ${k(c)})`;
  const two = v
    ? `(i32x4.shl (i32x4.add (i32x4.trunc_sat_f32x4_s (local.get $n${t})) (i32x4.splat (i32.const 127))) (i32.const 23))`
    : `(f32.reinterpret_i32 (i32.shl (i32.add (i32.trunc_sat_f32_s (local.get $n${t})) (i32.const 127)) (i32.const 23)))`;
  const steps = `(local.set $x${t} ${x})
    (local.set $c${t} (${op(v ? 'pmin' : 'min')} (${op(v ? 'pmax' : 'max')} (local.get $x${t}) ${k(-18)}) ${k(0)}))
    (local.set $n${t} (${op('nearest')} (${op('mul')} (local.get $c${t}) ${k(LOG2E)})))
    (local.set $r${t} (${op('sub')} (${op('sub')} (local.get $c${t}) (${op('mul')} (local.get $n${t}) ${k(LN2_HI)}))
                               (${op('mul')} (local.get $n${t}) ${k(LN2_LO)})))
    (local.set $p${t} (${op('add')} ${r} (${op('mul')} (${op('mul')} ${r} ${r}) ${q})))
    (local.set $s${t} ${two})
    (local.set $p${t} (${op('add')} (${op('mul')} (local.get $p${t}) (local.get $s${t}))
                               (${op('sub')} (local.get $s${t}) ${k(1)})))`;
  const value = v
    ? `(v128.bitselect (local.get $p${t}) (local.get $x${t}) (f32x4.lt (local.get $x${t}) ${k(0)}))`
    : `(select (local.get $p${t}) (local.get $x${t}) (f32.lt (local.get $x${t}) ${k(0)}))`;
  return { steps, value };
}

/** `elu(x, out, n)`: addresses in bytes. */
export function eluFunction(): string {
  const at = (base: string): string => `(i32.add (local.get ${base}) (local.get $i))`;
  const vector = eluOf('v128', `(v128.load ${at('$x')})`);
  const scalar = eluOf('f32', `(f32.load ${at('$x')})`);
  const locals = (t: string): string => ['x', 'c', 'n', 'r', 'p', 's'].map((name) => `(local $${name}${t} ${t})`).join(' ');
  return `(func $elu (export "elu") (param $x i32) (param $out i32) (param $n i32)
  (local $i i32) (local $end i32) (local $vec i32) ${locals('v128')} ${locals('f32')}
  (local.set $end (i32.shl (local.get $n) (i32.const 2)))
  (local.set $vec (i32.and (local.get $end) (i32.const -16)))
  (block $simd_done (loop $simd
    (br_if $simd_done (i32.ge_u (local.get $i) (local.get $vec)))
    ${vector.steps}
    (v128.store ${at('$out')} ${vector.value})
    (local.set $i (i32.add (local.get $i) (i32.const 16)))
    (br $simd)))
  (block $done (loop $tail
    (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
    ${scalar.steps}
    (f32.store ${at('$out')} ${scalar.value})
    (local.set $i (i32.add (local.get $i) (i32.const 4)))
    (br $tail))))`;
}
