// Exact powers of ten: every one up to 1e22 is a double without rounding.
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

/**
 * Parses the decimal number in `bytes[start, end)` exactly as `Number()` would (correctly
 * rounded to a double), or returns NaN when the text is not a plain decimal number.
 *
 * Fast path: with at most 15 significant digits the mantissa `m` is an exact integer and
 * `m × 10^k` or `m / 10^-k` (|k| ≤ 22) is one correctly rounded IEEE operation. Anything
 * longer (the full HIGGS file writes 19 digits) goes through `Number()` on the text.
 */
export function parseDecimal(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  let negative = false;
  let c = bytes[i];
  if (c === 45 /* - */ || c === 43 /* + */) {
    negative = c === 45;
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let significant = 0;
  let scale = 0;
  let seenPoint = false;
  for (; i < end; i++) {
    c = bytes[i]!;
    if (c >= 48 && c <= 57) {
      digits++;
      if (significant > 0 || c !== 48) significant++;
      mantissa = mantissa * 10 + (c - 48);
      if (seenPoint) scale--;
    } else if (c === 46 /* . */ && !seenPoint) {
      seenPoint = true;
    } else break;
  }
  if (digits === 0) return NaN;
  if (i < end) {
    if (bytes[i] !== 101 && bytes[i] !== 69) return NaN; // e / E
    i++;
    let expNegative = false;
    if (bytes[i] === 45 || bytes[i] === 43) {
      expNegative = bytes[i] === 45;
      i++;
    }
    let exponent = 0;
    let expDigits = 0;
    for (; i < end; i++) {
      c = bytes[i]!;
      if (c < 48 || c > 57) return NaN;
      exponent = exponent * 10 + (c - 48);
      expDigits++;
    }
    if (expDigits === 0) return NaN;
    scale += expNegative ? -exponent : exponent;
  }
  if (significant > 15 || scale > 22 || scale < -22) {
    return Number(Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1'));
  }
  const value = scale >= 0 ? mantissa * POW10[scale]! : mantissa / POW10[-scale]!;
  return negative ? -value : value;
}
