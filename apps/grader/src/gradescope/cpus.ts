import { availableParallelism } from 'node:os';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The CPUs this process may use: the cores it sees, capped by its control group's CPU quota —
 * what Gradescope's "½ vCPU" is (`cpu.max` `50000 100000` in cgroup v2, `cpu.cfs_quota_us` /
 * `cpu.cfs_period_us` in v1), which `availableParallelism()` does not see (it counts the host's
 * cores). Fractions round down, never below one: half a CPU trains on one thread.
 */
export async function usableCpus(cgroupRoot = '/sys/fs/cgroup'): Promise<number> {
  const quota = (await cgroupV2Quota(cgroupRoot)) ?? (await cgroupV1Quota(cgroupRoot));
  const cores = availableParallelism();
  return Math.max(1, Math.min(cores, quota === undefined ? cores : Math.floor(quota)));
}

async function read(path: string): Promise<string | undefined> {
  return readFile(path, 'utf8').then((s) => s.trim(), () => undefined);
}

/** `cpu.max`: `<quota> <period>` in microseconds, or `max <period>` (no quota). */
async function cgroupV2Quota(root: string): Promise<number | undefined> {
  const [quota, period] = ((await read(join(root, 'cpu.max'))) ?? '').split(/\s+/);
  return ratio(quota, period);
}

/** `cpu.cfs_quota_us` (-1: none) over `cpu.cfs_period_us`, under `cpu/` or `cpu,cpuacct/`. */
async function cgroupV1Quota(root: string): Promise<number | undefined> {
  for (const dir of ['cpu', 'cpu,cpuacct']) {
    const q = ratio(await read(join(root, dir, 'cpu.cfs_quota_us')), await read(join(root, dir, 'cpu.cfs_period_us')));
    if (q !== undefined) return q;
  }
  return undefined;
}

function ratio(quota: string | undefined, period: string | undefined): number | undefined {
  const q = Number(quota);
  const p = Number(period);
  return Number.isFinite(q) && Number.isFinite(p) && q > 0 && p > 0 ? q / p : undefined;
}
