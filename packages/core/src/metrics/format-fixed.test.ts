import { describe, expect, it } from 'vitest';
import { formatFixed } from './format-fixed.js';

describe("formatFixed (Python's '.Nf')", () => {
  it('rounds exact binary ties half to even, as Python does', () => {
    // Python: format(0.125, '.2f') == '0.12', format(0.375, '.2f') == '0.38', format(0.5, '.0f') == '0'
    expect(formatFixed(0.125, 2)).toBe('0.12');
    expect(formatFixed(0.375, 2)).toBe('0.38');
    expect(formatFixed(0.625, 2)).toBe('0.62');
    expect(formatFixed(0.5, 0)).toBe('0');
    expect(formatFixed(1.5, 0)).toBe('2');
    expect(formatFixed(2.5, 0)).toBe('2');
  });

  it('rounds non-ties by their exact binary value', () => {
    // 0.115 is stored as 0.11500000000000000499…, 2.675 as 2.67499999999999982236…
    expect(formatFixed(0.115, 2)).toBe('0.12');
    expect(formatFixed(2.675, 2)).toBe('2.67');
    expect(formatFixed(0.999, 2)).toBe('1.00');
    expect(formatFixed(9.9996, 3)).toBe('10.000');
  });

  it('formats integers, zero digits, negatives and non-finite values like Python', () => {
    expect(formatFixed(1, 2)).toBe('1.00');
    expect(formatFixed(0, 4)).toBe('0.0000');
    expect(formatFixed(2 / 3, 4)).toBe('0.6667');
    expect(formatFixed(-0.125, 2)).toBe('-0.12');
    expect(formatFixed(Number.NaN, 2)).toBe('nan');
    expect(formatFixed(Infinity, 2)).toBe('inf');
  });
});
