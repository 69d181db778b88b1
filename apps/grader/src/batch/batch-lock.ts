import { hostname } from 'node:os';
import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

import { GraderError } from '../errors.js';

/** The lock file in OUT: its owner's pid and host, so a stale lock (owner dead) can be taken over. */
export const LOCK_FILE = '.fitcheck-batch.lock';

interface LockOwner {
  pid: number;
  host: string;
}

/**
 * Takes OUT's lock for this process, or throws `BATCH_LOCKED` when a live process on this host
 * holds it. A lock whose owner is dead (a batch killed with SIGKILL) is taken over, so a killed
 * batch can simply be started again. Returns the function that releases it.
 */
export async function acquireBatchLock(out: string): Promise<() => Promise<void>> {
  const path = join(out, LOCK_FILE);
  const me: LockOwner = { pid: process.pid, host: hostname() };
  // Two attempts: the second after removing a stale lock. `wx` fails if the file exists, so of
  // two batches that both found the lock stale, only one creates it.
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const file = await open(path, 'wx');
      await file.writeFile(`${JSON.stringify(me)}\n`);
      await file.close();
      return async () => {
        const owner = await readOwner(path);
        if (owner?.pid === me.pid && owner.host === me.host) await rm(path, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const owner = await readOwner(path);
    if (owner && owner.host === me.host && isAlive(owner.pid)) {
      throw new GraderError(
        'BATCH_LOCKED',
        `another batch (pid ${owner.pid}) is writing to this folder`,
        { file: path },
        'wait for it to finish, or use another --out',
      );
    }
    if (owner && owner.host !== me.host) {
      throw new GraderError(
        'BATCH_LOCKED',
        `a batch on host ${owner.host} (pid ${owner.pid}) holds this folder`,
        { file: path },
        `if that batch is gone, delete ${path}`,
      );
    }
    await rm(path, { force: true });
  }
  throw new GraderError('BATCH_LOCKED', 'could not take the batch lock', { file: path }, 'another batch started at the same moment; retry');
}

async function readOwner(path: string): Promise<LockOwner | undefined> {
  try {
    const value = JSON.parse(await readFile(path, 'utf8')) as Partial<LockOwner>;
    return typeof value.pid === 'number' && typeof value.host === 'string' ? { pid: value.pid, host: value.host } : undefined;
  } catch {
    // Unreadable or torn (the owner died while writing it): treat as stale.
    return undefined;
  }
}

/** Signal 0 probes a pid without touching it: ESRCH = gone, EPERM = alive but someone else's. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
