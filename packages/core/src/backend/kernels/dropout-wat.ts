// Dropout masks from xoroshiro128+ in 64-bit integers: the very stream pure-rand's xoroshiro128plus
// gives (its next() is the low 32 bits of s0 + s1, and it keeps each 64-bit word as two 32-bit
// halves), so a seed gives the same masks on every backend. TF.js draws its masks element by element
// from a JS generator; SeededDropout's JS fallback does the same with pure-rand: both cost several
// milliseconds per 500×512 mask, this loop a fraction of one.

/**
 * `dropoutmask(out, n, state, threshold, scale)`: out[i] = scale where r ≥ threshold and 0 elsewhere,
 * for the next n draws r (as unsigned 32-bit numbers) of the generator whose state (s0, s1) is the
 * two little-endian 64-bit words at `state`; the state is advanced in place.
 */
export function dropoutFunction(): string {
  return `(func (export "dropoutmask") (param $out i32) (param $n i32) (param $state i32) (param $threshold f64) (param $scale f32)
  (local $s0 i64) (local $s1 i64) (local $a i64) (local $end i32)
  (local.set $s0 (i64.load (local.get $state)))
  (local.set $s1 (i64.load offset=8 (local.get $state)))
  (local.set $end (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2))))
  (block $done (loop $draws
    (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
    (f32.store (local.get $out)
      (select (local.get $scale) (f32.const 0)
        (f64.ge (f64.convert_i32_u (i32.wrap_i64 (i64.add (local.get $s0) (local.get $s1)))) (local.get $threshold))))
    (local.set $a (i64.xor (local.get $s0) (local.get $s1)))
    (local.set $s0 (i64.xor (i64.xor (i64.rotl (local.get $s0) (i64.const 24)) (local.get $a))
                            (i64.shl (local.get $a) (i64.const 16))))
    (local.set $s1 (i64.rotl (local.get $a) (i64.const 37)))
    (local.set $out (i32.add (local.get $out) (i32.const 4)))
    (br $draws)))
  (i64.store (local.get $state) (local.get $s0))
  (i64.store offset=8 (local.get $state) (local.get $s1)))`;
}
