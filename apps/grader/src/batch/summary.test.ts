import { describe, expect, it } from 'vitest';
import { commonFindings, formatSummary, mean, median } from './summary.js';
import { classRow, todo as t } from './test-helpers.js';

describe('mean and median', () => {
  it('match numpy', () => {
    // numpy: mean([17.5, 3.33]) = 10.415, median([7.5, 3]) = 5.25, median([3, 1, 2]) = 2.0, median([17.5, 7, 7]) = 7.0
    expect(mean([17.5, 3.33])).toBeCloseTo(10.415, 12);
    expect(median([7.5, 3])).toBe(5.25);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([17.5, 7, 7])).toBe(7);
    expect(Number.isNaN(median([]))).toBe(true);
  });
});

describe('formatSummary', () => {
  const rows = [
    classRow('ana', 'graded', { id: 'ana', name: 'Ana' }, [t('1', 10), t('2', 7.5), t('3', 'pending')], ['SIGMOID_WITH_LOGITS_LOSS', 'TEST_SET_AS_VALIDATION']),
    classRow('bia', 'graded', { id: 'bia', name: 'Bia' }, [t('1', 4), t('2', 3), t('3', 8)], ['SIGMOID_WITH_LOGITS_LOSS', 'SIGMOID_WITH_LOGITS_LOSS']),
    classRow('cid', 'graded', { id: 'cid', name: 'Cid | <b>' }, [t('1', 7, 'undecided'), t('2', 0), t('3', 'pending')]),
    classRow('dan', 'invalid', { id: 'dan', name: 'Dan' }, [], ['MISSING_ITEM']),
    classRow('eva', 'error', { id: 'eva', name: 'Eva' }, [], [], { code: 'TRAINING_CRASHED', owner: 'environment', message: 'killed' }),
  ];

  it('counts findings once per submission, most common first', () => {
    expect(commonFindings(rows)).toEqual([
      { code: 'SIGMOID_WITH_LOGITS_LOSS', count: 2 },
      { code: 'MISSING_ITEM', count: 1 },
      { code: 'TEST_SET_AS_VALIDATION', count: 1 },
    ]);
  });

  it('writes the class table over graded submissions', () => {
    expect(formatSummary(rows)).toBe(`# Class summary

5 submissions: 3 graded, 1 invalid, 1 not graded (the grade could not be computed: not the student’s fault).

## Scores (3 graded submissions)

| Item | Mean | Median | Max | Pending | Undecided |
|---|---:|---:|---:|---:|---:|
| ToDo 1 | 7 | 7 | 10 | 0 | 1 |
| ToDo 2 | 3.5 | 3 | 10 | 0 | 0 |
| ToDo 3 | 8 | 8 | 10 | 2 | 0 |
| **Total** | 13.17 | 15 | 30 | | |

1 undecided item(s) in 1 submission(s): they cost no points; the TA’s run decides.

## Most frequent findings

| Code | Submissions | Share |
|---|---:|---:|
| \`SIGMOID_WITH_LOGITS_LOSS\` | 2 | 40 % |
| \`MISSING_ITEM\` | 1 | 20 % |
| \`TEST_SET_AS_VALIDATION\` | 1 | 20 % |

## Needs a TA

| Folder | Student | Status | Why |
|---|---|---|---|
| cid | cid | graded | undecided: 1 — the TA’s run decides |
| dan | dan | invalid | submission invalid |
| eva | eva | not graded | the grading machine: \`TRAINING_CRASHED\` |
`);
  });

  it('is written in the class\'s language: pt-BR words and numbers', () => {
    const pt = formatSummary(rows, 'pt-BR');
    expect(pt.split('\n').filter((l) => l.startsWith('#'))).toEqual(['# Resumo da turma', '## Notas (3 submissões corrigidas)', '## Apontamentos mais frequentes', '## Para o monitor']);
    expect(pt).toContain('| Item | Média | Mediana | Máx. | Pendentes | Indecisos |');
    expect(pt).toContain('| ToDo 2 | 3,5 | 3 | 10 | 0 | 0 |');
    expect(pt).toContain('| **Total** | 13,17 | 15 | 30 | | |');
    expect(pt).toContain('| eva | eva | não corrigida | a máquina de correção: `TRAINING_CRASHED` |');
    expect(pt).toContain('| dan | dan | inválida | envio inválido |');
  });
});
