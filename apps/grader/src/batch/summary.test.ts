import { describe, expect, it } from 'vitest';
import { commonFindings, formatSummary, mean, median } from './summary.js';
import { classRow } from './test-helpers.js';

const t = (number: string, score: number): { number: string; name: string; score: number; max_score: number } => ({ number, name: `ToDo ${number}`, score, max_score: 10 });

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
    classRow('ana', 'graded', { id: 'ana', name: 'Ana' }, [t('1', 10), t('2', 7.5)], ['SIGMOID_WITH_LOGITS_LOSS', 'TEST_SET_AS_VALIDATION']),
    classRow('bia', 'graded', { id: 'bia', name: 'Bia' }, [t('1', 4), t('2', 3)], ['SIGMOID_WITH_LOGITS_LOSS', 'SIGMOID_WITH_LOGITS_LOSS']),
    classRow('cid', 'graded', { id: 'cid', name: 'Cid | <b>' }, [t('1', 7), t('2', 0)]),
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

5 submissions: 3 graded, 1 invalid, 1 not graded (the grade could not be computed: not the student's fault).

## Scores (3 graded submissions)

| item | mean | median | max |
|---|---:|---:|---:|
| ToDo 1 | 7 | 7 | 10 |
| ToDo 2 | 3.5 | 3 | 10 |
| **total** | 10.5 | 7 | 20 |

## Most common findings

| code | submissions | share |
|---|---:|---:|
| \`SIGMOID_WITH_LOGITS_LOSS\` | 2 | 40 % |
| \`MISSING_ITEM\` | 1 | 20 % |
| \`TEST_SET_AS_VALIDATION\` | 1 | 20 % |

## Needs a TA

| folder | student | status | why |
|---|---|---|---|
| dan | dan | invalid | submission invalid |
| eva | eva | not graded | environment: \`TRAINING_CRASHED\` |
`);
  });
});
