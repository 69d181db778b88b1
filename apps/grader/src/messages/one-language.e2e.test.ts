import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES } from '@fitcheck/datasets';
import { beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../commands/index.js';
import { subCommandsOf } from '../cli/usage.js';
import { fitcheck, type CliRun } from '../test-helpers/cli.js';
import { editedLab5 } from '../test-helpers/lab.js';
import { submissionFixture } from '../test-helpers/paths.js';
import { loadMessages } from './locale.js';

// Words that are English and never Portuguese (no "a", "no", "do", "total", "final", "item": both languages have them;
// "early stopping" is the loanword Brazilian ML texts use).
const ENGLISH = /\b(the|and|of|with|without|at most|training|trained|rows|images|epochs?|seed|models?|profile|fix|results|written|not|is|are|which|must|unknown|missing|required|allowed|did you mean|validation|batch|held|score|findings?|parameters|than|report|grading|graded|your|none|best|lost points)\b/i;

/**
 * What of a printed line is not the grader's words: paths and file names, model keys (`higgs.giant`),
 * Keras metric logs (`val_loss:0.57`), codes (`[NOT_MORE_CAPACITY]`), flags, quoted values, a YAML
 * `key: value` a hint tells the student to write, the `tensorboard` command, a `fitcheck <command>`
 * a command's name in its help's table, a GitHub workflow command's own syntax (`::error file=…,line=…::`) and a Keras
 * output shape (`(None, 1)`) — names a reader types, the
 * same in every language.
 */
function wordsOf(line: string): string {
  return line
    .replace(/\S*[/\\]\S*/g, ' ')
    .replace(/\b[\w-]+(\.\w+)+\b/g, ' ')
    .replace(/\b\w+:-?[\d.,]+/g, ' ')
    .replace(/\b[A-Z][A-Z0-9]*(_[A-Z0-9]+)+\b/g, ' ')
    .replace(/\b\w+_\w+\b/g, ' ')
    .replace(/--[\w-]+(=<[\w-]+>)?/g, ' ')
    .replace(/\bfitcheck( [a-z]+){1,2}\b/g, ' ')
    .replace(/^::\w+( [^:]*)?::/, ' ')
    .replace(/^ {2}[a-z][\w-]* {4,}/, ' ')
    .replace(/"[^"]*"|`[^`]*`/g, ' ')
    .replace(/\b[a-z]\w*: [a-z]\w*\b/g, ' ')
    .replace(/\btensorboard\b/gi, ' ')
    .replace(/\(None(, \d+)*\)/g, ' ');
}

/** A report's words, one per line: its text and its labels, without styles, scripts and `<pre>` printouts. */
function reportText(html: string): string {
  const body = html.replace(/<(style|script|pre)\b[\s\S]*?<\/\1>/g, '');
  const labels = [...body.matchAll(/\b(?:aria-label|title|alt)="([^"]*)"/g)].map((m) => m[1]!);
  const texts = body.split(/<[^>]+>/).map((t) => t.trim()).filter((t) => t !== '');
  return [...labels, ...texts].join('\n').replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
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
    // The report: every text and every label a screen reader says (a chart's name, not Vega's English
    // "X-axis titled …"); the Keras summaries and scikit-learn's report are their tools' printouts (`<pre>`).
    const html = await readFile(join(out, 'report.html'), 'utf8');
    expect(html).toContain('aria-label="Regularizadores: Entropia cruzada binária"');
    expect(englishLines(reportText(html))).toEqual([]);
  });

  it('`fitcheck check --lang pt-BR` on a submission with mistakes: findings, hints and plan all in pt-BR', async () => {
    const out = await mkdtemp(join(tmpdir(), 'fitcheck-pt-check-'));
    const { code, stdout, stderr } = await fitcheck(['check', 'fixtures/submissions/mistakes', '--out', out, '--lang', 'pt-BR']);
    expect(code).toBe(0);
    expect(stdout).toContain('como corrigir:');
    expect(stderr).toContain('perfil check: Autoverificação do aluno');
    expect(englishLines(`${stdout}\n${stderr}`)).toEqual([]);
  });

  // Static failures (nothing trains): ajv's bounds (`hostile-dropout-range`, `hostile-many-errors`), a non-finite
  // number, a Keras layer name, a Keras path out of the folder — each said from its parts, not ajv's English.
  it.each(['typo-key', 'unknown-layer', 'hostile-missing-sections', 'hostile-dropout-range', 'hostile-many-errors',
    'hostile-nonfinite-regularizer', 'hostile-keras-layer-name', 'hostile-keras-outside'])('an invalid submission (%s): every problem, its "did you mean" and where the results are, in pt-BR', async (name) => {
    const out = await mkdtemp(join(tmpdir(), 'fitcheck-pt-invalid-'));
    const { code, stdout, stderr } = await fitcheck(['check', `fixtures/submissions/${name}`, '--out', out, '--lang', 'pt-BR']);
    expect(code).toBe(2);
    expect(stderr).toContain(`resultados gravados em ${out}/results.json`);
    expect(englishLines(`${stdout}\n${stderr}`)).toEqual([]);
  });
});

describe('one language per run: files a student may forget, in pt-BR', () => {
  it('no lab5.yaml in the folder, and a keras: file that does not exist: each named, in pt-BR', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'fitcheck-pt-empty-'));
    const none = await fitcheck(['check', empty, '--lab', 'lab5', '--out', join(empty, 'out'), '--lang', 'pt-BR']);
    expect(none.stderr).toContain(`nenhum lab5.yaml / lab5.yml / lab5.json em ${empty}`);
    expectPortuguese(none, 2);

    const dir = await mkdtemp(join(tmpdir(), 'fitcheck-pt-nokeras-'));
    const reference = await readFile(join(submissionFixture('reference'), 'lab5.yaml'), 'utf8');
    await writeFile(join(dir, 'lab5.yaml'), reference.replace(/(\n {4}large:[^\n]*\n)(?: {6}.*\n)+/, '$1      keras: missing.json\n'));
    const keras = await fitcheck(['check', dir, '--out', join(dir, 'out'), '--lang', 'pt-BR']);
    expect(keras.stdout + keras.stderr).toContain('keras: "missing.json" não existe');
    expectPortuguese(keras, 2);
  });
});

/** `run`'s two streams, each line checked: no English word, and exit `code`. */
function expectPortuguese(run: CliRun, code: number): void {
  expect(englishLines(`${run.stdout}\n${run.stderr}`), `${run.stdout}\n${run.stderr}`).toEqual([]);
  expect(run.code, run.stderr).toBe(code);
}

describe('one language per run: every command in the lab\'s pt-BR', () => {
  // One class graded once (a correct submission and one whose YAML is broken, smoke-sized), read by
  // every command after it; the lab's reference runs come from the shared cache, as in every test.
  let root: string;
  let out: string;
  let batch: CliRun;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'fitcheck-pt-class-'));
    await cp(submissionFixture('reference'), join(root, 'class', 'ana'), { recursive: true });
    await cp(submissionFixture('invalid-yaml'), join(root, 'class', 'bia'), { recursive: true });
    out = join(root, 'out');
    batch = await fitcheck(['batch', join(root, 'class'), '--out', out, '--profile', 'smoke']);
  }, 600_000);

  it('batch: the plan, each student, the summary line', () => {
    expect(batch.stderr).toMatch(/\[2\/2\] bia: inválida/);
    expect(batch.stdout).toContain(`2 envios em ${out} (2 corrigidos agora, 1 por vez)`);
    expectPortuguese(batch, 0);
  });

  it('merge and regrade of that class', async () => {
    const merged = await fitcheck(['merge', out, '--out', join(root, 'merged')]);
    expect(merged.stdout).toContain('2 envios de 1 partes');
    expectPortuguese(merged, 0);
    const overrides = join(root, 'overrides.csv');
    await writeFile(overrides, 'student,item,points,comment\nana,2,8,ok\nghost,2,1,\n');
    const regraded = await fitcheck(['regrade', out, '--overrides', overrides]);
    expect(regraded.stdout).toContain('sobreposições sem envio correspondente');
    expectPortuguese(regraded, 0);
    // --lang says what regrade prints; each grade keeps its own language.
    const english = await fitcheck(['regrade', out, '--overrides', overrides, '--lang', 'en']);
    expect(english.stdout).toContain(`overrides for no submission in ${out}: ghost`);
    expect(english.code).toBe(0);
  });

  it('github on a graded and on an invalid submission: the annotations', async () => {
    for (const student of ['ana', 'bia']) {
      const run = await fitcheck(['github', join(out, student), '--summary', join(root, `${student}-summary.md`)]);
      expectPortuguese(run, 0);
    }
  });

  it('a broken YAML submission: the parser\'s error by its code, with the line it stopped at', async () => {
    for (const name of ['invalid-yaml', 'hostile-invalid-yaml', 'hostile-duplicate-keys', 'hostile-utf16', 'hostile-alias-bomb', 'hostile-deep-nesting']) {
      const run = await fitcheck(['check', `fixtures/submissions/${name}`, '--out', join(root, name)]);
      expect(run.stderr, name).toMatch(/lab5\.(yaml|json):\d+:\d+: /);
      expectPortuguese(run, 2);
    }
  });

  it('lab run of one tiny model', async () => {
    const run = await fitcheck(['lab', 'run', '--only', 'higgs.tiny', '--profile', 'smoke', '--out', join(root, 'lab')]);
    expect(run.stdout).toMatch(/higgs\.tiny +481 parâmetros/);
    expectPortuguese(run, 0);
  });

  it('template and gradescope build, check and run', async () => {
    expectPortuguese(await fitcheck(['template', '--out', join(root, 'template')]), 0);
    expectPortuguese(await fitcheck(['gradescope', 'build', '--profile', 'smoke', '--out', join(root, 'autograder.zip')]), 0);
    expectPortuguese(await fitcheck(['gradescope', 'check', '--lab', 'lab5']), 0);
    // Gradescope's /autograder with an invalid submission: graded as invalid, nothing trained.
    const gs = join(root, 'gradescope');
    await cp(submissionFixture('invalid-yaml'), join(gs, 'submission'), { recursive: true });
    await mkdir(join(gs, 'results'));
    await writeFile(join(gs, 'submission_metadata.json'), JSON.stringify({ id: 1, users: [{ name: 'Bia Dias', email: 'bia@uni.br', id: 8, sid: '2024-0388' }] }));
    const run = await fitcheck(['gradescope', 'run', '--root', gs, '--lab', 'lab5', '--profile', 'smoke']);
    expect(run.stdout).toContain('fitcheck gradescope: inválida →');
    expectPortuguese(run, 0);
  });

  it('usage errors: an unknown command, a missing argument, an unknown flag, a flag\'s bad value', async () => {
    for (const args of [['nope'], ['lab'], ['grade', '--out', 'x'], ['grade', 'fixtures/submissions/reference', '--out', 'x', '--prfile', 'ci'], ['summary', 'x.yaml', '--backend', 'gpu'],
      ['batch', 'x', '--out', 'y', '--jobs', 'abc'], ['batch', 'x', '--out', 'y', '--shard', '5/4'], ['grade', 'fixtures/submissions/reference', '--out', 'x', '--student-name', 'Ana']]) {
      expectPortuguese(await fitcheck(args), 2);
    }
  });

  it('--help of every command: each description is a pt-BR locale string', async () => {
    const pt = [...loadMessages('pt-BR').entries()].filter(([k]) => k.startsWith('usage.')).map(([, v]) => v);
    const paths: string[][] = [[]];
    for (const [name, load] of Object.entries(commands)) {
      paths.push([name]);
      for (const sub of Object.keys(await subCommandsOf(await load()))) paths.push([name, sub]);
    }
    for (const path of paths) {
      const run = await fitcheck([...path, '--help']);
      expectPortuguese(run, 0);
      // A row is `  NAME    description (padrão: …)`: its description is the locale's (which may end in a parenthesis of its own).
      for (const row of run.stdout.split('\n').filter((l) => /^ {2}\S+ {4,}/.test(l))) {
        const description = row.replace(/^ {2}\S+ {4,}/, '');
        const withoutNote = description.replace(/ \((padrão: [^)]*|obrigatório)\)$/, '');
        expect(pt.includes(description) || pt.includes(withoutNote), `${path.join(' ')}: ${row}`).toBe(true);
      }
    }
  }, 120_000);
});

describe('one language per run: faults and flags that stop a grade, in pt-BR (nothing trains)', () => {
  it('grade --profile <unknown>: the profile and the ones to use', async () => {
    const run = await fitcheck(['grade', submissionFixture('reference'), '--profile', 'nope', '--out', await mkdtemp(join(tmpdir(), 'fitcheck-pt-profile-')), '--lang', 'pt-BR']);
    expect(run.stderr).toContain('perfil desconhecido "nope"');
    expect(run.stderr).toContain('como corrigir: use um destes: check, ci, full, gradescope, smoke');
    expectPortuguese(run, 2);
  });

  it('LAB_NOT_CHOSEN: a folder that names no lab, among several labs', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fitcheck-pt-nolab-'));
    const run = await fitcheck(['grade', dir, '--out', join(dir, 'out'), '--lang', 'pt-BR']);
    expect(run.stderr).toContain(`qual laboratório? o envio em ${dir} não diz qual (lab: <id>)`);
    expect(run.stderr).toContain('como corrigir: passe --lab com um destes: lab5, lab6');
    expectPortuguese(run, 2);
  });

  it('PROFILE_TOO_SMALL: a model the lab allows but the gradescope profile cannot hold', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fitcheck-pt-big-'));
    await cp(submissionFixture('reference'), dir, { recursive: true });
    const yaml = await readFile(join(dir, 'lab5.yaml'), 'utf8');
    // cats.large's first Dense at 600 units: 7,466,969 parameters, over the profile's 7,000,000, within the lab's budget.
    await writeFile(join(dir, 'lab5.yaml'), yaml.replace(/(\n {4}large:[^\n]*\n[^\n]*\n[^\n]*\n\s+- \{ type: Dense, units: )128/, '$1600'));
    const out = await mkdtemp(join(tmpdir(), 'fitcheck-pt-big-out-'));
    const run = await fitcheck(['grade', dir, '--profile', 'gradescope', '--out', out, '--lang', 'pt-BR']);
    expect(run.stderr).toContain('cats.large tem 7.466.969 parâmetros, dentro do orçamento do laboratório, mas os 544 MiB do perfil gradescope comportam no máximo 7.000.000');
    expectPortuguese(run, 2);
    // What Gradescope shows the student says it in the same words (the fault itself stays English in extra_data).
    const results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as { output: string; extra_data: { fault: { message: string } } };
    expect(results.output).toContain('cats.large tem 7.466.969 parâmetros');
    expect(englishLines(results.output)).toEqual([]);
    expect(results.extra_data.fault.message).toMatch(/^cats\.large has 7,466,969 parameters/);
  });
});

describe('one language per run: the grading setup\'s own mistakes, in pt-BR (nothing trains)', () => {
  // loadLab throws before the lab's language is known: the course's (pt-BR) says it.
  it('INVALID_LAB: a broken lab\'s lab.yaml and rubric.yaml problems, each at its place', async () => {
    const { dir } = await editedLab5('lab.yaml', 'match: { dataset: cats }', 'match: { dataset: cat }');
    const lab = join(dir, 'lab.yaml');
    await writeFile(lab, (await readFile(lab, 'utf8')).replace('train: [higgs.giant', 'train: [higgs.gaint').replace('model: higgs.giant, fact', 'model: higgs.gigant, fact'));
    const rubric = join(dir, 'rubric.yaml');
    await writeFile(rubric, (await readFile(rubric, 'utf8')).replace('lab: lab5\n', 'lab: lab6\n'));
    const run = await fitcheck(['check', submissionFixture('reference'), '--lab', dir, '--out', join(dir, 'out')]);
    expect(run.stderr).toMatch(/lab\.yaml:\d+:\d+: grupo de relatório cats: conjunto de dados desconhecido "cat"/);
    expect(run.stderr).toContain('o perfil check treina "higgs.gaint", que não é um modelo do aluno');
    expect(run.stderr).toContain('leaderboard: modelo desconhecido "higgs.gigant"');
    expect(run.stderr).toContain('a rubrica é do laboratório "lab6", não do "lab5"');
    expect(run.stderr).toContain('como corrigir: lab.yaml e rubric.yaml seguem os esquemas de apps/grader/schemas/');
    expectPortuguese(run, 2);
    // What Gradescope would show says the same problems in the same words; the fault keeps the English for the TA.
    const results = JSON.parse(await readFile(join(dir, 'out', 'results.json'), 'utf8')) as { output: string; extra_data: { fault: { message: string } } };
    expect(results.output).toContain('o perfil check treina "higgs.gaint", que não é um modelo do aluno');
    expect(englishLines(results.output)).toEqual([]);
    expect(results.extra_data.fault.message).toContain('profile check trains "higgs.gaint", which is not a student model');
  });

  it('OUT_NOT_A_FOLDER: an --out that names a file', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'fitcheck-pt-outfile-')), 'results.txt');
    await writeFile(file, 'not a folder\n');
    const run = await fitcheck(['check', submissionFixture('reference'), '--out', file, '--lang', 'pt-BR']);
    expect(run.stderr).toContain(`--out ${file} é um arquivo, não uma pasta: nada foi gravado, nem o results.json`);
    expect(run.stderr).toContain('como corrigir: indique a pasta onde os resultados devem ficar (ela é criada se não existir)');
    expectPortuguese(run, 2);
  });
});

describe('one language per run: the TA\'s mistakes and the machine\'s faults, in pt-BR (nothing trains)', () => {
  // Each is said in the course's language (pt-BR): a TA's flag or file, a variable of the machine, damaged data.
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fitcheck-pt-ta-'));
  });

  it('template into a folder that is not empty', async () => {
    const target = join(dir, 'template');
    await mkdir(target);
    await writeFile(join(target, 'notes.txt'), 'mine\n');
    const run = await fitcheck(['template', '--out', target]);
    expect(run.stderr).toContain(`--out ${target}`);
    expectPortuguese(run, 2);
  });

  it('merge and regrade of a folder no batch wrote', async () => {
    const empty = join(dir, 'empty');
    await mkdir(empty);
    expectPortuguese(await fitcheck(['merge', empty, '--out', join(dir, 'merged')]), 2);
    await writeFile(join(dir, 'overrides.csv'), 'student,item,points,comment\nana,todo1,5,ok\n');
    expectPortuguese(await fitcheck(['regrade', empty, '--overrides', join(dir, 'overrides.csv')]), 2);
  });

  it('a roster without its login column', async () => {
    await writeFile(join(dir, 'roster.csv'), 'id,name\n1,Ana\n');
    const run = await fitcheck(['batch', join(dir, 'empty'), '--lab', 'lab5', '--out', join(dir, 'class'), '--roster', join(dir, 'roster.csv')]);
    expect(run.stderr).toContain('roster.csv');
    expectPortuguese(run, 2);
  });

  it('a FITCHECK_THREADS that is not a number, and a tfjs-node backend this machine lacks', async () => {
    const threads = await fitcheck(['check', submissionFixture('reference'), '--out', join(dir, 'threads')], { FITCHECK_THREADS: 'abc' });
    expect(threads.stderr).toContain('FITCHECK_THREADS="abc" não é um número de threads');
    expectPortuguese(threads, 1);
    const node = await fitcheck(['check', submissionFixture('reference'), '--out', join(dir, 'node')], { FITCHECK_BACKEND: 'node' });
    expect(node.stderr).toContain('@tensorflow/tfjs-node');
    expectPortuguese(node, 1);
  });

  it('a truncated HIGGS file', async () => {
    const whole = await readFile(FIXTURES.higgsFirst10000.path);
    const cut = join(dir, 'HIGGS_cut.csv.gz');
    await writeFile(cut, whole.subarray(0, 20_000));
    const run = await fitcheck(['data', 'inspect', cut]);
    expectPortuguese(run, 2);
  });
});
