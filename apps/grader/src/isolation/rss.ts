import { readFile } from 'node:fs/promises';

/**
 * Resident set size of a process in bytes, from `/proc/<pid>/status` (`VmRSS`): everything the
 * process touched — V8 heap, wasm memory, ArrayBuffers — which V8's heap flags do not limit.
 * Null where there is no procfs (macOS, Windows) or the process is gone.
 */
export async function readRssBytes(pid: number): Promise<number | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb === undefined ? null : Number(kb) * 1024;
  } catch {
    return null;
  }
}
