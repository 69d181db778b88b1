import { describe, expect, it } from 'vitest';
import { classLang, renderClassReport } from './class-report.js';
import { classRow, todo as t } from './test-helpers.js';

describe('renderClassReport', () => {
  const rows = [
    classRow('ana', 'graded', { id: 'ana', name: 'Ana' }, [t('1', 10), t('2', 7.5), t('3', 'pending')], ['SIGMOID_WITH_LOGITS_LOSS', 'TEST_SET_AS_VALIDATION']),
    classRow('bia', 'graded', { id: 'bia', name: 'Bia' }, [t('1', 4), t('2', 3), t('3', 8)], ['SIGMOID_WITH_LOGITS_LOSS']),
    classRow('cid <i>', 'graded', { id: 'cid', name: 'Cid | <b>' }, [t('1', 10, 'undecided'), t('2', 0), t('3', 'pending')], ['VERDICT_UNDECIDED']),
    classRow('dan', 'invalid', { id: 'dan', name: 'Dan' }, [], ['MISSING_ITEM']),
    classRow('eva', 'error', { id: 'eva', name: 'Eva' }, [], [], { code: 'TRAINING_CRASHED', owner: 'environment', message: 'killed' }),
  ];
  const en = renderClassReport(rows, { lang: 'en' });
  const pt = renderClassReport(rows, { lang: 'pt-BR' });

  it('counts the class and gives each item its score distribution over graded submissions, pending ones left out', () => {
    expect(en).toContain('5 submissions: 3 graded, 1 invalid, 1 not graded');
    expect(pt).toContain('5 submissões: 3 corrigidas, 1 inválidas, 1 não corrigidas');
    // Item 1: 10, 4, 10 → two students at 10, one at 4 (bars as wide as their counts: 200 px for the most).
    const item1 = en.slice(en.indexOf('<td>ToDo 1</td>'), en.indexOf('<td>ToDo 2</td>'));
    expect(item1).toContain('<span class="bar-label">4</span><span class="bar-fill" style="width: 100px"></span><span class="bar-count">1</span>');
    expect(item1).toContain('<span class="bar-label">10</span><span class="bar-fill" style="width: 200px"></span><span class="bar-count">2</span>');
    expect(item1).toMatch(/<td class="num">8<\/td><td class="num">10<\/td>/);
    // Item 3: one score (8), two pending — not zeros.
    const item3 = en.slice(en.indexOf('<td>ToDo 3</td>'), en.indexOf('class="total"'));
    expect(item3).toContain('<span class="bar-label">8</span>');
    expect(item3).not.toContain('<span class="bar-label">0</span>');
    expect(item3).toMatch(/<td class="num">2<\/td><td class="num">0<\/td>\s*<\/tr>/);
    // pt-BR writes decimals with a comma: the mean of item 2 is (7.5 + 3 + 0) / 3 = 3.5.
    expect(pt).toContain('<td class="num">3,5</td>');
  });

  it('lists the most frequent findings with counts and linked examples, and the undecided verdicts to review', () => {
    const sigmoid = en.slice(en.indexOf('SIGMOID_WITH_LOGITS_LOSS'), en.indexOf('</div>\n    </div>', en.indexOf('SIGMOID_WITH_LOGITS_LOSS')));
    expect(sigmoid).toContain('40 % of submissions (2)');
    expect(sigmoid).toContain('<a href="ana/report.html">ana</a>, <a href="bia/report.html">bia</a>');
    const undecided = en.slice(en.indexOf('id="undecided"'), en.indexOf('id="students"'));
    // The folder is data: escaped as text, encoded in the link.
    expect(undecided).toContain('<a href="cid%20%3Ci%3E/report.html">cid &lt;i&gt;</a>');
    expect(undecided).toMatch(/<td>cid<\/td><td>ToDo 1<\/td>/);
    expect(undecided.match(/<tr><td>/g)).toHaveLength(1);
    expect(pt).toContain('Veredictos indecisos a revisar');
  });

  it('tables every student with a link to their report, escaping what the class wrote', () => {
    const students = en.slice(en.indexOf('id="students"'));
    expect(students).toContain('<td>Cid | &lt;b&gt;</td>');
    expect(students).not.toContain('<b>');
    expect(students).toContain('<span class="status status-error">not graded</span>');
    expect(students).toContain('<td class="num cell-pending">pending</td>');
    expect(pt.slice(pt.indexOf('id="students"'))).toContain('<td class="num cell-pending">pendente</td>');
  });

  it("is in the language most of the class's results.json are in", () => {
    expect(classLang(rows)).toBe('en');
    expect(classLang([])).toBe('en');
  });
});
