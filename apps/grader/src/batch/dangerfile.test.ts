import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { GITHUB_COMMENT_LIMIT, buildPrComment } from './pr-comment.js';

// Danger's own runner, offline: `danger local` over a throwaway git repository (a branch with
// one commit ahead of main) runs grading/dangerfile.ts against the built grader and prints
// the fails, warnings and markdowns it would post.
const require = createRequire(import.meta.url);
const DANGER = require.resolve('danger/distribution/commands/danger.js');
const DANGERFILE = fileURLToPath(new URL('../../../../grading/dangerfile.ts', import.meta.url));
const { template } = require('danger/distribution/runner/templates/githubIssueTemplate.js') as {
  template: (id: string, results: DangerResults, commit?: string) => string;
};

interface DangerResults {
  fails: { message: string }[];
  warnings: { message: string }[];
  messages: { message: string }[];
  markdowns: { message: string }[];
}

async function runDanger(results: unknown, text = JSON.stringify(results)): Promise<DangerResults> {
  const repo = await mkdtemp(join(tmpdir(), 'fitcheck-danger-'));
  const git = (...args: string[]): string => execFileSync('git', ['-c', 'user.name=ta', '-c', 'user.email=ta@example.org', ...args], { cwd: repo, encoding: 'utf8' });
  git('init', '-q', '-b', 'main');
  git('commit', '-q', '--allow-empty', '-m', 'course template');
  git('checkout', '-q', '-b', 'submission');
  await writeFile(join(repo, 'lab5.yaml'), 'lab: lab5\n');
  git('add', 'lab5.yaml');
  git('commit', '-q', '-m', 'my lab');
  await writeFile(join(repo, 'results.json'), text);
  // Only what the comment job sets: no CI variables of the machine that runs the tests.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(GITHUB_|DANGER_|CI$)/.test(k)));
  const stdout = execFileSync(process.execPath, [DANGER, 'local', '--base', 'main', '--dangerfile', DANGERFILE, '--outputJSON'], {
    cwd: repo,
    encoding: 'utf8',
    env: { ...env, FITCHECK_RESULTS: join(repo, 'results.json'), FITCHECK_REPORT_URL: 'https://example.org/artifacts/7' },
  });
  return JSON.parse(stdout) as DangerResults;
}

const results = {
  score: 14,
  max_score: 20,
  tests: [
    { number: '1', name: 'ToDo 1: a Giant Higgs model that overfits', score: 10, max_score: 10 },
    { number: '8', name: 'ToDo 8: large cat model', score: 4, max_score: 10 },
  ],
  extra_data: {
    student: { id: '2024-0107', name: 'Ana Souza' },
    status: 'graded',
    findings: [{ code: 'SIGMOID_WITH_LOGITS_LOSS', message: 'cats.large ends in sigmoid', hint: 'drop the activation', item: '8' }],
    models: [{ name: 'higgs.giant', bestValBce: 0.6, bestEpoch: 7 }],
  },
};

describe('grading/dangerfile.ts through `danger local`', () => {
  it('posts the comment markdown, each finding once, and no fail or warning row', async () => {
    const out = await runDanger(results);
    const expected = buildPrComment(results, { reportUrl: 'https://example.org/artifacts/7' });
    expect(out.markdowns.map((m) => m.message)).toEqual([expected.markdown]);
    expect(out.markdowns[0]?.message).toContain('## fitcheck: 14 / 20 — Ana Souza (2024-0107)');
    expect(out.markdowns[0]?.message).toContain('| **total** | **14** | **20** |');
    expect(out.markdowns[0]?.message).toContain('| higgs.giant | 0.6000 | 7 |');
    expect(out.markdowns[0]?.message).toContain('📄 [Full report (HTML)](https://example.org/artifacts/7)');
    expect(out.warnings).toEqual([]);
    expect(out.fails).toEqual([]);
    expect(template('danger', out, 'abc1234').match(/SIGMOID_WITH_LOGITS_LOSS/g)).toHaveLength(1);
  });

  it('writes the whole comment in the language of results.json: no English table heading around Portuguese findings', async () => {
    const out = await runDanger({ ...results, extra_data: { ...results.extra_data, lang: 'pt-BR' } });
    const body = template('danger', out, 'abc1234');
    const headings = [...(await marked.parse(body, { gfm: true })).matchAll(/<h(\d)[^>]*>(.*?)<\/h\1>/g)].map((m) => m[2]);
    expect(headings).toEqual(['fitcheck: 14 / 20 — Ana Souza (2024-0107)', 'Menor BCE de validação por modelo', 'Problemas encontrados (1)']);
    expect(body).not.toMatch(/<th|Fails|Warnings|Messages/);
  });

  it('fails an invalid submission', async () => {
    const out = await runDanger({ score: 0, output: 'lab5.yaml:2:1: must have required property "student"', tests: [], extra_data: { status: 'invalid' } });
    expect(out.fails).toEqual([]);
    expect(out.markdowns[0]?.message).toContain('**❌ The submission is invalid and was not graded: fix the problems below and push again.**');
    expect(out.markdowns[0]?.message).toContain('lab5.yaml:2:1: must have required property "student"');
  });

  it('says a grade that could not be computed is not a 0, with whose fault it was, and shows no scores', async () => {
    const out = await runDanger({
      score: 0, max_score: 0, output: 'NOT GRADED — this is not a score of 0.', tests: [],
      extra_data: { status: 'error', fault: { code: 'TRAINING_CRASHED', owner: 'environment', message: 'cats.large: killed' }, findings: [] },
    });
    expect(out.markdowns[0]?.message).toContain('**❌ The grade could not be computed (the grading machine: `TRAINING_CRASHED`). This is not a 0 and not your fault: a TA will grade it again.**');
    expect(out.markdowns[0]?.message).toMatch(/^## fitcheck: not graded\n/);
    expect(out.markdowns[0]?.message).not.toContain('| **total** |');
  });

  it('keeps the comment Danger would post to GitHub under 65,536 characters', async () => {
    const findings = Array.from({ length: 3000 }, (_, i) => ({ code: 'NO_OVERFITTING', message: `${i} ${'m'.repeat(120)}`, hint: 'h'.repeat(60) }));
    const out = await runDanger({ ...results, extra_data: { ...results.extra_data, findings } });
    const body = template('danger', out, 'abc1234');
    expect(body.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    const shown = out.markdowns[0]!.message.split('\n').filter((l) => l.startsWith('- `NO_OVERFITTING`')).length;
    expect(shown).toBeGreaterThan(20);
    expect(out.markdowns[0]?.message).toContain(`…and ${3000 - shown} more findings`);
  });
});

/** A results.json as a hostile student's CI run could upload it: every string is theirs. */
const forged = {
  score: 3,
  max_score: 20,
  output: 'x',
  tests: [{ number: '1', name: 'ToDo 1\n# Item 1: 10 / 10', score: 3, max_score: 10 }],
  extra_data: {
    student: { id: '2024-0107)\n\n## fitcheck: 100 / 100', name: 'Eve\n\n## fitcheck: 100 / 100\n\n![ok](https://evil.example/a.png) [regrade](https://evil.example/r) <img src=x onerror=alert(1)> @octocat' },
    status: 'graded',
    findings: [{
      code: 'THRESHOLD_ON_LOGITS',
      message: 'fine\n\n## All tests passed\n<script>alert(1)</script>',
      hint: '\n# heading\n[link](https://evil.example/h) *bold* `code` $x$',
      item: '1\n### injected',
      model: '![m](https://evil.example/m.png)',
    }, {
      // A code no fitcheck registry holds is not fitcheck's finding: the digest leaves it out.
      code: '<img src=x onerror=alert(1)>',
      message: 'dropped',
      hint: '',
    }],
    models: [{ name: 'higgs.giant|</td><td>x', bestValBce: 0.6, bestEpoch: 7 }],
  },
};

/** The comment Danger would post, rendered as GitHub-flavoured markdown. */
async function rendered(input: unknown, text?: string): Promise<{ html: string; out: DangerResults }> {
  const out = await runDanger(input, text);
  return { html: await marked.parse(template('danger', out, 'abc1234'), { gfm: true }), out };
}

describe('a forged results.json cannot forge the comment', () => {
  it('no heading, image, link, tag or mention of its own: the student text is text', async () => {
    const { html } = await rendered(forged);
    const headings = [...html.matchAll(/<h(\d)[^>]*>(.*?)<\/h\1>/g)].map((m) => m[2]);
    expect(headings).toEqual([expect.stringMatching(/^fitcheck: 3 \/ 20 — Eve/), 'Lowest validation BCE per model', 'Findings (1)']);
    expect(html).not.toMatch(/<(img|script|svg|iframe)\b/i);
    expect(html).not.toContain('onerror=alert(1)>');
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    expect(hrefs.every((h) => h === 'https://example.org/artifacts/7' || h === 'https://danger.systems/js')).toBe(true);
    expect(html).not.toMatch(/<(strong|em|code)>(bold|code|link)/);
    expect(html).not.toMatch(/@octocat/);
    // What the student wrote is still all there, as text.
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('## fitcheck: 100 / 100');
  });

  it('an unreadable artifact fails with its reason as text', async () => {
    const { out, html } = await rendered(undefined, '<img src=x onerror=alert(1)>');
    expect(out.fails).toHaveLength(1);
    expect(html).not.toMatch(/<img\b/);
  });
});
