import { describe, expect, it } from 'vitest';
import { runRubric } from '../checks/run-rubric.js';
import { FINDINGS } from '../findings/types.js';
import { staticFacts } from '../test-helpers/facts.js';
import { loadMessages } from '../messages/locale.js';
import { text } from '../messages/text.js';
import { faultResults, gradedResults, gradescopeText, invalidResults, summaryLine } from './gradescope.js';
import { applyOverrides } from './overrides.js';
import { crashResults } from '../batch/grade-one.js';

const meta = { lab: 'lab5', profile: 'check', seed: 1, version: '0.1.0', seconds: 1.23, backend: 'wasm' };

describe('Gradescope results', () => {
  it('has one test per item, scores summed, findings and model facts in extra_data', async () => {
    const { lab, facts } = await staticFacts('broken');
    const items = runRubric(lab.rubric, facts);
    const results = gradedResults(items, Object.values(facts.models), { ...meta, student: { name: 'Carla Dias', id: '2024-0388' } }, 'summary');
    expect(results.tests).toHaveLength(10);
    expect(results.extra_data.max_score).toBe(100);
    expect(results.score).toBe(results.tests.reduce((s, t) => s + (t.score ?? 0), 0));
    expect(results.tests[0]).toMatchObject({ number: '1', score: 0, max_score: 10, status: 'failed', visibility: 'visible' });
    expect(results.tests[0]!.output).toContain('[PARAM_BUDGET_EXCEEDED]');
    expect(results.extra_data.findings.map((f) => f.code)).toContain('SHAPE_MISMATCH');
    // Every finding says who caused it.
    expect(results.extra_data.findings.map((f) => [f.code, f.owner])).toEqual(results.extra_data.findings.map((f) => [f.code, FINDINGS[f.code]]));
    expect(results.extra_data.findings.find((f) => f.code === 'SHAPE_MISMATCH')!.owner).toBe('submission');
    expect(results.extra_data.findings.every((f) => !('params' in f))).toBe(true);
    const giant = results.extra_data.models.find((m) => m.name === 'higgs.giant')!;
    expect(giant).toMatchObject({ params: 50_466_817, epochsRun: null, error: expect.stringContaining('over the lab\'s budget') });
    expect(results.extra_data).toMatchObject({ status: 'graded', seed: 1, profile: 'check', student: { id: '2024-0388' } });
  });

  it('scores an invalid submission 0 with the positioned errors as output', async () => {
    const { lab } = await staticFacts('reference');
    const results = invalidResults(lab.rubric, [
      { keyword: 'additionalProperties', instancePath: '/cats', message: 'unknown key "validaton" in cats', file: 'sub/lab5.yaml', line: 18, column: 3, suggestion: 'validation' },
    ], meta);
    expect(results.score).toBe(0);
    // Autograded items 0 (the submission is the student's), the TA's items still pending: no score, not 0/10.
    expect(results.tests.map((t) => [t.number, t.score, t.extra_data.status])).toEqual([
      ['1', 0, 'auto'], ['2', undefined, 'pending'], ['3', undefined, 'pending'], ['4', undefined, 'pending'], ['5', 0, 'auto'],
      ['6', 0, 'auto'], ['7', 0, 'auto'], ['8', 0, 'auto'], ['9', 0, 'auto'], ['10', 0, 'auto'],
    ]);
    expect(results.extra_data.max_score).toBe(100);
    expect(results.output).toContain('sub/lab5.yaml:18:3: unknown key "validaton" in cats (did you mean "validation"?)');
    expect(results.extra_data.status).toBe('invalid');
  });

  it("says a fault that carries its words in the lab's language (a Gradescope timeout in pt-BR), the fault itself kept in English", () => {
    const fault = { code: 'GRADER_TIMEOUT', owner: 'environment' as const, message: 'the grade took longer than the 480 s this 10-minute autograder leaves it, and was stopped' };
    const results = faultResults(fault, meta, loadMessages('pt-BR'), { message: text('fault.graderTimeout', { seconds: 480, minutes: 10 }), hint: text('fault.graderTimeoutHint') });
    expect(results.output).toBe([
      'NÃO AVALIADO — isto não é uma nota 0. Não foi possível calcular a nota por causa da máquina de correção (GRADER_TIMEOUT), e não por causa do seu trabalho; o monitor vai corrigir este envio de novo.',
      'a correção levou mais que os 480 s que este autograder de 10 minutos lhe deixa, e foi interrompida',
      'como corrigir: o monitor corrige de novo, com um perfil maior ou um tempo limite maior (README: Deploy on Gradescope)',
    ].join('\n'));
    expect(results.extra_data.fault).toEqual(fault);
    // What the report lists for it: the same words, not the English fault.
    expect(results.extra_data.errors).toEqual([
      'a correção levou mais que os 480 s que este autograder de 10 minutos lhe deixa, e foi interrompida',
      'o monitor corrige de novo, com um perfil maior ou um tempo limite maior (README: Deploy on Gradescope)',
    ]);
  });

  it("says a batch child that died in the grade's language, the log's tail kept, the fault in English for the TA", () => {
    const entry = { folder: 'ana', key: 'ana', studentId: 'ana', studentName: null, status: 'error' as const, exitCode: null, signal: 'SIGKILL' };
    const crashed = crashResults(entry, false, 90_000, 'epoch 3\n\u001b[31mKilled\u001b[0m', { lang: 'pt-BR' });
    expect(crashed.output).toContain('a correção foi encerrada por SIGKILL\n\nÚltimas linhas do seu log:\nepoch 3\nKilled');
    expect(crashed.extra_data.errors).toEqual(['a correção foi encerrada por SIGKILL']);
    expect(crashed.extra_data.fault?.message).toBe('the grader was killed by SIGKILL\n\nLast lines of its log:\nepoch 3\nKilled');
    const timedOut = crashResults({ ...entry, signal: null }, true, 90_000, '', { lang: 'pt-BR' });
    expect(timedOut.extra_data.errors).toEqual(['a correção levou mais que 1,5 min e foi interrompida']);
    expect(timedOut.extra_data.fault?.message).toBe('the grader took longer than 1.5 min and was stopped');
  });

  it('merges TA overrides for the same student and sums again', async () => {
    const { lab, facts } = await staticFacts('reference');
    const results = gradedResults(runRubric(lab.rubric, facts), [], { ...meta, student: { name: 'Ana Lima', id: '2024-0107' } }, '');
    const merged = applyOverrides(results, [
      { student: '2024-0107', item: '2', points: 8, comment: 'clear analysis' },
      { student: '2024-0107', item: '3', points: 12 },
      { student: 'someone-else', item: '4', points: 10 },
    ]);
    const byNumber = Object.fromEntries(merged.tests.map((t) => [t.number, t]));
    expect(byNumber['2']).toMatchObject({ score: 8, status: 'failed', extra_data: { status: 'manual' } });
    expect(byNumber['2']!.output).toContain('TA: 8/10 — clear analysis');
    expect(byNumber['3']).toMatchObject({ score: 10, max_score: 10, status: 'passed' }); // capped at the item's maximum
    // Still pending: shown, with no score (never 0/10) and no pass or fail.
    expect(byNumber['4']).not.toHaveProperty('score');
    expect(byNumber['4']).not.toHaveProperty('max_score');
    expect(byNumber['4']).not.toHaveProperty('status');
    expect(byNumber['4']).toMatchObject({ tags: ['text-answer', 'manual', 'pending'], extra_data: { status: 'pending', points: 10 } });
    expect(byNumber['4']!.output).toMatch(/^Pending TA review \(10 points\)/);
    expect(merged.score).toBe(results.score + 18);
    expect(() => applyOverrides(results, [{ student: '2024-0107', item: '11', points: 1 }])).toThrow(/no rubric item "11"/);
  });

  it("flags an undecided item for the TA: the check's score stands, status and tag say undecided, and the summary counts it", async () => {
    const { lab, facts } = await staticFacts('reference');
    const items = runRubric(lab.rubric, facts).map((r) => (r.item.number === '1' ? { ...r, outcome: { ...r.outcome, score: 10, status: 'undecided' as const } } : r));
    const results = gradedResults(items, [], meta, summaryLine(items, loadMessages('en')));
    const first = results.tests[0]!;
    expect(first).toMatchObject({ score: 10, max_score: 10, status: 'passed', extra_data: { status: 'undecided', points: 10 } });
    expect(first.tags).toContain('undecided');
    expect(first.output).toMatch(/^Undecided — the TA's run decides: /);
    expect(results.output).toMatch(/1 item\(s\) undecided \(1\): the TA's run decides; they cost no points here\.$/);
    const pt = gradedResults(items, [], meta, '', loadMessages('pt-BR'));
    expect(pt.tests[0]!.output).toMatch(/^Indefinido — a execução do monitor decide: /);
    expect(pt.extra_data.lang).toBe('pt-BR');
  });
});

describe('gradescopeText', () => {
  it('keeps what a student wrote letter for letter (results.json declares plain text, which Gradescope shows as written)', () => {
    const raw = 'name <script>alert(1)</script> <img src=x onerror=alert(1)> <svg onload=x> a &amp; b\n  fix: é ✓';
    expect(gradescopeText(raw)).toBe(raw);
  });

  it('removes what plain text cannot show: terminal escapes, control characters, bidirectional overrides', () => {
    expect(gradescopeText('\u001b[31mred\u001b[0m a\u0000b\u0007 \u202Eevil\u202C\tend\r\n')).toBe('red ab evil\tend\n');
  });
});
