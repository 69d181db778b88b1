import { spawnSync } from 'node:child_process';
import { hostname, tmpdir } from 'node:os';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCK_FILE, acquireBatchLock } from './batch-lock.js';

async function outDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'fitcheck-lock-'));
}

/** The pid of a process that has exited: what a batch killed with SIGKILL leaves in its lock. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('acquireBatchLock', () => {
  it('writes the owner pid and refuses a second batch while the owner lives', async () => {
    const out = await outDir();
    const release = await acquireBatchLock(out);
    expect(JSON.parse(await readFile(join(out, LOCK_FILE), 'utf8'))).toEqual({ pid: process.pid, host: hostname() });
    await expect(acquireBatchLock(out)).rejects.toMatchObject({ code: 'BATCH_LOCKED' });
    await release();
    const again = await acquireBatchLock(out);
    await again();
  });

  it('takes over the lock of a dead batch', async () => {
    const out = await outDir();
    const pid = deadPid();
    await writeFile(join(out, LOCK_FILE), JSON.stringify({ pid, host: hostname() }));
    const release = await acquireBatchLock(out);
    expect(JSON.parse(await readFile(join(out, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    await release();
  });

  it('treats a torn lock file as stale, and refuses one held on another host', async () => {
    const out = await outDir();
    await writeFile(join(out, LOCK_FILE), '{"pid": 12');
    await (await acquireBatchLock(out))();
    await writeFile(join(out, LOCK_FILE), JSON.stringify({ pid: 1, host: 'runner-elsewhere' }));
    await expect(acquireBatchLock(out)).rejects.toMatchObject({ code: 'BATCH_LOCKED' });
  });
});
