import { describe, expect, it } from 'vitest';
import { parseDecimal } from './parse-number.js';

function parse(text: string): number {
  const bytes = Buffer.from(`,${text},`);
  return parseDecimal(bytes, 1, bytes.length - 1);
}

describe('parseDecimal', () => {
  it('equals Number() on the forms HIGGS files use', () => {
    for (const t of ['1.00E+00', '0.00E+00', '8.69E-01', '-6.35E-01', '-1.05E-02', '3.10E+00', '0', '1', '0.6238780022',
      '-2.2498278618', '8.692932128906250000e-01', '-6.350818276405334473e-01', '1e-30', '123456789012345678', '.5', '5.', '+2.5e+3']) {
      expect(parse(t), t).toBe(Number(t));
    }
  });

  it('agrees with Number() bit for bit on 20,000 random decimals', () => {
    let s = 12345;
    const next = (): number => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
    const wrong: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const v = (next() - 0.5) * 10 ** Math.floor(next() * 12 - 6);
      for (const t of [v.toExponential(2).toUpperCase(), v.toFixed(10), v.toPrecision(15), String(v)]) {
        if (!Object.is(parse(t), Number(t))) wrong.push(t);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('returns NaN for text that is not a number', () => {
    for (const t of ['', 'abc', '1.2.3', '1e', '1e+', '-', 'nan', '1,5', '0x10', '1.0E+0x']) expect(parse(t), t).toBeNaN();
  });
});
