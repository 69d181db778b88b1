import { beforeAll, describe, expect, it } from 'vitest';
import { diagnoseRuns } from './diagnosis.js';
import { renderReport, sortFindings } from './render.js';
import { HOSTILE, hostileInput, loadHistories, mistakesInput, referenceInput, type HistoriesFixture } from './test-helpers/report-input.js';

const SECTIONS = ['header', 'todos', 'findings', 'curves', 'diagnosis', 'summaries', 'classification', 'answers'];

/** The document without its style sheet and SVG charts: what a reader reads as text and markup. */
const markupOnly = (html: string) => html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<svg[\s\S]*?<\/svg>/g, '');

let h: HistoriesFixture;
let en: string;
let pt: string;
beforeAll(async () => {
  h = loadHistories();
  [en, pt] = await Promise.all([renderReport(referenceInput(h), { lang: 'en' }), renderReport(referenceInput(h), { lang: 'pt-BR' })]);
});

describe('renderReport on real histories', () => {
  it('has every section, in order, in both languages', () => {
    for (const html of [en, pt]) {
      const positions = SECTIONS.map((id) => html.indexOf(`<section id="${id}"`));
      expect(positions.every((p) => p > 0)).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      for (const id of ['curves-sizes', 'curves-regularizers', 'curves-cats', 'learning-rate']) expect(html).toContain(`id="${id}"`);
    }
  });

  it('is one self-contained document: inline CSS and SVG, nothing fetched', () => {
    expect(en.startsWith('<!DOCTYPE html>')).toBe(true);
    // Two charts per group (sizes, regularizers, cats) and the learning-rate plot.
    expect(en.match(/<svg[\s>]/g)).toHaveLength(7);
    expect(markupOnly(en)).not.toMatch(/<(script|link|img|iframe)\b|\b(src|href)=/i);
    expect(en).toContain("default-src 'none'");
  });

  it('shows the header facts and the per-ToDo table, pending items marked', () => {
    expect(en).toContain('Maria da Silva');
    expect(en).toContain('80 / 100');
    expect(en).toContain('20 points still wait for a TA.');
    expect(pt).toContain('20 pontos ainda aguardam a correção de um monitor.');
    expect(en.match(/class="status status-auto"/g)).toHaveLength(8);
    expect(en.match(/class="status status-pending"/g)).toHaveLength(2);
    expect(en).toContain('April 2, 2025 at 2:30 PM UTC');
    expect(pt).toContain('2 de abril de 2025 às 14:30 UTC');
  });

  it("prints core's Keras summary and scikit-learn's classification report with the confusion matrix", () => {
    expect(en).toContain('Total params: 481');
    expect(en).toContain('Total params: 1,573,121');
    // Precision of "cat" for the small cat model from its real confusion matrix: TP / (TP + FP).
    const m = h.confusion.Pequeno as number[][];
    const [[tn, fp], [fn, tp]] = m as [[number, number], [number, number]];
    const precision = (tp / (tp + fp)).toFixed(2);
    const recall = (tp / (tp + fn)).toFixed(2);
    const catRow = en.match(/^ +cat +([\d.]+) +([\d.]+) +[\d.]+ +(\d+)$/m);
    expect(catRow?.slice(1)).toEqual([precision, recall, String(tp + fn)]);
    expect(en).toContain(`<td class="num">${tn}</td><td class="num">${fp}</td>`);
    expect(en).toMatch(/weighted avg/);
  });

  it('draws training solid and validation dashed, one dashed line per run', () => {
    const charts = en.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    const sizes = charts[0] ?? '';
    // Four runs → four dashed validation paths, plus one dashed symbol in the legend.
    expect(sizes.match(/<path[^>]*stroke-dasharray="6,4"/g)?.length).toBe(h.sizes.length + 1);
    for (const run of h.sizes) expect(sizes).toContain(`>${run.name}</text>`);
    // Large's validation BCE climbs past the notebook's 0.7: the y axis follows the data instead of cutting it off.
    // The y axis's tick labels are the end-anchored numbers (the x axis's are centred, the legend's start-anchored).
    const yTicks = [...sizes.matchAll(/<text text-anchor="end"[^>]*>([\d.]+)<\/text>/g)].map((m) => Number(m[1]));
    expect(Math.max(...h.sizes.flatMap((r) => r.history.history.val_binary_crossentropy))).toBeGreaterThan(0.7);
    expect(Math.max(...yTicks)).toBeGreaterThan(0.7);
    expect(Math.min(...yTicks)).toBeLessThan(0.5);
  });

  it('writes the overfitting diagnosis from the runs, in both languages', () => {
    const large = diagnoseRuns({ runs: { sizes: h.sizes } }).find((d) => d.model === 'Large');
    expect(large?.overfits).toBe(true);
    expect(en).toMatch(new RegExp(`Large overfits from epoch ${large?.bestEpoch}: smoothed validation BCE climbs from ${large?.bestValBce.toFixed(3)}`));
    expect(pt).toContain(`Large sofre sobreajuste a partir da época ${large?.bestEpoch}: a BCE de validação suavizada sobe de ${large?.bestValBce.toFixed(3).replace('.', ',')}`);
    expect(en).toMatch(/Most overfitted: \w+, with a gap of/);
  });

  it('shows answers with the TA comment and points, or that they are not graded yet', () => {
    expect(en).toContain('Right, and cite the numbers.');
    expect(en).toContain('9 / 10');
    expect(en).toContain('Not graded yet.');
    expect(pt).toContain('Ainda não corrigida.');
  });

  it('leaves no placeholder unfilled and no English heading in the Portuguese report', () => {
    for (const html of [en, pt]) expect(markupOnly(html)).not.toMatch(/\{[a-zA-Z]+\}/);
    expect(pt).toContain('<html lang="pt-BR">');
    for (const english of ['Learning curves', 'Findings', 'Model summaries', 'Score by ToDo', 'Answers']) expect(pt).not.toContain(english);
    for (const portuguese of ['Curvas de aprendizado', 'Problemas encontrados', 'Resumo dos modelos', 'Nota por ToDo', 'Respostas']) expect(pt).toContain(portuguese);
  });
});

describe('findings', () => {
  it('come most severe first, each with its fix hint', async () => {
    const input = mistakesInput(h);
    expect(sortFindings(input.findings).map((f) => f.code)).toEqual(['SIGMOID_WITH_LOGITS_LOSS', 'THRESHOLD_ON_LOGITS', 'TEST_SET_AS_VALIDATION', 'NOT_TRAINED']);
    const html = await renderReport(input, { lang: 'en' });
    const order = ['SIGMOID_WITH_LOGITS_LOSS', 'THRESHOLD_ON_LOGITS', 'TEST_SET_AS_VALIDATION', 'NOT_TRAINED'].map((c) => html.indexOf(`>${c}<`));
    expect(order.every((p) => p > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).toContain('<strong>Fix:</strong> End the model with Dense(1) and no activation.');
    expect(html.match(/class="finding error"/g)).toHaveLength(2);
  });
});

describe('item statuses', () => {
  it('shows a pending item without a score and an undecided one as the TA run\'s to decide, in both languages', async () => {
    const base = referenceInput(h);
    const todos = base.todos.map((r) => (r.number === '1' ? { ...r, status: 'undecided' as const } : r));
    const [html, htmlPt] = await Promise.all([renderReport({ ...base, todos }, { lang: 'en' }), renderReport({ ...base, todos }, { lang: 'pt-BR' })]);
    expect(html).toContain('<span class="status status-undecided">undecided — the TA&#x27;s run decides</span>');
    expect(htmlPt).toContain('<span class="status status-undecided">indefinido — a execução do monitor decide</span>');
    expect(html).toContain('<span class="status status-pending">pending (TA)</span>');
  });
});

describe('a grade that could not be computed', () => {
  it('shows no score, says whose fault it was and that it is not a 0, in both languages', async () => {
    const input = {
      ...referenceInput(h), score: 0, maxScore: 0, todos: [], findings: [],
      notGraded: { status: 'error' as const, lines: ['cats.large: the training process ended unexpectedly (signal SIGKILL)'], fault: { owner: 'environment' as const, code: 'TRAINING_CRASHED' } },
    };
    const [html, htmlPt] = await Promise.all([renderReport(input, { lang: 'en' }), renderReport(input, { lang: 'pt-BR' })]);
    expect(html).toContain('Not graded — this is not a score of 0: the grade could not be computed because of the grading machine (TRAINING_CRASHED)');
    expect(html).toContain('(signal SIGKILL)');
    expect(html).not.toContain('class="score"');
    expect(html).not.toContain('No problems found.');
    expect(htmlPt).toContain('Não avaliado — isto não é uma nota 0: não foi possível calcular a nota por causa da máquina de correção (TRAINING_CRASHED)');
  });
});

describe('hostile student text', () => {
  it('is escaped in every text field, in both languages, charts included', async () => {
    for (const lang of ['en', 'pt-BR'] as const) {
      const html = await renderReport(hostileInput(h), { lang });
      expect(html).not.toContain('<script');
      expect(html).not.toContain('<img');
      expect(html).not.toContain('"quoted"');
      // Handlebars syntax in student text stays literal text: it is data, never a template.
      const escaped = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; {{constructor}} {{{lookup}}} &quot;quoted&quot; &amp; &#x27;single&#x27; &lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;';
      const outsideCharts = markupOnly(html).split(escaped).length - 1;
      // student, lab ×2 (title, h1) +1 meta, profile, backend, version (+ footer), 10 ToDo names + outputs,
      // 4 findings × (item, model, message, hint), summary model + text, classification model + text + 2×2 labels,
      // answer item, question, text, comment.
      expect(outsideCharts).toBeGreaterThanOrEqual(1 + 3 + 1 + 1 + 2 + 20 + 16 + 2 + 2 + 4 + 4);
      // Inside Vega's SVG, run names are escaped too (Vega escapes text and attributes itself).
      const svg = (html.match(/<svg[\s\S]*?<\/svg>/g) ?? []).join('');
      expect(svg).toContain('&lt;script&gt;');
      expect(svg).not.toContain(HOSTILE);
    }
  });
});
