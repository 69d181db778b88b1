import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../lab/paths.js';

const run = promisify(execFile);

interface Step { name?: string; run?: string }
const student = parse(await readFile(join(REPO_ROOT, 'grading', 'ci', 'student.yml'), 'utf8')) as { jobs: { grade: { steps: Step[] } } };
const stepRun = (name: string): string => {
  const command = student.jobs.grade.steps.find((s) => s.name === name)?.run;
  if (command === undefined) throw new Error(`student.yml has no step "${name}"`);
  return command;
};

/** One step's `run:` as the runner runs it: bash from the repository's root, with the variables GitHub sets. */
async function runStep(command: string, env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('bash', ['-e', '-c', command], { cwd: REPO_ROOT, env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: err.code ?? 1, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
}

describe("the student workflow's commands, run as its steps run them (on the starter submission)", () => {
  it('grade with the HTML report, then write the score table to the job summary and one annotation per finding at its file:line:col', async () => {
    const summary = join(await mkdtemp(join(tmpdir(), 'fitcheck-gh-')), 'step-summary.md');
    const env = { GITHUB_STEP_SUMMARY: summary, GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'ufop-bcc406/lab5-ana', GITHUB_RUN_ID: '4242' };

    const check = await runStep(stepRun('Grade (pnpm check --html)'), env);
    expect(check.code, check.stderr).toBe(0);
    const out = join(REPO_ROOT, 'out', 'check');
    const results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as { extra_data: { findings: { code: string; severity: string; file?: string; line?: number; column?: number }[] } };
    expect((await readFile(join(out, 'report.html'), 'utf8')).length).toBeGreaterThan(1000);

    const gh = await runStep(stepRun('Score table and annotations'), env);
    expect(gh.code, gh.stderr).toBe(0);
    const annotations = gh.stdout.trimEnd().split('\n');
    const findings = results.extra_data.findings;
    expect(findings.length).toBeGreaterThan(5);
    expect(annotations).toHaveLength(findings.length);
    const starter = (await readFile(join(REPO_ROOT, 'submission', 'lab5.yaml'), 'utf8')).split('\n');
    for (const [i, f] of findings.entries()) {
      expect(annotations[i]).toMatch(new RegExp(`^::${f.severity === 'error' ? 'error' : 'warning'} file=submission/lab5\\.yaml,line=${f.line},col=${f.column},title=fitcheck ${f.code}::`));
      // The message and its fix, in the lab's language, on one line.
      expect(annotations[i]).toContain('%0Acomo corrigir: ');
    }
    // Each annotation is where the student fills it in: ToDo 1's at `giant: null`, ToDo 10's at `report: null`.
    const at = (code: string, what: string) => findings.find((f) => f.code === code && annotations[findings.indexOf(f)]!.includes(what))!;
    expect(starter[at('MISSING_ITEM', 'higgs.models.giant').line! - 1]).toMatch(/^\s+giant: null/);
    expect(starter[at('MISSING_ITEM', 'cats.report').line! - 1]).toMatch(/^\s+report: null/);
    expect(starter[at('MISSING_ANSWER', 'giant_analysis').line! - 1]).toMatch(/^\s+giant_analysis: null/);

    const md = await readFile(summary, 'utf8');
    expect(md).toMatch(/^## fitcheck: 0 \/ 100 — Your Name \(0000-0000\)\n/);
    expect(md).toContain('| ToDo | nota | máx. |');
    expect(md).toContain('| **total** | **0** | **100** |');
    expect(md).toContain(`### Problemas encontrados (${findings.length})`);
    expect(md).toContain('📄 [Relatório completo (HTML)](https://github.com/ufop-bcc406/lab5-ana/actions/runs/4242)');
  });

  it('an invalid submission: one ::error per problem at its file:line:col', async () => {
    const out = await mkdtemp(join(tmpdir(), 'fitcheck-gh-invalid-'));
    const check = await runStep(`node apps/grader/dist/bin.js check fixtures/submissions/typo-key --out ${out}`, {});
    expect(check.code).toBe(2);
    const gh = await runStep(`node apps/grader/dist/bin.js github ${out} --summary ${join(out, 'summary.md')}`, {});
    expect(gh.stdout.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^::error file=fixtures\/submissions\/typo-key\/lab5\.yaml,line=17,col=3,title=fitcheck::/),
      expect.stringMatching(/^::error file=fixtures\/submissions\/typo-key\/lab5\.yaml,line=18,col=3,title=fitcheck::.*validaton/),
      expect.stringMatching(/^::error file=fixtures\/submissions\/typo-key\/lab5\.yaml,line=43,col=55,title=fitcheck::.*kernelRegulariser/),
    ]);
    expect(await readFile(join(out, 'summary.md'), 'utf8')).toMatch(/^## fitcheck: envio não avaliado/);
  });
});
