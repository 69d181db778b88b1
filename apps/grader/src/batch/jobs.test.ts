import { describe, expect, it } from 'vitest';
import { boundJobs, threadsPerJob } from './jobs.js';

const GiB = 1024 ** 3;

describe('boundJobs', () => {
  it('is min(requested, cores, floor(free / per job)), at least 1', () => {
    expect(boundJobs(8, { cores: 2, freeBytes: 24 * GiB, bytesPerJob: 2 * GiB })).toBe(2);
    expect(boundJobs(8, { cores: 16, freeBytes: 7 * GiB, bytesPerJob: 2 * GiB })).toBe(3);
    expect(boundJobs(3, { cores: 16, freeBytes: 64 * GiB, bytesPerJob: 2 * GiB })).toBe(3);
    expect(boundJobs(4, { cores: 4, freeBytes: 1 * GiB, bytesPerJob: 2 * GiB })).toBe(1);
  });
});

describe('threadsPerJob', () => {
  it('shares the cores out between the jobs, at least one thread each', () => {
    expect(threadsPerJob(1, 2)).toBe(2);
    expect(threadsPerJob(2, 2)).toBe(1);
    expect(threadsPerJob(3, 8)).toBe(2);
    expect(threadsPerJob(4, 2)).toBe(1);
  });
});
