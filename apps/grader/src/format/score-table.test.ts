import { describe, expect, it } from 'vitest';
import { runRubric } from '../checks/run-rubric.js';
import { loadMessages } from '../messages/locale.js';
import { gradedResults } from '../results/gradescope.js';
import { staticFacts } from '../test-helpers/facts.js';
import { formatScoreTable } from './score-table.js';

const meta = { lab: 'lab5', profile: 'check', seed: 1, version: '0.1.0', seconds: 1, backend: 'wasm' };

describe('formatScoreTable', () => {
  it('shows a pending item as the TA\'s (no score), an undecided one as the TA run\'s, in both languages', async () => {
    const { lab, facts } = await staticFacts('reference');
    const items = runRubric(lab.rubric, facts).map((r) => (r.item.number === '1' ? { ...r, outcome: { ...r.outcome, score: 10, status: 'undecided' as const } } : r));
    const en = formatScoreTable(gradedResults(items, [], meta, 'summary'), loadMessages('en')).split('\n');
    expect(en.find((l) => l.startsWith('1 '))).toMatch(/10\/10 {2}undecided \(TA's run\)$/);
    expect(en.find((l) => l.startsWith('2 '))).toMatch(/—\/10 {2}TA$/);
    const pt = formatScoreTable(gradedResults(items, [], meta, 'resumo', loadMessages('pt-BR')), loadMessages('pt-BR')).split('\n');
    expect(pt.find((l) => l.startsWith('1 '))).toMatch(/10\/10 {2}indefinido \(execução do monitor\)$/);
    expect(pt.find((l) => l.startsWith('2 '))).toMatch(/—\/10 {2}monitor$/);
  });
});
