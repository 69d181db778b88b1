import { describe, expect, it } from 'vitest';
import { measure, median } from './measure.js';

describe('median', () => {
  it('matches numpy.median for odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2); // np.median([3, 1, 2]) == 2.0
    expect(median([4, 1, 3, 2])).toBe(2.5); // np.median([4, 1, 3, 2]) == 2.5
  });
});

describe('measure', () => {
  it('runs the warm-up untimed and reports every timed run', async () => {
    let calls = 0;
    const result = await measure('count', async () => { calls++; }, { runs: 3, warmup: 2 });
    expect(calls).toBe(5);
    expect(result.name).toBe('count');
    expect(result.min_s).toBeLessThanOrEqual(result.median_s);
    expect(result.median_s).toBeLessThanOrEqual(result.max_s);
  });
});
