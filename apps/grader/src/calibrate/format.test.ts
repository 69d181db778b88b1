import { describe, expect, it } from 'vitest';
import { loadMessages } from '../messages/locale.js';
import { formatCalibration } from './format.js';
import type { CalibrationSummary } from './summarize.js';

// The figures of a two-seed calibration of one submission (the shape `summarizeCalibration` returns).
const summary: CalibrationSummary = {
  rows: [{ submission: 'overfits-clearly', item: '1', profile: 'check', expect: 'pass', seeds: [1, 2], scores: [10, 10], maxScore: 10, statuses: ['passed', 'passed'], agree: true, expected: true }],
  profiles: [{ profile: 'check', submissions: 1, seeds: 2, pairs: 1, agreeing: 1, clearPairs: 1, clearAgreeing: 1, unexpected: [], undecided: 0, verdicts: 2, medianSeconds: 21.25, maxSeconds: 30.5 }],
  comparisons: [{ provisional: 'check', final: 'ci', pairs: 1, stricter: [], sameScore: 1 }],
};

describe('formatCalibration', () => {
  it('says the figures in the lab\'s pt-BR, numbers in its format', () => {
    const lines = formatCalibration(summary, loadMessages('pt-BR')).split('\n');
    expect(lines[0]).toBe('envio / item / esperado              check: notas por semente (p passou, f falhou, u indefinido)');
    expect(lines[1]).toBe('overfits-clearly     1    pass         10p 10p');
    expect(lines[3]).toBe('check: 1 envios × 2 sementes; mesma nota em todas as sementes: 1/1 pares (envio, item) = 100,0 % (meta ≥ 97 %: atingida); '
      + 'casos claros 1/1 = 100,0 % (meta 100 %: atingida); veredictos indefinidos 0/2; uma correção leva 21,3 s (mediana), 30,5 s no máximo');
    expect(lines[4]).toBe('check vs ci: 1 pares (envio, item) corrigidos por ambos; check mais rígido em 0 (meta 0: atingida); mesma nota em 1');
  });

  it('and in English with --lang en', () => {
    expect(formatCalibration(summary, loadMessages('en')).split('\n')[3]).toContain('same score on every seed: 1/1 (submission, item) pairs = 100.0 % (target ≥ 97 %: met)');
  });
});
