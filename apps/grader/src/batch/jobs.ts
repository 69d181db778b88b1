import { availableParallelism, freemem } from 'node:os';

/** What one grading child may use at most: the cat Large model trains 15.7 M params with Adam. */
export const BYTES_PER_JOB = 2 * 1024 ** 3;

export interface MachineLimits {
  cores: number;
  freeBytes: number;
  bytesPerJob: number;
}

/**
 * How many submissions to grade at once: `max(1, min(requested, cores, ⌊free / perJob⌋))`.
 * Training is CPU-bound, so more children than cores only adds memory; and a machine that runs
 * out of memory kills children at random, which costs more than waiting.
 */
export function boundJobs(requested: number, limits: MachineLimits = machineLimits()): number {
  const byMemory = Math.floor(limits.freeBytes / limits.bytesPerJob);
  return Math.max(1, Math.min(Math.floor(requested), limits.cores, byMemory));
}

/** This machine's cores and free memory now. */
export function machineLimits(): MachineLimits {
  return { cores: availableParallelism(), freeBytes: freemem(), bytesPerJob: BYTES_PER_JOB };
}

/**
 * Threads for each grading child: the cores shared out between the jobs, at least one. Each child's
 * kernels start a worker per thread and wait on them at every matrix product, so children that ask
 * for every core each would take turns on them instead of running side by side.
 */
export function threadsPerJob(jobs: number, cores: number = availableParallelism()): number {
  return Math.max(1, Math.floor(cores / Math.max(1, jobs)));
}
