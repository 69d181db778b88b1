// The WebAssembly text of fitcheck's float32 matrix product, C = op(A)·B, written for the shapes
// a Dense layer trains with. It reads and writes tensors in place in tfjs-backend-wasm's memory.
//
// Why not XNNPACK (what tfjs-backend-wasm uses): its wasm build multiplies and adds separately and
// repacks B whenever B is a new tensor, which in training is every call. With relaxed SIMD's fused
// multiply-add, a register tile of MR rows × 4·NV columns reaches about twice its throughput here.
//
// Layout: all matrices are row-major float32: A is M×K, B is K×N, C is M×N. (Transposed operands
// are materialised by the caller: a transpose costs a fraction of a millisecond at the lab's sizes.)
// The driver walks K in blocks of KC, columns in panels of 4·NV (each panel of B copied to a
// contiguous scratch so that it stays in L1), and rows MR at a time; partial tiles at the bottom
// and right edges have their own kernels, so every shape with N % 4 == 0 is exact.

/** Rows of A per register tile. */
export const MR = 3;
/** Vectors of four columns per register tile (the tile is MR × 4·NV accumulators). */
export const NV = 3;
/** Columns per register tile. */
export const NR = 4 * NV;
/** K per block: a KC × NR panel of B (16 KiB) stays in the first-level cache across all rows. */
export const KC = 256;
/** Bytes of scratch each thread needs for one packed panel of B. */
export const SCRATCH_BYTES = KC * NR * 4;

const TILE_PARAMS =
  '(param $pa i32) (param $pb i32) (param $pc i32) (param $kc i32) (param $sa i32) (param $sb i32) (param $sc i32) (param $acc i32)';

function tileName(mr: number, nv: number): string {
  return `$tile_${mr}x${nv}`;
}

/** acc += x·b, fused or not. */
function madd(fma: boolean, x: string, b: string, acc: string): string {
  return fma
    ? `(local.set ${acc} (f32x4.relaxed_madd (local.get ${x}) (local.get ${b}) (local.get ${acc})))`
    : `(local.set ${acc} (f32x4.add (local.get ${acc}) (f32x4.mul (local.get ${x}) (local.get ${b}))))`;
}

/**
 * One register tile: C[mr × 4·nv] (+)= A[mr × kc]·Bp[kc × 4·nv]. `$acc` non-zero adds to what C
 * holds (every K block after the first). Strides in bytes: `$sa` between A's rows, `$sb` between
 * the packed panel's rows, `$sc` between C's rows.
 */
function tile(mr: number, nv: number, fma: boolean): string {
  const acc = (r: number, v: number): string => `$c${r}_${v}`;
  const row = (r: number): string => (r === 0 ? '$pa' : `$pa${r}`);
  const lines: string[] = [`(func ${tileName(mr, nv)} (type $tile) ${TILE_PARAMS}`];
  for (let r = 0; r < mr; r++) for (let v = 0; v < nv; v++) lines.push(`(local ${acc(r, v)} v128)`);
  for (let v = 0; v < nv; v++) lines.push(`(local $b${v} v128)`);
  lines.push('(local $x v128) (local $p i32)');
  for (let r = 1; r < mr; r++) lines.push(`(local ${row(r)} i32)`);
  for (let r = 1; r < mr; r++) {
    lines.push(`(local.set ${row(r)} (i32.add (local.get $pa) (i32.mul (local.get $sa) (i32.const ${r}))))`);
  }
  // Start from C (later K blocks) or from zero (the first).
  lines.push('(if (local.get $acc) (then', '(local.set $p (local.get $pc))');
  for (let r = 0; r < mr; r++) {
    for (let v = 0; v < nv; v++) lines.push(`(local.set ${acc(r, v)} (v128.load offset=${v * 16} (local.get $p)))`);
    lines.push('(local.set $p (i32.add (local.get $p) (local.get $sc)))');
  }
  lines.push('))', '(loop $k');
  for (let v = 0; v < nv; v++) lines.push(`(local.set $b${v} (v128.load offset=${v * 16} (local.get $pb)))`);
  for (let r = 0; r < mr; r++) {
    lines.push(`(local.set $x (v128.load32_splat (local.get ${row(r)})))`);
    for (let v = 0; v < nv; v++) lines.push(madd(fma, '$x', `$b${v}`, acc(r, v)));
  }
  for (let r = 0; r < mr; r++) lines.push(`(local.set ${row(r)} (i32.add (local.get ${row(r)}) (i32.const 4)))`);
  lines.push('(local.set $pb (i32.add (local.get $pb) (local.get $sb)))');
  lines.push('(br_if $k (local.tee $kc (i32.sub (local.get $kc) (i32.const 1)))))');
  lines.push('(local.set $p (local.get $pc))');
  for (let r = 0; r < mr; r++) {
    for (let v = 0; v < nv; v++) lines.push(`(v128.store offset=${v * 16} (local.get $p) (local.get ${acc(r, v)}))`);
    lines.push('(local.set $p (i32.add (local.get $p) (local.get $sc)))');
  }
  lines.push(')');
  return lines.join('\n');
}

/**
 * The exported driver: `gemm(a, b, c, w, M, N, K, i0, i1, j0, j1)` computes the block
 * C[i0:i1, j0:j1] of A·B (A is M×K, addresses in bytes). `w` is this thread's scratch of
 * KC·NR floats: each KC × 4·nv panel of B is copied there first, because B's rows are N floats apart
 * and a strided panel of a power-of-two width falls into a couple of L1 sets and evicts itself.
 * Needs K ≥ 1 and j0, j1 multiples of 4. Threads compute disjoint blocks of C, and every element is
 * summed in the same order whatever the split, so the product does not depend on the thread count.
 */
function driver(): string {
  return `(func (export "gemm") (param $a i32) (param $b i32) (param $c i32) (param $w i32)
  (param $M i32) (param $N i32) (param $K i32) (param $i0 i32) (param $i1 i32) (param $j0 i32) (param $j1 i32)
  (local $k0 i32) (local $kc i32) (local $i i32) (local $j i32) (local $mr i32) (local $nv i32)
  (local $sa i32) (local $sb i32) (local $sp i32) (local $kk i32) (local $src i32) (local $dst i32) (local $v i32)
  (local.set $sa (i32.shl (local.get $K) (i32.const 2)))
  (local.set $sb (i32.shl (local.get $N) (i32.const 2)))
  (local.set $k0 (i32.const 0))
  (loop $kblocks
    (local.set $kc (i32.sub (local.get $K) (local.get $k0)))
    (if (i32.gt_u (local.get $kc) (i32.const ${KC})) (then (local.set $kc (i32.const ${KC}))))
    (local.set $j (local.get $j0))
    (block $jdone (loop $panels
      (br_if $jdone (i32.ge_u (local.get $j) (local.get $j1)))
      (local.set $nv (i32.shr_u (i32.sub (local.get $j1) (local.get $j)) (i32.const 2)))
      (if (i32.gt_u (local.get $nv) (i32.const ${NV})) (then (local.set $nv (i32.const ${NV}))))
      ;; pack B[k0 : k0+kc, j : j+4nv] row after row into w (row stride sp = 16·nv bytes)
      (local.set $sp (i32.shl (local.get $nv) (i32.const 4)))
      (local.set $src (i32.add (local.get $b) (i32.add (i32.mul (local.get $k0) (local.get $sb))
                                                       (i32.shl (local.get $j) (i32.const 2)))))
      (local.set $dst (local.get $w))
      (local.set $kk (local.get $kc))
      (loop $pack
        (local.set $v (i32.const 0))
        (loop $vectors
          (v128.store (i32.add (local.get $dst) (local.get $v)) (v128.load (i32.add (local.get $src) (local.get $v))))
          (br_if $vectors (i32.lt_u (local.tee $v (i32.add (local.get $v) (i32.const 16))) (local.get $sp))))
        (local.set $src (i32.add (local.get $src) (local.get $sb)))
        (local.set $dst (i32.add (local.get $dst) (local.get $sp)))
        (br_if $pack (local.tee $kk (i32.sub (local.get $kk) (i32.const 1)))))
      (local.set $i (local.get $i0))
      (block $idone (loop $rows
        (br_if $idone (i32.ge_u (local.get $i) (local.get $i1)))
        (local.set $mr (i32.sub (local.get $i1) (local.get $i)))
        (if (i32.gt_u (local.get $mr) (i32.const ${MR})) (then (local.set $mr (i32.const ${MR}))))
        (call_indirect (type $tile)
          (i32.add (local.get $a) (i32.add (i32.mul (local.get $i) (local.get $sa)) (i32.shl (local.get $k0) (i32.const 2))))
          (local.get $w)
          (i32.add (local.get $c) (i32.add (i32.mul (local.get $i) (local.get $sb)) (i32.shl (local.get $j) (i32.const 2))))
          (local.get $kc) (local.get $sa) (local.get $sp) (local.get $sb) (local.get $k0)
          (i32.add (i32.mul (i32.sub (local.get $mr) (i32.const 1)) (i32.const ${NV}))
                   (i32.sub (local.get $nv) (i32.const 1))))
        (local.set $i (i32.add (local.get $i) (local.get $mr)))
        (br $rows)))
      (local.set $j (i32.add (local.get $j) (i32.shl (local.get $nv) (i32.const 2))))
      (br $panels)))
    (local.set $k0 (i32.add (local.get $k0) (local.get $kc)))
    (br_if $kblocks (i32.lt_u (local.get $k0) (local.get $K)))))`;
}

/** The GEMM's functions: the tiles (for a table indexed (mr − 1)·NV + (nv − 1)) and the exported driver. */
export function gemmFunctions(fma: boolean): { tileType: string; table: string[]; code: string } {
  const tiles: string[] = [];
  const table: string[] = [];
  for (let mr = 1; mr <= MR; mr++) {
    for (let nv = 1; nv <= NV; nv++) {
      tiles.push(tile(mr, nv, fma));
      table.push(tileName(mr, nv));
    }
  }
  return { tileType: `(type $tile (func ${TILE_PARAMS}))`, table, code: `${tiles.join('\n')}\n${driver()}` };
}
