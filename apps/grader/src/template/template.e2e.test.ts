import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GradescopeResults } from '../results/gradescope.js';
import { fitcheck } from '../test-helpers/cli.js';
import { submissionFixture } from '../test-helpers/paths.js';

const run = promisify(execFile);
let repo: string;
let made: { code: number | null; stdout: string; stderr: string };

// The students' repository as the TA hands it out, made by the real CLI; installed as a student
// would (offline, from pnpm's store: fitcheck itself comes from the repository's vendor/).
beforeAll(async () => {
  repo = join(await mkdtemp(join(tmpdir(), 'fitcheck-template-')), 'lab5');
  made = await fitcheck(['template', '--lab', 'lab5', '--out', repo]);
}, 300_000);

describe('fitcheck template --lab lab5 --out DIR: the repository students receive', () => {
  it('holds the starter submission, the public data, the workflow, a README, fitcheck in vendor/, and a lockfile', async () => {
    expect(made.code, made.stderr).toBe(0);
    for (const path of ['submission/lab5.yaml', 'README.md', '.github/workflows/fitcheck.yml', '.github/dependabot.yml', 'package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml', '.gitignore',
      'grading/labs/lab5/lab.yaml', 'grading/labs/lab5/rubric.yaml', 'fixtures/datasets/higgs/HIGGS_first_10000.csv.gz', 'fixtures/datasets/catvnoncat/train_catvnoncat.h5']) {
      expect(existsSync(join(repo, path)), path).toBe(true);
    }
    expect((await readdir(join(repo, 'vendor'))).sort()).toEqual([expect.stringMatching(/^fitcheck-core-.*\.tgz$/), expect.stringMatching(/^fitcheck-datasets-.*\.tgz$/), expect.stringMatching(/^fitcheck-grader-.*\.tgz$/)]);
    expect(JSON.parse(await readFile(join(repo, 'package.json'), 'utf8'))).toMatchObject({ scripts: { check: 'fitcheck check' } });
  });

  it('leaves out what only TAs have: the hidden HIGGS rows, the TA profiles, the Gradescope packing', async () => {
    expect(existsSync(join(repo, 'fixtures/datasets/higgs/HIGGS_h2o_sample_5000_unknown_rows.csv.gz'))).toBe(false);
    const labText = await readFile(join(repo, 'grading/labs/lab5/lab.yaml'), 'utf8');
    const lab = parse(labText) as { profiles: Record<string, unknown>; datasets: { higgs: Record<string, unknown> }; gradescope?: unknown };
    expect(Object.keys(lab.profiles).sort()).toEqual(['check', 'smoke']);
    expect(lab.datasets.higgs).not.toHaveProperty('holdout');
    expect(lab.datasets.higgs).not.toHaveProperty('taOnly');
    expect(lab).not.toHaveProperty('gradescope');
    expect(labText).not.toContain('HIGGS_h2o_sample');
    // Comments are kept: the lab still explains itself.
    expect(labText).toContain("# The notebook's fixed models");
  });

  it('points every $schema at the installed grader, and `pnpm check` grades a filled-in submission there', async () => {
    await run('pnpm', ['install', '--offline'], { cwd: repo, env: { ...process.env, CI: 'true' } });
    for (const [file, depth] of [['submission/lab5.yaml', 1], ['grading/labs/lab5/lab.yaml', 3], ['grading/labs/lab5/rubric.yaml', 3]] as const) {
      const schema = /\$schema=(\S+)/.exec(await readFile(join(repo, file), 'utf8'))?.[1];
      expect(schema, file).toMatch(new RegExp(`^${'\\.\\./'.repeat(depth)}node_modules/@fitcheck/grader/schemas/`));
      expect(existsSync(join(repo, file, '..', schema!)), `${file} → ${schema}`).toBe(true);
    }
    await copyFile(join(submissionFixture('reference'), 'lab5.yaml'), join(repo, 'submission', 'lab5.yaml'));
    const check = await run('pnpm', ['check', '--lang', 'en'], { cwd: repo, env: { ...process.env, FITCHECK_THREADS: '1' } });
    expect(check.stdout).toContain('results: out/check/results.json');
    const results = JSON.parse(await readFile(join(repo, 'out', 'check', 'results.json'), 'utf8')) as GradescopeResults;
    expect(results.extra_data).toMatchObject({ status: 'graded', profile: 'check', lab: 'lab5' });
    expect(results.extra_data.submissionFile).toBe('submission/lab5.yaml');
    // The TA's profile is not there to ask for.
    await expect(run('pnpm', ['fitcheck', 'grade', 'submission', '--out', 'out/ci', '--profile', 'ci'], { cwd: repo })).rejects.toMatchObject({ stderr: expect.stringContaining('perfil desconhecido "ci"') });
  }, 300_000);
});
