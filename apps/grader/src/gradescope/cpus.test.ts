import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { usableCpus } from './cpus.js';

/** A control-group folder as the kernel shows it: the files and their contents as written there. */
async function cgroup(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'fitcheck-cgroup-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), `${text}\n`);
  }
  return root;
}

describe('usableCpus: the cores the container may use, not the host\'s', () => {
  it("reads Gradescope's ½ vCPU as one thread (cgroup v2 cpu.max), and a quota of 3.5 CPUs as 3 where the host has them", async () => {
    expect(await usableCpus(await cgroup({ 'cpu.max': '50000 100000' }))).toBe(1);
    expect(await usableCpus(await cgroup({ 'cpu.max': '350000 100000' }))).toBe(Math.min(3, availableParallelism()));
  });

  it('takes cgroup v1 quotas, and no quota at all as every core', async () => {
    expect(await usableCpus(await cgroup({ 'cpu,cpuacct/cpu.cfs_quota_us': '25000', 'cpu,cpuacct/cpu.cfs_period_us': '100000' }))).toBe(1);
    expect(await usableCpus(await cgroup({ 'cpu.max': 'max 100000' }))).toBe(availableParallelism());
    expect(await usableCpus(await cgroup({ 'cpu/cpu.cfs_quota_us': '-1', 'cpu/cpu.cfs_period_us': '100000' }))).toBe(availableParallelism());
    // This machine's own control group: whatever it allows, at least one thread.
    expect(await usableCpus()).toBeGreaterThanOrEqual(1);
  });
});
