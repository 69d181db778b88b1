/**
 * Python's `format(x, '.{digits}f')`: the exact binary value rounded half-to-even.
 * JavaScript's `toFixed` rounds exact ties up (0.125 → "0.13" where Python prints "0.12"),
 * so the rounding is done here on the exact decimal expansion, which `toFixed(100)` gives
 * for every double the metrics produce (|x| ≥ 1e-60).
 */
export function formatFixed(x: number, digits: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  const abs = Math.abs(x);
  if (abs >= 1e21) return sign + BigInt(abs).toString() + (digits > 0 ? '.' + '0'.repeat(digits) : '');

  const [intPart = '0', frac = ''] = abs.toFixed(100).split('.');
  const kept = intPart + frac.slice(0, digits);
  const rest = frac.slice(digits);
  const first = rest.charCodeAt(0) - 48;
  const beyondHalf = /[1-9]/.test(rest.slice(1));
  const lastKept = kept.charCodeAt(kept.length - 1) - 48;
  const roundUp = first > 5 || (first === 5 && (beyondHalf || lastKept % 2 === 1));

  const digitsOut = roundUp ? incrementDecimal(kept) : kept;
  const cut = digitsOut.length - digits;
  const body = digits > 0 ? `${digitsOut.slice(0, cut)}.${digitsOut.slice(cut)}` : digitsOut;
  return sign + body;
}

/** Adds one to a string of decimal digits ("0999" → "1000", "99" → "100"). */
function incrementDecimal(s: string): string {
  const out = s.split('');
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i] === '9') {
      out[i] = '0';
    } else {
      out[i] = String.fromCharCode((out[i] ?? '0').charCodeAt(0) + 1);
      return out.join('');
    }
  }
  return '1' + out.join('');
}
