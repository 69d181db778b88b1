import { describe, expect, it } from 'vitest';
import { curveNoise } from './curve-noise.js';
import { smooth, smoothingNoiseFactors } from './smooth.js';

/** Standard normal draws from a seeded generator (mulberry32, then Box–Muller). */
function normals(n: number, seed: number): number[] {
  let state = seed >>> 0;
  const uniform = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 1) / 4294967297;
  };
  return Array.from({ length: n }, () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform()));
}

describe('curveNoise', () => {
  it('recovers the σ of white noise around a falling-then-rising curve, trend and all', () => {
    const noise = normals(2000, 7);
    const curve = noise.map((e, i) => 0.6 + 0.3 * Math.exp(-i / 50) + 0.0002 * i + 0.01 * e);
    expect(curveNoise(curve)).toBeGreaterThan(0.0095);
    expect(curveNoise(curve)).toBeLessThan(0.0105);
  });

  it('is zero for a straight line and NaN for fewer than three epochs', () => {
    expect(curveNoise([1, 0.9, 0.8, 0.7, 0.6])).toBeCloseTo(0, 12);
    expect(curveNoise([0.7, 0.6])).toBeNaN();
  });
});

describe('smoothingNoiseFactors', () => {
  it('is √Σk²/Σk: the interior of std 1 (9 taps) shrinks noise to 0.341, the last point (5 taps) to 0.458', () => {
    const f = smoothingNoiseFactors(30, 1);
    const k = [-4, -3, -2, -1, 0, 1, 2, 3, 4].map((x) => Math.exp(-((x / 5) ** 2)));
    const factor = (taps: number[]) => Math.sqrt(taps.reduce((s, w) => s + w * w, 0)) / taps.reduce((s, w) => s + w, 0);
    expect(f[15]).toBeCloseTo(factor(k), 12);
    expect(f[29]).toBeCloseTo(factor(k.slice(0, 5)), 12);
    expect(f[15]).toBeCloseTo(0.341, 3);
    expect(f[29]).toBeCloseTo(0.458, 3);
  });

  it('matches the spread of smoothed white noise', () => {
    const runs = 400;
    const at = 10;
    const values = Array.from({ length: runs }, (_, r) => smooth(normals(21, 100 + r), 1)[at] as number);
    const sd = Math.sqrt(values.reduce((s, v) => s + v * v, 0) / runs);
    expect(sd / (smoothingNoiseFactors(21, 1)[at] as number)).toBeGreaterThan(0.9);
    expect(sd / (smoothingNoiseFactors(21, 1)[at] as number)).toBeLessThan(1.1);
  });
});
