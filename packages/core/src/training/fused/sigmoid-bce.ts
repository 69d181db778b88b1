// TF.js' `losses.sigmoidCrossEntropy(y, z)` (mean reduction) and the gradient its tape computes,
// written out op by op in float32 (Math.fround after each operation, as each wasm kernel rounds), so
// that the fused step's loss and logit gradients are the tape's to the bit. Forward, per logit z and
// label y: max(z, 0) − z·y + log1p(exp(−|z|)), summed in order from 0 (wasm's Sum), divided by the
// batch size. Backward from d(mean) = 1: g = 1/B reaches each term; the tape walks the ops in reverse
// and accumulates z's three gradients in that order — abs's (through neg, exp and log1p's
// g/(e + 1)), then mul's (−g·y), then relu's (g where z > 0) — each sum rounded.

const f = Math.fround;

export interface BceResult {
  /** The batch's mean BCE, as the tape's loss scalar. */
  bce: number;
  /** Logits on the label's side of 0 (z > 0 predicts 1), as fit's accuracy counts them. */
  correct: number;
}

/** out = −|z|: the argument of the stock Exp. */
export function negAbs(z: Float32Array, out: Float32Array, size: number): void {
  for (let i = 0; i < size; i++) out[i] = -Math.abs(z[i]!);
}

/**
 * The loss and dz from logits `z`, labels `y`, `e = exp(−|z|)` and `l = log1p(e)` (both from the stock
 * kernels), over the first `size` rows; dz may be z's own buffer.
 */
export function sigmoidBce(z: Float32Array, y: Float32Array, e: Float32Array, l: Float32Array, dz: Float32Array, size: number): BceResult {
  const g = f(1 / size);
  let sum = 0;
  let correct = 0;
  for (let i = 0; i < size; i++) {
  const zi = z[i]!;
    const yi = y[i]!;
    const ei = e[i]!;
    const positive = zi > 0;
    sum = f(sum + f(f((positive ? zi : 0) - f(zi * yi)) + l[i]!));
    if ((positive ? 1 : 0) === yi) correct++;
    const dExp = f(f(g / f(ei + 1)) * ei);
    const fromAbs = positive ? -dExp : dExp;
    dz[i] = f(f(fromAbs + f(-g * yi)) + (positive ? g : 0));
  }
  return { bce: f(sum / size), correct };
}
