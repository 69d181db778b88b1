import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendFileNoFollow, prepareOut, replaceDir, writeFileAtomic } from './write-out.js';

/** An OUT with links already planted in it, and the file and folder outside it they point to. */
function plantedOut(): { out: string; victim: string; victimDir: string } {
  const root = mkdtempSync(join(tmpdir(), 'fitcheck-out-'));
  const out = join(root, 'out');
  const victim = join(root, 'victim.txt');
  const victimDir = join(root, 'victim-dir');
  mkdirSync(out);
  mkdirSync(victimDir);
  writeFileSync(victim, 'keep me\n');
  symlinkSync(victim, join(out, 'report.html'));
  symlinkSync(victim, join(out, 'debug.log'));
  symlinkSync(victimDir, join(out, 'tensorboard'));
  return { out, victim, victimDir };
}

describe('writing under --out never follows a link already there', () => {
  it('writeFileAtomic replaces a planted link by the file, leaving its target alone', async () => {
    const { out, victim } = plantedOut();
    await writeFileAtomic(join(out, 'report.html'), '<html></html>');
    expect(readFileSync(victim, 'utf8')).toBe('keep me\n');
    expect(lstatSync(join(out, 'report.html')).isFile()).toBe(true);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toBe('<html></html>');
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('appendFileNoFollow starts a real file in place of a planted link', async () => {
    const { out, victim } = plantedOut();
    await appendFileNoFollow(join(out, 'debug.log'), 'one\n');
    await appendFileNoFollow(join(out, 'debug.log'), 'two\n');
    expect(readFileSync(victim, 'utf8')).toBe('keep me\n');
    expect(readFileSync(join(out, 'debug.log'), 'utf8')).toBe('one\ntwo\n');
  });

  it('replaceDir fills a fresh folder and renames it over a planted link to a folder elsewhere', async () => {
    const { out, victimDir } = plantedOut();
    await replaceDir(join(out, 'tensorboard'), async (temp) => writeFileSync(join(temp, 'events'), 'x'));
    expect(readdirSync(victimDir)).toEqual([]);
    expect(lstatSync(join(out, 'tensorboard')).isDirectory()).toBe(true);
    expect(readdirSync(join(out, 'tensorboard'))).toEqual(['events']);
    await expect(replaceDir(join(out, 'tensorboard'), () => Promise.reject(new Error('disk gone')))).rejects.toThrow('disk gone');
    expect(readdirSync(join(out, 'tensorboard'))).toEqual(['events']);
    expect(readdirSync(out).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('prepareOut refuses an --out that is a file, as a usage error that says nothing was written', async () => {
    const { victim } = plantedOut();
    await expect(prepareOut(victim)).rejects.toMatchObject({ code: 'OUT_NOT_A_FOLDER', message: expect.stringContaining('nothing was written, results.json included') });
    await expect(prepareOut(join(victim, 'below'))).rejects.toMatchObject({ code: 'OUT_NOT_A_FOLDER' });
  });
});
