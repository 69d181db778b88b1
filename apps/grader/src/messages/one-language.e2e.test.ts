import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fitcheck } from '../test-helpers/cli.js';

// Words that are English and never Portuguese (no "a", "no", "do", "total", "final", "item": both languages have them;
// "early stopping" is the loanword Brazilian ML texts use).
const ENGLISH = /\b(the|and|of|with|without|at most|training|trained|rows|images|epochs?|seed|models?|profile|fix|results|written|not|is|are|which|must|unknown|missing|required|allowed|did you mean|validation|batch|held|score|findings?|parameters|than|report|grading|graded|your|none|best|lost points)\b/i;

/**
 * What of a printed line is not the grader's words: paths and file names, model keys (`higgs.giant`),
 * Keras metric logs (`val_loss:0.57`), codes (`[NOT_MORE_CAPACITY]`), flags, quoted values, a YAML
 * `key: value` a hint tells the student to write, and the `tensorboard` command — names a reader types,
 * the same in every language.
 */
function wordsOf(line: string): string {
  return line
    .replace(/\S*[/\\]\S*/g, ' ')
    .replace(/\b\w+(\.\w+)+\b/g, ' ')
    .replace(/\b\w+:-?[\d.,]+/g, ' ')
    .replace(/\b[A-Z][A-Z0-9]*(_[A-Z0-9]+)+\b/g, ' ')
    .replace(/\b\w+_\w+\b/g, ' ')
    .replace(/--\w+/g, ' ')
    .replace(/"[^"]*"|`[^`]*`/g, ' ')
    .replace(/\b[a-z]\w*: [a-z]\w*\b/g, ' ')
    .replace(/\btensorboard\b/gi, ' ');
}

/** The printed lines that hold an English word, each with the word found. */
function englishLines(output: string): string[] {
  return output.split(/\r?\n|\r/).flatMap((line) => {
    const hit = ENGLISH.exec(wordsOf(line));
    return hit ? [`${hit[0]} ← ${line}`] : [];
  });
}

describe('one language per run', () => {
  it('the detector finds the English lines the CLI used to print in pt-BR', () => {
    expect(englishLines([
      'corrigindo fixtures/submissions/reference (perfil check)',
      'training: at most 20 epochs, early stopping after 10 epochs without a better val_binary_crossentropy, seed 1',
      'higgs: 250 training rows, 250 validation rows (rows 1–250 of fixtures/datasets/higgs/HIGGS_first_10000.csv.gz), batch 25',
      '  fix: results written to /tmp/out/results.json',
      '  época 10: accuracy:0.5928, val_loss:0.5770',
      'backend do TF.js: wasm',
    ].join('\n')).map((l) => l.split(' ←')[0])).toEqual(['epochs', 'training', 'written']);
  });

  it('`fitcheck demo` in the lab\'s language (pt-BR) prints no English sentence', async () => {
    const out = await mkdtemp(join(tmpdir(), 'fitcheck-pt-demo-'));
    const { code, stdout, stderr } = await fitcheck(['demo', '--out', out]);
    expect(code).toBe(0);
    expect(stderr).toContain('modelos treinados: higgs.giant, cats.large, cats.regularized');
    expect(stderr).toMatch(/treinando higgs\.giant \(3\.179\.521 parâmetros/);
    expect(englishLines(`${stdout}\n${stderr}`)).toEqual([]);
  });

  it('`fitcheck check --lang pt-BR` on a submission with mistakes: findings, hints and plan all in pt-BR', async () => {
    const out = await mkdtemp(join(tmpdir(), 'fitcheck-pt-check-'));
    const { code, stdout, stderr } = await fitcheck(['check', 'fixtures/submissions/mistakes', '--out', out, '--lang', 'pt-BR']);
    expect(code).toBe(0);
    expect(stdout).toContain('como corrigir:');
    expect(stderr).toContain('perfil check: Autoverificação do aluno');
    expect(englishLines(`${stdout}\n${stderr}`)).toEqual([]);
  });

  it.each(['typo-key', 'unknown-layer', 'hostile-missing-sections'])('an invalid submission (%s): every problem, its "did you mean" and where the results are, in pt-BR', async (name) => {
    const out = await mkdtemp(join(tmpdir(), 'fitcheck-pt-invalid-'));
    const { code, stdout, stderr } = await fitcheck(['check', `fixtures/submissions/${name}`, '--out', out, '--lang', 'pt-BR']);
    expect(code).toBe(2);
    expect(stderr).toContain(`resultados gravados em ${out}/results.json`);
    expect(englishLines(`${stdout}\n${stderr}`)).toEqual([]);
  });
});
