import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { link, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

import { GraderError } from '../errors.js';
import { text } from '../messages/text.js';

/** The lock file in OUT: who holds it, so a stale lock (owner dead) can be taken over. */
export const LOCK_FILE = '.fitcheck-batch.lock';

/** What the lock file records of its owner. */
export interface LockOwner {
  pid: number;
  host: string;
  /** `/proc/sys/kernel/random/boot_id`: a pid from before a reboot names nobody. */
  boot?: string;
  /** The owner's start time (`/proc/<pid>/stat` field 22, clock ticks since boot): a reused pid has another. */
  start?: number;
  /** Unique to this taking of the lock, so a takeover can tell the stale file it read from a fresh one. */
  nonce: string;
}

/**
 * Takes OUT's lock for this process, or throws `BATCH_LOCKED` when a live process holds it.
 *
 * The lock file appears complete or not at all: the owner record is written to a temp file and
 * hard-linked into place (`link` fails when the name exists), so no reader ever sees an empty or
 * half-written lock and takes it for stale. The owner is alive when `/proc/<pid>/stat` exists, is
 * not a zombie (`Z`, what a SIGKILLed batch becomes under a PID 1 that does not reap) and shows
 * the recorded start time (a reused pid does not); the same boot is required. A stale lock is
 * renamed away and the rename's victim compared with what was read, so of two batches that found
 * it stale only one takes it, and a fresh lock moved by mistake is put back.
 * Returns the function that releases it.
 */
export async function acquireBatchLock(out: string): Promise<() => Promise<void>> {
  const path = join(out, LOCK_FILE);
  const me: LockOwner = { pid: process.pid, host: hostname(), ...(await identity(process.pid)), nonce: randomBytes(8).toString('hex') };
  const record = `${JSON.stringify(me)}\n`;
  for (let attempt = 0; attempt < 5; attempt++) {
    if (await publish(path, record)) {
      return async () => {
        const held = await readFile(path, 'utf8').catch(() => undefined);
        if (held === record) await rm(path, { force: true });
      };
    }
    const seen = await readFile(path, 'utf8').catch(() => undefined);
    if (seen === undefined) continue;
    const owner = parseOwner(seen);
    // A pid names a process, it is not a quantity: a string, never grouped (pid 12.345).
    if (owner && owner.host !== me.host) {
      throw new GraderError('BATCH_LOCKED', text('errBatch.lockedElsewhere', { host: owner.host, pid: String(owner.pid) }), { file: path },
        text('errBatch.lockedElsewhereFix', { path }));
    }
    if (owner && (await isAlive(owner, me))) {
      throw new GraderError('BATCH_LOCKED', text('errBatch.locked', { pid: String(owner.pid) }), { file: path },
        text('errBatch.lockedFix', { pid: String(owner.pid), path }));
    }
    // Stale (or unreadable: no fitcheck ever leaves a partial one). Move exactly that file away.
    const tomb = `${path}.${me.nonce}.stale`;
    try {
      await rename(path, tomb);
    } catch {
      continue;
    }
    const moved = await readFile(tomb, 'utf8').catch(() => undefined);
    // A batch took the lock between our read and our rename: give it back.
    if (moved !== seen) await link(tomb, path).catch(() => undefined);
    await rm(tomb, { force: true });
  }
  throw new GraderError('BATCH_LOCKED', text('errBatch.lockRace'), { file: path }, text('errBatch.lockRaceFix'));
}

/** Creates `path` holding `record`, complete, or returns false when it exists. */
async function publish(path: string, record: string): Promise<boolean> {
  const temp = `${path}.${randomBytes(8).toString('hex')}.tmp`;
  const file = await open(temp, 'wx');
  try {
    await file.writeFile(record);
    await file.sync();
  } finally {
    await file.close();
  }
  try {
    await link(temp, path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  } finally {
    await rm(temp, { force: true });
  }
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (typeof value.pid !== 'number' || typeof value.host !== 'string') return undefined;
    return {
      pid: value.pid, host: value.host, nonce: typeof value.nonce === 'string' ? value.nonce : '',
      ...(typeof value.boot === 'string' && { boot: value.boot }),
      ...(typeof value.start === 'number' && { start: value.start }),
    };
  } catch {
    return undefined;
  }
}

/** This boot's id and a process's start time and state, where Linux's /proc says them. */
async function identity(pid: number): Promise<{ boot?: string; start?: number }> {
  const boot = (await readFile('/proc/sys/kernel/random/boot_id', 'utf8').catch(() => '')).trim();
  const stat = await processStat(pid);
  return { ...(boot !== '' && { boot }), ...(stat && { start: stat.start }) };
}

/** State and start time of `pid` from `/proc/<pid>/stat`, or undefined when there is no such process (or no /proc). */
export async function processStat(pid: number): Promise<{ state: string; start: number } | undefined> {
  const text = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  // `pid (comm) state ppid …`: comm may hold spaces and parentheses, so fields start after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { state: fields[0] ?? '', start: Number(fields[19]) };
}

/** Whether the lock's owner (on this host) still runs: not gone, not a zombie, not a reused pid, not from before a reboot. */
async function isAlive(owner: LockOwner, me: LockOwner): Promise<boolean> {
  if (owner.boot !== undefined && me.boot !== undefined && owner.boot !== me.boot) return false;
  if (me.start !== undefined) {
    // This system has /proc: it is the authority.
    const stat = await processStat(owner.pid);
    if (stat === undefined || stat.state === 'Z' || stat.state === 'X' || stat.state === 'x') return false;
    return owner.start === undefined || stat.start === owner.start;
  }
  // Signal 0 probes a pid without touching it: ESRCH = gone, EPERM = alive but someone else's.
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
