import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { smooth } from '@fitcheck/core';
import { smoothingFor } from '../checks/history-facts.js';
import type { GradescopeResults } from '../results/gradescope.js';
import { fitcheck, readResults, type CliRun } from '../test-helpers/cli.js';

const SECTIONS = ['header', 'todos', 'findings', 'curves', 'diagnosis', 'summaries', 'classification', 'answers'];
const READER = fileURLToPath(new URL('../tensorboard/test-helpers/read_events.py', import.meta.url));

interface Graded { out: string; run: CliRun; results: GradescopeResults; html: string }

/** One graded OUT per submission, shared by every assertion of this file (each grade trains for ~20 s). */
async function grade(fixture: string, flags: string[], env: NodeJS.ProcessEnv = {}): Promise<Graded> {
  const out = await mkdtemp(join(tmpdir(), `fitcheck-report-${fixture}-`));
  const run = await fitcheck(['grade', `fixtures/submissions/${fixture}`, '--out', out, '--quiet', ...flags], env);
  return { out, run, results: await readResults(out), html: readFileSync(join(out, 'report.html'), 'utf8') };
}

/** `[tag, step, value]` of every scalar in an event file, read by the independent Python reader (CRCs checked). */
function scalars(dir: string): [string, number, number][] {
  const [file] = readdirSync(dir);
  const events = JSON.parse(execFileSync('python3', [READER, join(dir, file!)], { encoding: 'utf8' })) as { step?: number; values: { tag: string; simple_value: number }[] }[];
  return events.flatMap((e) => e.values.map((v): [string, number, number] => [v.tag, e.step ?? 0, v.simple_value]));
}

let reference: Graded;
let mistakes: Graded;
beforeAll(async () => {
  // The reference in the lab's language (pt-BR) with a real PDF; the mistakes in English on a machine "without" a browser.
  [reference, mistakes] = await Promise.all([
    grade('reference', ['--pdf']),
    grade('mistakes', ['--lang', 'en', '--pdf'], { CHROME_PATH: '/nonexistent/chromium' }),
  ]);
}, 300_000);

describe('fitcheck grade writes the report next to results.json', () => {
  it('reference: pt-BR by default (the lab says so), every section, the student, the score, the paths printed', () => {
    const { run, results, html, out } = reference;
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`nota 70/100 → ${join(out, 'results.json')}`);
    expect(run.stdout).toContain(`relatório: ${join(out, 'report.html')}`);
    expect(run.stdout).toContain(`PDF: ${join(out, 'report.pdf')}`);
    expect(html).toContain('<html lang="pt-BR">');
    for (const id of SECTIONS) expect(html).toContain(`<section id="${id}"`);
    expect(html).toContain('Ana Lima');
    expect(html).toContain('70 / 100');
    expect(html).toContain('Sobreajuste e regularização (Higgs, gato/não gato)');
    expect(html).toContain('ToDo 6: modelo pequeno para gatos');
    expect(html).toContain('30 pontos ainda aguardam a correção de um monitor.');
    // Curves of the runs the check profile trains, and the lab's learning-rate plot.
    for (const id of ['curves-sizes', 'curves-cats', 'learning-rate']) expect(html).toContain(`id="${id}"`);
    expect(html).toContain('Total params: 3,179,521');
    expect(html).toMatch(/weighted avg/);
    // results.json speaks the same language as the report.
    expect(results.tests[0]!.name).toBe('ToDo 1: um modelo Giant para o Higgs que sofre sobreajuste');
    expect(results.output).toMatch(/^Correção automática: 70\/70\./);
  });

  it('reference: the diagnosis states the same numbers as results.json (one computation of best epoch and gap)', () => {
    const giant = reference.results.extra_data.models.find((m) => m.name === 'higgs.giant')!;
    const pt = (x: number) => x.toFixed(3).replace('.', ',');
    expect(reference.html).toContain(`higgs.giant sofre sobreajuste a partir da época ${giant.bestEpoch}: a BCE de validação suavizada sobe de ${pt(giant.bestValBce!)} para ${pt(giant.smoothedFinalValBce!)}`);
    expect(reference.html).toContain(`a diferença final é de ${pt(giant.gap!)}`);
  });

  it('reference: the PDF is printed by the real Chromium, with the student, the score and Portuguese headings', () => {
    const pdf = join(reference.out, 'report.pdf');
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('Ana Lima');
    expect(text).toContain('70 / 100');
    expect(text).toContain('Curvas de aprendizado');
    const pages = Number(/^Pages:\s+(\d+)$/m.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);
    expect(text.split('\f').length - 1).toBe(pages);
    expect(pages).toBeGreaterThanOrEqual(3);
  });

  it("reference: TensorBoard event files per trained run, holding the run's history exactly (as float32)", () => {
    const tb = join(reference.out, 'tensorboard');
    // The student's runs beside the notebook's reference runs, as the report's charts group them.
    expect(readdirSync(tb).sort()).toEqual(['cats', 'regularizers', 'sizes']);
    expect(readdirSync(join(tb, 'cats')).sort()).toEqual(['cats.grande', 'cats.large', 'cats.medio', 'cats.pequeno', 'cats.regularizacao', 'cats.regularized']);
    expect(readdirSync(join(tb, 'sizes')).sort()).toEqual(['higgs.giant', 'higgs.large', 'higgs.medium', 'higgs.small', 'higgs.tiny']);
    const giant = reference.results.extra_data.models.find((m) => m.name === 'higgs.giant')!;
    const validation = scalars(join(tb, 'sizes', 'higgs.giant', 'validation')).filter(([tag]) => tag === 'epoch_binary_crossentropy');
    expect(validation).toHaveLength(giant.epochsRun!);
    // The lowest validation BCE results.json reports is the lab's smoothing of these very values.
    const smoothed = smooth(validation.map(([, , v]) => v), smoothingFor(validation.length));
    expect(smoothed[giant.bestEpoch!]).toBeCloseTo(giant.bestValBce!, 6);
    expect(Math.min(...smoothed)).toBe(smoothed[giant.bestEpoch!]);
    expect(validation.at(-1)![2]).toBe(Math.fround(giant.finalValBce!));
    const train = scalars(join(tb, 'sizes', 'higgs.giant', 'train')).filter(([tag]) => tag === 'epoch_binary_crossentropy');
    expect(train.at(-1)![2]).toBe(Math.fround(giant.finalTrainBce!));
  });

  it('mistakes: English on request, each finding with its fix, the wrong and the right classification report', () => {
    const { run, results, html } = mistakes;
    expect(html).toContain('<html lang="en">');
    for (const id of SECTIONS) expect(html).toContain(`<section id="${id}"`);
    expect(html).toContain('Bruno Souza');
    expect(html).toContain(`${results.score} / 100`);
    // ToDo 1's Giant is smaller than Large (0 of 5); the short run cannot show it does not overfit (undecided, 5 of 5).
    expect(results.score).toBe(25);
    for (const code of ['SIGMOID_WITH_LOGITS_LOSS', 'THRESHOLD_ON_LOGITS', 'TEST_SET_AS_VALIDATION', 'NO_REGULARIZATION', 'MISSING_ITEM']) {
      expect(html).toContain(`>${code}<`);
    }
    expect(html).toContain('<strong>Fix:</strong> end the model with { type: Dense, units: 1 } (no activation)');
    expect(html).toContain('cats.regularized: as your report computes it (y &gt; 0.5)');
    expect(html).toContain('cats.regularized: computed correctly (y &gt; 0)');
    expect(run.stdout).toContain('score 25/100 →');
  });

  it('mistakes: --pdf without a browser is one error and its fix naming the install command; HTML written, grade exit code kept', () => {
    const { run, out } = mistakes;
    expect(run.code).toBe(0);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('fitcheck: NO_BROWSER: CHROME_PATH=/nonexistent/chromium is not an executable browser');
    expect(lines[1]).toMatch(/^ {2}fix: .*apt-get install -y chromium/);
    expect(existsSync(join(out, 'report.html'))).toBe(true);
    expect(existsSync(join(out, 'report.pdf'))).toBe(false);
  });
});
