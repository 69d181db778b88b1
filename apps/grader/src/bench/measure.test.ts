import { describe, expect, it } from 'vitest';
import { measure, median, summarize } from './measure.js';

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

describe('measure with a paired task', () => {
  it('runs `after` once after each timed run, outside the timing', async () => {
    const order: string[] = [];
    // A clock the tasks move: ours takes 10 ms, theirs 30 ms; no wall clock is read.
    let ms = 0;
    const result = await measure('paired', async () => { order.push('ours'); ms += 10; }, {
      runs: 3, warmup: 1, clock: () => ms,
      after: async () => { order.push('theirs'); ms += 30; },
    });
    expect(order).toEqual(['ours', 'ours', 'theirs', 'ours', 'theirs', 'ours', 'theirs']);
    // The 30 ms of `after` are in none of our timings.
    expect(result).toEqual({ name: 'paired', median_s: 0.01, min_s: 0.01, max_s: 0.01 });
  });

  it('summarizes timings as median, min and max', () => {
    expect(summarize('t', [0.5, 0.2, 0.4])).toEqual({ name: 't', median_s: 0.4, min_s: 0.2, max_s: 0.5 });
  });
});
