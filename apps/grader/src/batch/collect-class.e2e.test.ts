import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../lab/paths.js';
import { fitcheck } from '../test-helpers/cli.js';

// grading/ci/collect-class.sh with real git, the org's repositories as bare repositories on disk.
const SCRIPT = join(REPO_ROOT, 'grading', 'ci', 'collect-class.sh');
const REFERENCE = join(REPO_ROOT, 'fixtures', 'submissions', 'reference', 'lab5.yaml');
const STARTER = join(REPO_ROOT, 'submission', 'lab5.yaml');

/** A student's repository `base/org/lab5-<login>.git` with one commit of `submission/lab5.yaml` per (text, date). */
async function studentRepo(base: string, login: string, commits: [string, string][]): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), `fitcheck-${login}-`));
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=s', '-c', 'user.email=s@example.org', ...args], { cwd: work, encoding: 'utf8' });
  git('init', '-q', '-b', 'main');
  await mkdir(join(work, 'submission'));
  for (const [text, date] of commits) {
    await writeFile(join(work, 'submission', 'lab5.yaml'), text);
    git('add', '-A');
    execFileSync('git', ['-c', 'user.name=s', '-c', 'user.email=s@example.org', 'commit', '-q', '-m', 'lab', '--date', date], { cwd: work, env: { ...process.env, GIT_COMMITTER_DATE: date } });
  }
  await mkdir(join(base, 'ufop'), { recursive: true });
  execFileSync('git', ['clone', '-q', '--bare', work, join(base, 'ufop', `lab5-${login}.git`)]);
}

describe('grading/ci/collect-class.sh: a class collected from one private repository per student', () => {
  it('takes each roster student\'s last commit before the deadline, says who is late or missing, and batch grades the folders', async () => {
    const root = await mkdtemp(join(tmpdir(), 'fitcheck-collect-'));
    const base = join(root, 'github');
    const reference = await readFile(REFERENCE, 'utf8');
    const starter = await readFile(STARTER, 'utf8');
    await studentRepo(base, 'ana-lima', [[starter, '2026-12-01T10:00:00-03:00'], [reference, '2026-12-05T20:00:00-03:00'], ['lab: lab5\n# after the deadline\n', '2026-12-06T09:00:00-03:00']]);
    await studentRepo(base, 'bia', [[reference, '2026-12-07T09:00:00-03:00']]);
    const roster = join(root, 'class.csv');
    await writeFile(roster, 'login,id,name\r\nana-lima,2024-0107,Ana Lima\r\nbia,2024-0200,Bia\r\ncaio,2024-0300,Caio\r\n../x,2024-0400,Eve\r\n');
    const dest = join(root, 'class');

    const csv = execFileSync('bash', [SCRIPT, roster, 'ufop', 'lab5-', dest, '2026-12-05T23:59:00-03:00'], { encoding: 'utf8', env: { ...process.env, FITCHECK_GIT_BASE: `file://${base}` } });
    const rows = csv.trimEnd().split('\n').map((l) => l.split(','));
    expect(rows[0]).toEqual(['login', 'commit', 'committed_at', 'status']);
    expect(rows.slice(1).map((r) => [r[0], r[3]])).toEqual([['ana-lima', 'collected'], ['bia', 'late'], ['caio', 'missing'], ['.._x', 'invalid']]);
    expect(rows[1]![1]).toMatch(/^[0-9a-f]{40}$/);
    expect(rows[1]![2]).toBe('2026-12-05T20:00:00-03:00');
    expect(await readdir(dest)).toEqual(['ana-lima']);
    expect(await readFile(join(dest, 'ana-lima', 'submission', 'lab5.yaml'), 'utf8')).toBe(reference);
    expect(existsSync(join(dest, 'ana-lima', '.git'))).toBe(false);
    expect(existsSync(join(root, 'x'))).toBe(false);

    // What the TA workflow runs next: the collected folders, the roster naming who they are.
    const out = join(root, 'out');
    const batch = await fitcheck(['batch', dest, '--out', out, '--profile', 'smoke', '--roster', roster, '--jobs', '1']);
    expect(batch.code, batch.stderr).toBe(0);
    expect(await readFile(join(out, 'gradebook.csv'), 'utf8')).toMatch(/2024-0107/);
  });

  it('refuses an organization or prefix that could name a path', () => {
    const fail = (args: string[]) => {
      try {
        execFileSync('bash', [SCRIPT, ...args], { encoding: 'utf8', stdio: 'pipe' });
        return '';
      } catch (e) {
        return String((e as { stderr?: string }).stderr);
      }
    };
    expect(fail(['x.csv', '../org', 'lab5-', '/tmp/none'])).toContain('is not a GitHub organization name');
    expect(fail(['x.csv', 'ufop', 'lab5/../', '/tmp/none'])).toContain('PREFIX');
  });
});
