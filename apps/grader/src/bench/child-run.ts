import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';

export interface ChildRun {
  seconds: number;
  /** Peak resident set of the child (VmHWM), in MiB, read while it runs. */
  peakRssMiB: number;
  exitCode: number | null;
}

/** Reads a live process' high-water RSS from /proc; 0 where /proc is not there or the process is gone. */
async function vmHwmKiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

/**
 * Runs a command to its end, timing it and sampling its peak RSS every 50 ms. VmHWM only
 * grows, so the last sample before exit is the peak up to the final 50 ms.
 */
export function runChild(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, { stdio: 'ignore', env });
    let peak = 0;
    const timer = setInterval(() => {
      if (child.pid) void vmHwmKiB(child.pid).then((kib) => (peak = Math.max(peak, kib)));
    }, 50);
    child.on('error', (e) => {
      clearInterval(timer);
      reject(e);
    });
    child.on('exit', (exitCode) => {
      clearInterval(timer);
      resolve({ seconds: (performance.now() - start) / 1000, peakRssMiB: Math.round(peak / 1024), exitCode });
    });
  });
}
