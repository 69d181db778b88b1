import { spawn } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';

export interface ChildRun {
  seconds: number;
  /** Peak resident set of the child (VmHWM), in MiB, read while it runs. */
  peakRssMiB: number;
  /**
   * Peak of the resident sets of the child and all its descendants added up (VmRSS of the process
   * tree, sampled every 50 ms), in MiB: what a container's memory limit counts.
   */
  peakTreeRssMiB: number;
  exitCode: number | null;
}

/**
 * VmRSS (KiB) of `pid` and every process under it, from /proc (each thread's `children` list, so
 * a sample costs a few reads, not a walk of every process); 0 where there is no /proc.
 */
export async function treeRssKiB(pid: number): Promise<number> {
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) {
    for (const task of await readdir(`/proc/${tree[i]}/task`).catch(() => [] as string[])) {
      const children = (await readFile(`/proc/${tree[i]}/task/${task}/children`, 'utf8').catch(() => '')).trim();
      if (children !== '') tree.push(...children.split(/\s+/).map(Number));
    }
  }
  let total = 0;
  for (const p of tree) {
    const status = await readFile(`/proc/${p}/status`, 'utf8').catch(() => '');
    total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  }
  return total;
}

/** Reads a live process' high-water RSS from /proc; 0 where /proc is not there or the process is gone. */
async function vmHwmKiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

/**
 * Runs a command to its end, timing it and sampling its peak RSS every 50 ms (its own and its
 * process tree's). VmHWM only grows, so the last sample before exit is the peak up to the final 50 ms.
 */
export function runChild(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, { stdio: 'ignore', env });
    let peak = 0;
    let treePeak = 0;
    let sampling = false;
    const timer = setInterval(() => {
      if (!child.pid) return;
      void vmHwmKiB(child.pid).then((kib) => (peak = Math.max(peak, kib)));
      if (!sampling) {
        sampling = true;
        void treeRssKiB(child.pid).then((kib) => (treePeak = Math.max(treePeak, kib))).finally(() => (sampling = false));
      }
    }, 50);
    child.on('error', (e) => {
      clearInterval(timer);
      reject(e);
    });
    child.on('exit', (exitCode) => {
      clearInterval(timer);
      resolve({ seconds: (performance.now() - start) / 1000, peakRssMiB: Math.round(peak / 1024), peakTreeRssMiB: Math.round(treePeak / 1024), exitCode });
    });
  });
}
