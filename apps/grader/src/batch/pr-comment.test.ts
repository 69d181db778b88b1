import { describe, expect, it } from 'vitest';
import { GITHUB_COMMENT_LIMIT, buildPrComment, unreadableResults } from './pr-comment.js';

const tests = [
  { number: '1', name: 'ToDo 1: a Giant Higgs model that overfits', score: 10, max_score: 10 },
  { number: '8', name: 'ToDo 8: large cat model', score: 4, max_score: 10 },
];

const graded = {
  score: 14,
  max_score: 20,
  tests,
  extra_data: {
    student: { id: '2024-0107', name: 'Ana <b>@octocat</b>' },
    status: 'graded',
    findings: [{ code: 'SIGMOID_WITH_LOGITS_LOSS', message: 'cats.large ends in sigmoid', hint: 'drop the activation', item: '8' }],
    models: [{ name: 'higgs.giant', bestValBce: 0.612345, bestEpoch: 7 }, { name: 'cats.large', bestValBce: 1.0, bestEpoch: 3 }],
  },
};

describe('buildPrComment', () => {
  it('renders total, ToDo table, lowest val BCE, findings and report link', () => {
    const comment = buildPrComment(graded, { reportUrl: 'https://example.org/runs/1/artifacts/report' });
    expect(comment.markdown).toBe(`## fitcheck: 14 / 20 — Ana &lt;b&gt;@&#8203;octocat&lt;/b&gt; (2024-0107)

| ToDo | score | max |
|---|---:|---:|
| ToDo 1: a Giant Higgs model that overfits | 10 | 10 |
| ToDo 8: large cat model | 4 | 10 |
| **total** | **14** | **20** |

### Lowest validation BCE per model

| model | lowest val BCE | epoch |
|---|---:|---:|
| higgs.giant | 0.6123 | 7 |
| cats.large | 1.0000 | 3 |

### Findings (1)

- \`SIGMOID_WITH_LOGITS_LOSS\` (ToDo 8): cats.large ends in sigmoid — *fix:* drop the activation

📄 [Full report (HTML)](https://example.org/runs/1/artifacts/report)`);
    expect(comment.failed).toBe(false);
    // Each finding once: in the list, never again as a Danger warning row.
    expect(comment.markdown.match(/SIGMOID_WITH_LOGITS_LOSS/g)).toHaveLength(1);
  });

  it('fails an invalid submission and shows why', () => {
    const comment = buildPrComment({ score: 0, output: 'lab5.yaml:3:5: must have required property "id"', tests: [], extra_data: { status: 'invalid', findings: [] } });
    expect(comment.failed).toBe(true);
    expect(comment.markdown).toBe('## fitcheck: submission not graded\n\n**❌ The submission is invalid and was not graded: fix the problems below and push again.**\n\n```text\nlab5.yaml:3:5: must have required property "id"\n```');
  });

  it('writes the BCEs as the comment\'s language does', () => {
    expect(buildPrComment(graded, { lang: 'pt-BR' }).markdown).toContain('| higgs.giant | 0,6123 | 7 |');
  });

  it('shows a pending item as pending and an undecided one as the TA run\'s to decide, in the language of results.json', () => {
    const results = {
      score: 17.5, max_score: 30,
      tests: [
        { number: '1', name: 'ToDo 1', score: 10, max_score: 10, extra_data: { status: 'undecided', points: 10 } },
        { number: '2', name: 'ToDo 2', extra_data: { status: 'pending', points: 10 } },
        { number: '5', name: 'ToDo 5', score: 7.5, max_score: 10, extra_data: { status: 'auto', points: 10 } },
      ],
      extra_data: { status: 'graded', lang: 'pt-BR', findings: [], models: [] },
    };
    const pt = buildPrComment(results).markdown;
    expect(pt).toContain('| ToDo 1 | 10 (indefinido — a execução do monitor decide) | 10 |');
    expect(pt).toContain('| ToDo 2 | pendente (monitor) | 10 |');
    expect(pt).toContain('Indefinidos: ToDo 1.');
    const en = buildPrComment(results, { lang: 'en' }).markdown;
    expect(en).toContain("| ToDo 1 | 10 (undecided — the TA's run decides) | 10 |");
    expect(en).toContain('| ToDo 2 | pending (TA) | 10 |');
    expect(en).toContain("Undecided: ToDo 1. This run could not decide them, so they cost no points; the TA's run decides.");
    expect(en).not.toMatch(/\| ToDo 2 \| 0 \|/);
  });

  it('stays under GitHub\'s comment limit, counting what it leaves out', () => {
    const findings = Array.from({ length: 5000 }, (_, i) => ({ code: 'NO_OVERFITTING', message: `${i} ${'x'.repeat(80)}`, hint: 'y'.repeat(40) }));
    const comment = buildPrComment({ ...graded, extra_data: { ...graded.extra_data, findings } });
    const shown = comment.markdown.split('\n').filter((l) => l.startsWith('- `NO_OVERFITTING`')).length;
    expect(shown).toBeGreaterThan(50);
    expect(shown).toBeLessThan(5000);
    // What Danger posts: our markdown, its hidden summary and footer.
    const posted = comment.markdown.length + 4096;
    expect(posted).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(comment.markdown).toContain(`### Findings (5000)`);
    expect(comment.markdown).toContain(`…and ${5000 - shown} more findings, not shown here: see the full report.`);
  });
});

describe('unreadableResults', () => {
  const error = new SyntaxError('Unexpected token < in JSON at position 0');

  it("says a run that left no readable results.json in the course's language (FITCHECK_LANG), the path and reason as text", () => {
    expect(unreadableResults('out/*results*.json', error, 'pt-BR')).toBe(
      'fitcheck: não há resultados legíveis em out/\\*results\\*.json (Unexpected token &lt; in JSON at position 0); a execução da correção não terminou.',
    );
  });

  it('is English without a language, or with one the grader does not speak', () => {
    for (const lang of [undefined, 'xx']) {
      expect(unreadableResults('out/results.json', error, lang)).toMatch(/^fitcheck: no readable results at out\/results\.json \(.*\); the grading run did not finish\.$/);
    }
  });
});
