// The WebAssembly text of fitcheck's float32 matrix product, C = op(A)·op(B), written for the
// shapes a Dense layer trains with. It reads and writes tensors in place in tfjs-backend-wasm's memory.
//
// Why not XNNPACK (what tfjs-backend-wasm uses): its wasm build multiplies and adds separately,
// repacks B whenever B is a new tensor (in training, every call) and takes no transposed operand,
// while a Dense layer's backward pass is dY·Wᵀ and Xᵀ·dY. With relaxed SIMD's fused multiply-add,
// a register tile of MR rows × 4·NV columns runs at about 1.6× its speed here, transposes included.
//
// Layout: C is row-major M×N. A is M×K row-major, or (`transA`) stored K×M; B is K×N row-major, or
// (`transB`) stored N×K. The driver walks K in blocks of KC and columns in panels of 4·NV; each
// panel of op(B) is first copied to a contiguous scratch (that is also where Bᵀ is undone), which
// then stays in L1 while the tiles run down all the rows, MR at a time. Partial tiles at the bottom
// and right edges have their own kernels, so every shape with N % 4 == 0 is exact.

/** Rows of A per register tile. */
export const MR = 3;
/** Vectors of four columns per register tile (the tile is MR × 4·NV accumulators). */
export const NV = 3;
/** Columns per register tile. */
export const NR = 4 * NV;
/** K per block: a KC × NR panel of B (12 KiB) stays in the first-level cache across all rows. */
export const KC = 256;
/** Bytes of one packed panel of B. */
const PANEL_BYTES = KC * NR * 4;
/**
 * Rows of a transposed A packed at a time. Transposed A (a Dense layer's Xᵀ in dW = Xᵀ·dY) has its
 * k's M floats apart: read in place, a tile's KC k's fall into few L1 sets when M·4 is a multiple
 * of 4 KiB (the Giant's 2048 units: 8 KiB apart), and that product ran at 35 GFLOP/s of CPU time
 * where the others ran at 44–48. Packed, MC rows × KC k's lie contiguous per tile (~123 KiB, in L2).
 */
export const MC = 40 * MR;
/**
 * Bytes between packed tiles of A: MR·KC floats and one cache line more, so that the packer's
 * writes to consecutive tiles (KC·MR·4 = 3 KiB apart otherwise) do not share a few L1 sets.
 */
const A_TILE_BYTES = KC * MR * 4 + 64;
/** Bytes of scratch each thread needs: one packed panel of B, then MC packed rows of A. */
export const SCRATCH_BYTES = PANEL_BYTES + (MC / MR) * A_TILE_BYTES;
/** `flags` bits of the exported `gemm`. */
export const TRANS_A = 1;
export const TRANS_B = 2;
/**
 * `b` is op(B) already packed by `packb` for the whole product: each thread's chunk then reads the
 * panels from there instead of packing them again (a chunk of rows, or an MC block of a transposed
 * A, would otherwise pack all of B once more).
 */
export const PACKED_B = 4;

type ALayout = 'n' | 't';
const LAYOUTS: readonly ALayout[] = ['n', 't'];

const TILE_PARAMS =
  '(param $pa i32) (param $pb i32) (param $pc i32) (param $kc i32) (param $sa i32) (param $sb i32) (param $sc i32) (param $acc i32)';

function tileName(layout: ALayout, mr: number, nv: number): string {
  return `$tile_${layout}_${mr}x${nv}`;
}

/** acc += x·b, fused or not. */
function madd(fma: boolean, x: string, b: string, acc: string): string {
  return fma
    ? `(local.set ${acc} (f32x4.relaxed_madd (local.get ${x}) (local.get ${b}) (local.get ${acc})))`
    : `(local.set ${acc} (f32x4.add (local.get ${acc}) (f32x4.mul (local.get ${x}) (local.get ${b}))))`;
}

/**
 * One register tile: C[mr × 4·nv] (+)= op(A)[mr × kc]·Bp[kc × 4·nv]. `$acc` non-zero adds to what C
 * holds (every K block after the first). Strides in bytes: `$sa` between A's rows (`n`) or between
 * its k's (`t`, where a tile's rows are adjacent floats), `$sb` between the packed panel's rows,
 * `$sc` between C's rows.
 */
function tile(layout: ALayout, mr: number, nv: number, fma: boolean): string {
  const acc = (r: number, v: number): string => `$c${r}_${v}`;
  const row = (r: number): string => (r === 0 ? '$pa' : `$pa${r}`);
  const lines: string[] = [`(func ${tileName(layout, mr, nv)} (type $tile) ${TILE_PARAMS}`];
  for (let r = 0; r < mr; r++) for (let v = 0; v < nv; v++) lines.push(`(local ${acc(r, v)} v128)`);
  for (let v = 0; v < nv; v++) lines.push(`(local $b${v} v128)`);
  lines.push('(local $x v128) (local $p i32)');
  if (layout === 'n') {
    for (let r = 1; r < mr; r++) lines.push(`(local ${row(r)} i32)`);
    for (let r = 1; r < mr; r++) {
      lines.push(`(local.set ${row(r)} (i32.add (local.get $pa) (i32.mul (local.get $sa) (i32.const ${r}))))`);
    }
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
    const load = layout === 'n'
      ? `(v128.load32_splat (local.get ${row(r)}))`
      : `(v128.load32_splat offset=${r * 4} (local.get $pa))`;
    lines.push(`(local.set $x ${load})`);
    for (let v = 0; v < nv; v++) lines.push(madd(fma, '$x', `$b${v}`, acc(r, v)));
  }
  if (layout === 'n') {
    for (let r = 0; r < mr; r++) lines.push(`(local.set ${row(r)} (i32.add (local.get ${row(r)}) (i32.const 4)))`);
  } else {
    lines.push('(local.set $pa (i32.add (local.get $pa) (local.get $sa)))');
  }
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
 * `pack(src, dst, kc, nv, sb, transB)`: copy the kc × 4·nv panel of op(B) at `src` to `dst`, rows
 * 16·nv bytes apart. Row-major B: `src` is B(k0, j) and rows are `sb` apart; full panels copy as
 * straight-line vector moves. Transposed B: `src` is Bᵀ(j, k0), each column of the panel is a
 * contiguous run of Bᵀ's row, `sb` apart, scattered into the panel.
 */
function pack(): string {
  const vectorMoves = Array.from({ length: NV }, (_, v) =>
    `(v128.store offset=${v * 16} (local.get $d) (v128.load offset=${v * 16} (local.get $s)))`).join('\n          ');
  return `(func $pack (param $src i32) (param $dst i32) (param $kc i32) (param $nv i32) (param $sb i32) (param $transB i32)
  (local $sp i32) (local $s i32) (local $d i32) (local $n i32) (local $v i32) (local $col i32) (local $end i32)
  (local.set $sp (i32.shl (local.get $nv) (i32.const 4)))
  (if (i32.eqz (local.get $transB))
    (then
      (local.set $s (local.get $src))
      (local.set $d (local.get $dst))
      (local.set $n (local.get $kc))
      (if (i32.eq (local.get $nv) (i32.const ${NV}))
        (then (loop $rows
          ${vectorMoves}
          (local.set $s (i32.add (local.get $s) (local.get $sb)))
          (local.set $d (i32.add (local.get $d) (local.get $sp)))
          (br_if $rows (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
        (else (loop $rows
          (local.set $v (i32.const 0))
          (loop $vectors
            (v128.store (i32.add (local.get $d) (local.get $v)) (v128.load (i32.add (local.get $s) (local.get $v))))
            (br_if $vectors (i32.lt_u (local.tee $v (i32.add (local.get $v) (i32.const 16))) (local.get $sp))))
          (local.set $s (i32.add (local.get $s) (local.get $sb)))
          (local.set $d (i32.add (local.get $d) (local.get $sp)))
          (br_if $rows (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))))
      (return)))
  ;; Bᵀ: column c of the panel is kc consecutive floats of Bᵀ's row j + c.
  (local.set $end (local.get $sp))
  (local.set $col (i32.const 0))
  (loop $cols
    (local.set $s (i32.add (local.get $src) (i32.mul (i32.shr_u (local.get $col) (i32.const 2)) (local.get $sb))))
    (local.set $d (i32.add (local.get $dst) (local.get $col)))
    (local.set $n (local.get $kc))
    (loop $ks
      (f32.store (local.get $d) (f32.load (local.get $s)))
      (local.set $s (i32.add (local.get $s) (i32.const 4)))
      (local.set $d (i32.add (local.get $d) (local.get $sp)))
      (br_if $ks (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (br_if $cols (i32.lt_u (local.tee $col (i32.add (local.get $col) (i32.const 4))) (local.get $end)))))`;
}

/**
 * `packA(src, dst, kc, rows, sa)`: copy rows [i, i + rows) × k's [k0, k0 + kc) of a transposed A
 * (`src` = A(k0, i), k's `sa` bytes apart, rows adjacent floats) into tiles of MR rows, A_TILE_BYTES
 * apart, each kc × mr floats with k outermost (what a `t` tile reads with stride mr·4). The last
 * tile may have fewer rows. k is the outer loop so that the reads stream along A's memory.
 */
function packA(): string {
  return `(func $packA (param $src i32) (param $dst i32) (param $kc i32) (param $rows i32) (param $sa i32)
  (local $k i32) (local $t i32) (local $s i32) (local $d i32) (local $full i32) (local $rest i32) (local $r i32)
  ;; full tiles, then the rest (0..${MR - 1} rows)
  (local.set $full (i32.div_u (local.get $rows) (i32.const ${MR})))
  (local.set $rest (i32.sub (local.get $rows) (i32.mul (local.get $full) (i32.const ${MR}))))
  (local.set $k (i32.const 0))
  (loop $ks
    (local.set $s (i32.add (local.get $src) (i32.mul (local.get $k) (local.get $sa))))
    (local.set $d (i32.add (local.get $dst) (i32.mul (local.get $k) (i32.const ${MR * 4}))))
    (local.set $t (local.get $full))
    (if (local.get $t) (then (loop $tiles
      ${Array.from({ length: MR }, (_, r) => `(f32.store offset=${r * 4} (local.get $d) (f32.load offset=${r * 4} (local.get $s)))`).join('\n      ')}
      (local.set $s (i32.add (local.get $s) (i32.const ${MR * 4})))
      (local.set $d (i32.add (local.get $d) (i32.const ${A_TILE_BYTES})))
      (br_if $tiles (local.tee $t (i32.sub (local.get $t) (i32.const 1)))))))
    ;; the last tile holds kc × rest floats: k's rest·4 bytes apart
    (if (local.get $rest) (then
      (local.set $d (i32.add (i32.add (local.get $dst) (i32.mul (local.get $full) (i32.const ${A_TILE_BYTES})))
        (i32.mul (local.get $k) (i32.shl (local.get $rest) (i32.const 2)))))
      (local.set $r (i32.const 0))
      (loop $last
        (f32.store (i32.add (local.get $d) (local.get $r)) (f32.load (i32.add (local.get $s) (local.get $r))))
        (br_if $last (i32.lt_u (local.tee $r (i32.add (local.get $r) (i32.const 4))) (i32.shl (local.get $rest) (i32.const 2)))))))
    (br_if $ks (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 1))) (local.get $kc)))))`;
}

/**
 * `packb(b, out, N, K, transB)`: op(B) (K × N; `b` stores Bᵀ when transB) packed whole for a
 * PACKED_B product: K blocks of KC in order, each kc·N floats from out + 4·k0·N, holding its panels
 * of 4·NV columns (the last narrower) left to right, each the kc × 4·nv block `pack` makes.
 */
function packB(): string {
  return `(func (export "packb") (param $b i32) (param $out i32) (param $N i32) (param $K i32) (param $transB i32)
  (local $k0 i32) (local $kc i32) (local $j i32) (local $nv i32) (local $sb i32)
  (local.set $sb (i32.shl (select (local.get $K) (local.get $N) (local.get $transB)) (i32.const 2)))
  (loop $kblocks
    (local.set $kc (i32.sub (local.get $K) (local.get $k0)))
    (if (i32.gt_u (local.get $kc) (i32.const ${KC})) (then (local.set $kc (i32.const ${KC}))))
    (local.set $j (i32.const 0))
    (block $jdone (loop $panels
      (br_if $jdone (i32.ge_u (local.get $j) (local.get $N)))
      (local.set $nv (i32.shr_u (i32.sub (local.get $N) (local.get $j)) (i32.const 2)))
      (if (i32.gt_u (local.get $nv) (i32.const ${NV})) (then (local.set $nv (i32.const ${NV}))))
      (call $pack
        (i32.add (local.get $b) (select
          (i32.add (i32.mul (local.get $j) (local.get $sb)) (i32.shl (local.get $k0) (i32.const 2)))
          (i32.add (i32.mul (local.get $k0) (local.get $sb)) (i32.shl (local.get $j) (i32.const 2)))
          (local.get $transB)))
        (i32.add (local.get $out)
          (i32.shl (i32.add (i32.mul (local.get $k0) (local.get $N)) (i32.mul (local.get $kc) (local.get $j))) (i32.const 2)))
        (local.get $kc) (local.get $nv) (local.get $sb) (local.get $transB))
      (local.set $j (i32.add (local.get $j) (i32.shl (local.get $nv) (i32.const 2))))
      (br $panels)))
    (local.set $k0 (i32.add (local.get $k0) (local.get $kc)))
    (br_if $kblocks (i32.lt_u (local.get $k0) (local.get $K)))))`;
}

/**
 * The exported driver: `gemm(a, b, c, w, M, N, K, i0, i1, j0, j1, flags)` computes the block
 * C[i0:i1, j0:j1] of op(A)·op(B) (addresses in bytes; `flags` has TRANS_A, TRANS_B). `w` is this
 * thread's scratch of SCRATCH_BYTES (the packed panel of B, then packed rows of a transposed A). Needs K ≥ 1
 * and j0, j1 multiples of 4.
 * Threads compute disjoint blocks of C, and every element is summed in the same order whatever the
 * split, so the product does not depend on the thread count.
 */
function driver(): string {
  return `(func (export "gemm") (param $a i32) (param $b i32) (param $c i32) (param $w i32)
  (param $M i32) (param $N i32) (param $K i32) (param $i0 i32) (param $i1 i32) (param $j0 i32) (param $j1 i32)
  (param $flags i32)
  (local $k0 i32) (local $kc i32) (local $i i32) (local $j i32) (local $mr i32) (local $nv i32)
  (local $transA i32) (local $transB i32) (local $sa i32) (local $sb i32) (local $sc i32) (local $base i32)
  (local $pa i32) (local $src i32) (local $ib i32) (local $ib1 i32) (local $wa i32) (local $stride i32)
  (local $packed i32) (local $pb i32)
  (local.set $transA (i32.and (local.get $flags) (i32.const ${TRANS_A})))
  (local.set $packed (i32.and (local.get $flags) (i32.const ${PACKED_B})))
  (local.set $transB (i32.and (local.get $flags) (i32.const ${TRANS_B})))
  ;; A's stride: between rows (n, K floats) or between k's (t, M floats).
  (local.set $sa (i32.shl (select (local.get $M) (local.get $K) (local.get $transA)) (i32.const 2)))
  ;; B's stride: between rows of B (N floats) or of Bᵀ (K floats).
  (local.set $sb (i32.shl (select (local.get $K) (local.get $N) (local.get $transB)) (i32.const 2)))
  (local.set $sc (i32.shl (local.get $N) (i32.const 2)))
  (local.set $base (select (i32.const ${MR * NV}) (i32.const 0) (local.get $transA)))
  ;; Packed rows of a transposed A follow the panel in this thread's scratch.
  (local.set $wa (i32.add (local.get $w) (i32.const ${PANEL_BYTES})))
  (local.set $k0 (i32.const 0))
  (loop $kblocks
    (local.set $kc (i32.sub (local.get $K) (local.get $k0)))
    (if (i32.gt_u (local.get $kc) (i32.const ${KC})) (then (local.set $kc (i32.const ${KC}))))
    ;; Row blocks: MC rows of a transposed A, packed once per block; all rows of a row-major A.
    (local.set $ib (local.get $i0))
    (loop $iblocks
      (local.set $ib1 (local.get $i1))
      (if (local.get $transA) (then
        (if (i32.gt_u (i32.sub (local.get $ib1) (local.get $ib)) (i32.const ${MC}))
          (then (local.set $ib1 (i32.add (local.get $ib) (i32.const ${MC})))))
        (call $packA (i32.add (local.get $a) (i32.add (i32.mul (local.get $k0) (local.get $sa)) (i32.shl (local.get $ib) (i32.const 2))))
          (local.get $wa) (local.get $kc) (i32.sub (local.get $ib1) (local.get $ib)) (local.get $sa))))
      (local.set $j (local.get $j0))
      (block $jdone (loop $panels
        (br_if $jdone (i32.ge_u (local.get $j) (local.get $j1)))
        (local.set $nv (i32.shr_u (i32.sub (local.get $j1) (local.get $j)) (i32.const 2)))
        (if (i32.gt_u (local.get $nv) (i32.const ${NV})) (then (local.set $nv (i32.const ${NV}))))
        (if (local.get $packed)
          (then
            ;; packb's layout: the K block at k0 from b + 4·k0·N, its panel at j from there + 4·kc·j
            (local.set $pb (i32.add (local.get $b)
              (i32.shl (i32.add (i32.mul (local.get $k0) (local.get $N)) (i32.mul (local.get $kc) (local.get $j))) (i32.const 2)))))
          (else
            ;; B(k0, j) = b + 4(k0·N + j), or Bᵀ(j, k0) = b + 4(j·K + k0)
            (local.set $src (i32.add (local.get $b) (select
              (i32.add (i32.mul (local.get $j) (local.get $sb)) (i32.shl (local.get $k0) (i32.const 2)))
              (i32.add (i32.mul (local.get $k0) (local.get $sb)) (i32.shl (local.get $j) (i32.const 2)))
              (local.get $transB))))
            (call $pack (local.get $src) (local.get $w) (local.get $kc) (local.get $nv) (local.get $sb) (local.get $transB))
            (local.set $pb (local.get $w))))
        (local.set $i (local.get $ib))
        (block $idone (loop $rows
          (br_if $idone (i32.ge_u (local.get $i) (local.get $ib1)))
          (local.set $mr (i32.sub (local.get $ib1) (local.get $i)))
          (if (i32.gt_u (local.get $mr) (i32.const ${MR})) (then (local.set $mr (i32.const ${MR}))))
          (if (local.get $transA)
            (then
              ;; the packed tile of rows i.. : k's mr floats apart
              (local.set $pa (i32.add (local.get $wa)
                (i32.mul (i32.div_u (i32.sub (local.get $i) (local.get $ib)) (i32.const ${MR})) (i32.const ${A_TILE_BYTES}))))
              (local.set $stride (i32.shl (local.get $mr) (i32.const 2))))
            (else
              ;; A(i, k0) = a + 4(i·K + k0)
              (local.set $pa (i32.add (local.get $a)
                (i32.add (i32.mul (local.get $i) (local.get $sa)) (i32.shl (local.get $k0) (i32.const 2)))))
              (local.set $stride (local.get $sa))))
          (call_indirect (type $tile)
            (local.get $pa)
            (local.get $pb)
            (i32.add (local.get $c) (i32.add (i32.mul (local.get $i) (local.get $sc)) (i32.shl (local.get $j) (i32.const 2))))
            (local.get $kc) (local.get $stride) (i32.shl (local.get $nv) (i32.const 4)) (local.get $sc) (local.get $k0)
            (i32.add (local.get $base)
              (i32.add (i32.mul (i32.sub (local.get $mr) (i32.const 1)) (i32.const ${NV}))
                       (i32.sub (local.get $nv) (i32.const 1)))))
          (local.set $i (i32.add (local.get $i) (local.get $mr)))
          (br $rows)))
        (local.set $j (i32.add (local.get $j) (i32.shl (local.get $nv) (i32.const 2))))
        (br $panels)))
      (local.set $ib (local.get $ib1))
      (br_if $iblocks (i32.lt_u (local.get $ib) (local.get $i1))))
    (local.set $k0 (i32.add (local.get $k0) (local.get $kc)))
    (br_if $kblocks (i32.lt_u (local.get $k0) (local.get $K)))))`;
}

/**
 * The GEMM's functions: the tiles (for a table indexed layout·MR·NV + (mr − 1)·NV + (nv − 1), with
 * layout 0 for row-major A and 1 for transposed A), the packer and the exported driver.
 */
export function gemmFunctions(fma: boolean): { tileType: string; table: string[]; code: string } {
  const tiles: string[] = [];
  const table: string[] = [];
  for (const layout of LAYOUTS) {
    for (let mr = 1; mr <= MR; mr++) {
      for (let nv = 1; nv <= NV; nv++) {
        tiles.push(tile(layout, mr, nv, fma));
        table.push(tileName(layout, mr, nv));
      }
    }
  }
  return {
    tileType: `(type $tile (func ${TILE_PARAMS}))`,
    table,
    code: `${tiles.join('\n')}\n${pack()}\n${packA()}\n${packB()}\n${driver()}`,
  };
}
