import { spawn, spawnSync } from 'node:child_process';
import { hostname, tmpdir } from 'node:os';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { englishIn, ptLine } from '../test-helpers/pt-line.js';
import { LOCK_FILE, acquireBatchLock, processStat } from './batch-lock.js';

async function outDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'fitcheck-lock-'));
}

/** The pid of a process that has exited: what a batch killed with SIGKILL leaves in its lock. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

const bootId = async (): Promise<string> => (await readFile('/proc/sys/kernel/random/boot_id', 'utf8')).trim();

/** Runs a shell script in its own process group; the first line it prints, and how to stop it. */
async function shell(script: string): Promise<{ line: string; stop: () => void }> {
  const child = spawn('bash', ['-c', script], { detached: true, stdio: ['ignore', 'pipe', 'ignore'] });
  const line = await new Promise<string>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(d.toString().trim())));
  return { line, stop: () => process.kill(-(child.pid as number), 'SIGKILL') };
}

// The built module, for racers in their own processes (a lock is between processes).
const LOCK_MODULE = fileURLToPath(new URL('../../dist/batch/batch-lock.js', import.meta.url));

/** `n` processes try to take OUT's lock at once; each winner keeps it (and lives) until the race is over. */
async function race(out: string, n: number): Promise<string[]> {
  const script = `import(${JSON.stringify(LOCK_MODULE)}).then((m) => m.acquireBatchLock(process.argv[1]))`
    + `.then(() => { console.log('won'); setInterval(() => {}, 1000); }, (e) => console.log(e.code ?? e.message))`;
  const children = Array.from({ length: n }, () => spawn(process.execPath, ['-e', script, out], { stdio: ['ignore', 'pipe', 'inherit'] }));
  const results = await Promise.all(children.map((c) => new Promise<string>((resolve) => c.stdout.once('data', (d: Buffer) => resolve(d.toString().trim())))));
  for (const c of children) c.kill('SIGKILL');
  await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null || c.signalCode !== null ? r(null) : c.once('exit', r)))));
  return results;
}

describe('acquireBatchLock', () => {
  it('writes the owner (pid, host, boot, start time) and refuses a second batch while the owner lives', async () => {
    const out = await outDir();
    const release = await acquireBatchLock(out);
    const owner = JSON.parse(await readFile(join(out, LOCK_FILE), 'utf8')) as Record<string, unknown>;
    expect(owner).toMatchObject({ pid: process.pid, host: hostname(), boot: await bootId(), start: (await processStat(process.pid))?.start });
    const refused = await acquireBatchLock(out).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'BATCH_LOCKED', hint: expect.stringContaining(`delete ${join(out, LOCK_FILE)} by hand`) });
    await release();
    const again = await acquireBatchLock(out);
    await again();
    expect(await readdir(out)).toEqual([]);
  });

  it('takes over the lock of a dead batch, and an unreadable one', async () => {
    const out = await outDir();
    await writeFile(join(out, LOCK_FILE), JSON.stringify({ pid: deadPid(), host: hostname() }));
    const release = await acquireBatchLock(out);
    expect(JSON.parse(await readFile(join(out, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    await release();
    await writeFile(join(out, LOCK_FILE), '{"pid": 12');
    await (await acquireBatchLock(out))();
  });

  it('says a lock held by a live batch in pt-BR, the pid never grouped, in English as its message', async () => {
    const out = await outDir();
    const release = await acquireBatchLock(out);
    try {
      const refused = await acquireBatchLock(out).catch((e: unknown) => e);
      const path = join(out, LOCK_FILE);
      expect(refused).toMatchObject({
        message: `another batch (pid ${process.pid}) is writing to this folder`,
        hint: `wait for it to finish, or use another --out; if \`ps -p ${process.pid}\` shows no fitcheck batch, delete ${path} by hand`,
      });
      const line = ptLine(refused);
      expect(line).toBe(`${path}: outro lote (pid ${process.pid}) está gravando nesta pasta\n`
        + `  como corrigir: espere ele terminar ou use outro --out; se \`ps -p ${process.pid}\` não mostrar nenhum fitcheck batch, apague ${path} à mão`);
      expect(englishIn(line)).toEqual([]);
    } finally {
      await release();
    }
  });

  it('refuses a lock held on another host, saying how to clear it by hand', async () => {
    const out = await outDir();
    await writeFile(join(out, LOCK_FILE), JSON.stringify({ pid: 1, host: 'runner-elsewhere' }));
    const refused = await acquireBatchLock(out).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'BATCH_LOCKED', message: 'a batch on host runner-elsewhere (pid 1) holds this folder', hint: expect.stringContaining('by hand') });
    expect(ptLine(refused)).toBe(`${join(out, LOCK_FILE)}: um lote na máquina runner-elsewhere (pid 1) está usando esta pasta\n`
      + `  como corrigir: se nenhum lote roda mais lá, apague ${join(out, LOCK_FILE)} à mão`);
  });

  // A SIGKILLed batch under a PID 1 that does not reap stays a zombie: signal 0 still reaches it.
  it('takes over the lock of a zombie owner', async () => {
    const out = await outDir();
    // bash starts a child, then becomes `sleep`, which never reaps it: the child is a zombie once it exits.
    const { line, stop } = await shell('sleep 0.05 & echo $!; exec sleep 60');
    const pid = Number(line);
    try {
      while ((await processStat(pid))?.state !== 'Z') await new Promise((r) => setTimeout(r, 20));
      const start = (await processStat(pid))?.start;
      await writeFile(join(out, LOCK_FILE), JSON.stringify({ pid, host: hostname(), boot: await bootId(), start, nonce: 'x' }));
      await (await acquireBatchLock(out))();
    } finally {
      stop();
    }
  });

  it('takes over a lock whose pid now belongs to another process (another start time)', async () => {
    const out = await outDir();
    const { line, stop } = await shell('echo $$; exec sleep 60');
    const pid = Number(line);
    try {
      const start = (await processStat(pid))?.start as number;
      await writeFile(join(out, LOCK_FILE), JSON.stringify({ pid, host: hostname(), boot: await bootId(), start: start - 1, nonce: 'x' }));
      await (await acquireBatchLock(out))();
      await writeFile(join(out, LOCK_FILE), JSON.stringify({ pid, host: hostname(), boot: await bootId(), start, nonce: 'x' }));
      await expect(acquireBatchLock(out)).rejects.toMatchObject({ code: 'BATCH_LOCKED' });
    } finally {
      stop();
    }
  });

  it('is taken by exactly one of six batches racing for a fresh folder, and for a stale lock', async () => {
    for (let round = 0; round < 3; round++) {
      const fresh = await outDir();
      expect((await race(fresh, 6)).filter((r) => r === 'won')).toHaveLength(1);
      const stale = await outDir();
      await writeFile(join(stale, LOCK_FILE), JSON.stringify({ pid: deadPid(), host: hostname(), nonce: 'dead' }));
      const results = await race(stale, 6);
      expect(results.filter((r) => r === 'won')).toHaveLength(1);
      expect(results.filter((r) => r !== 'won').every((r) => r === 'BATCH_LOCKED')).toBe(true);
    }
  }, 120_000);
});
