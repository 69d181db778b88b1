import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inferShapes } from '@fitcheck/core';
import { describe, expect, it } from 'vitest';
import { CHECK_NAMES, RUBRIC_CHECKS } from '../checks/rubric/index.js';
import { DATASET_KINDS } from '../datasets/index.js';
import type { GraderError } from '../errors.js';
import { errorLine } from '../messages/error-line.js';
import { loadMessages } from '../messages/locale.js';
import { editedLab5 } from '../test-helpers/lab.js';
import { loadLab } from './load-lab.js';
import { PUBLISHED_SCHEMAS, publishedSchemaText } from './published-schemas.js';

describe('loadLab', () => {
  it('loads lab5: ten items adding up to 100, the notebook models with their Keras parameter counts', async () => {
    const { definition, rubric } = await loadLab('lab5');
    expect(rubric.items.map((i) => i.number)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(rubric.items.reduce((s, i) => s + i.points, 0)).toBe(100);
    const params = Object.fromEntries(Object.entries(definition.models).map(([k, m]) => [
      k, inferShapes({ inputShape: definition.datasets[m.dataset]!.inputShape, layers: m.layers }).totalParams,
    ]));
    // LAB.md's tables (Keras model.summary()).
    expect(params).toEqual({
      'higgs.tiny': 481, 'higgs.small': 753, 'higgs.medium': 10_241, 'higgs.large': 803_329,
      'higgs.l2': 803_329, 'higgs.dropout': 803_329, 'higgs.combined': 803_329,
      'cats.pequeno': 1_573_121, 'cats.medio': 3_277_825, 'cats.grande': 15_733_761, 'cats.regularizacao': 15_733_761,
    });
    expect(definition.profiles.full).toMatchObject({ maxEpochs: 10_000, patience: 200 });
  });

  it('loads lab6: eight ToDos in nine items adding up to 100, its own submission schema beside its lab.yaml', async () => {
    const { dir, definition, rubric } = await loadLab('lab6');
    expect(rubric.items.map((i) => `${i.number}:${i.check}`)).toEqual([
      '1:optimizer-setup', '2.1:optimizer-setup', '2.2:converges-faster', '3:optimizer-setup', '4:optimizer-setup',
      '5:schedule-values', '6:schedule-values', '7:text-answer', '8:text-answer',
    ]);
    expect(rubric.items.reduce((s, i) => s + i.points, 0)).toBe(100);
    expect(definition.submission.schema).toBe(join(dir, 'lab6-submission.schema.json'));
    expect(Object.keys(definition.profiles)).toEqual(['check', 'ci', 'full', 'gradescope', 'smoke']);
    // Packed for Gradescope as lab 5 is: a profile whose memory holds every model the budgets allow.
    expect(definition.gradescope).toEqual({ profile: 'gradescope', timeoutMinutes: 10, pdf: false, worstCase: 'fixtures/gradescope/lab6-worst-case' });
    expect(definition.profiles.gradescope).toMatchObject({ verdicts: 'final', taOnly: true, limits: { modelMemoryMb: 544, modelParams: { higgs: 200000, cats: 5000000 } } });
    for (const [key, model] of Object.entries(definition.studentModels)) {
      expect(model.budget, key).toBeLessThanOrEqual(definition.profiles.gradescope?.limits?.modelParams?.[model.dataset] ?? 0);
    }
    expect(definition.submission.calibration).toBe('fixtures/calibration/lab6');
  });

  it('loads a lab folder given by its path', async () => {
    const { dir } = await editedLab5('lab.yaml', 'title: Overfitting', 'title: Copied overfitting');
    expect((await loadLab(dir)).definition.title).toMatch(/^Copied overfitting/);
  });

  it('reports a typo in a lab file with its position and a suggestion', async () => {
    const { dir, at } = await editedLab5('lab.yaml', '  earlyStopping:', '  earlyStoping:');
    await expect(loadLab(dir)).rejects.toThrow(`lab.yaml:${at('earlyStoping')}: unknown key "earlyStoping"`);
    await expect(loadLab(dir)).rejects.toThrow(/lab\.yaml:\d+:3: unknown key "earlyStoping" .*\(did you mean "earlyStopping"\?\)/);
  });

  // Each check declares its parameters: the rubric is validated against those declarations.
  // [what, text, edited text, the word the issue points at, the issue after `rubric.yaml:line:col: `]
  it.each([
    ['an unknown parameter', '{ model: cats.small }', '{ modle: cats.small }', 'modle',
      'unknown key "modle" in items[5].with; allowed: model, moreCapacityThan (did you mean "model"?)'],
    ['a missing parameter', '{ model: cats.small }', '{ }', '{', 'items[5].with is missing the required key "model"'],
    ['an ill-typed parameter', 'minRatio: 1.5', 'minRatio: big', 'big', 'items[0].with.minRatio must be a number, got the string "big"'],
    ['a model the lab lacks', 'baseline: higgs.large', 'baseline: higgs.huge', 'higgs.huge', 'items[0].with.baseline is "higgs.huge", which is not one of: higgs.tiny, '],
    ['a dataset the lab lacks', 'dataset: cats, size', 'dataset: cat, size', 'cat', 'items[4].with.dataset is "cat", which is not one of: higgs, cats (did you mean "cats"?)'],
    ['an answer no submission holds', 'answer: giant_analysis', 'answer: giant_analysys', 'giant_analysys', 'items[1].with.answer is "giant_analysys"'],
    ['an unknown check', 'check: preprocess', 'check: preprocesss', 'preprocesss', 'items[4].check is "preprocesss", which is not one of: capacity-overfits, '],
    ['a rubric for another lab', 'lab: lab5\n', 'lab: lab6\n', 'lab6', 'rubric is for lab "lab6", not "lab5"'],
  ])('refuses %s in rubric.yaml at its line:col, with the fix', async (_what, from, to, word, issue) => {
    const { dir, at } = await editedLab5('rubric.yaml', from, to);
    const error = await loadLab(dir).then(() => undefined, (e: unknown) => e);
    expect(error).toMatchObject({ code: 'INVALID_LAB', message: expect.stringContaining(`${join(dir, 'rubric.yaml')}:${at(word)}: ${issue}`) });
    expect((error as Error & { hint: string }).hint).toMatch(/apps\/grader\/src\/checks\/rubric\//);
  });

  it('suggests the model meant by a misspelt model parameter', async () => {
    const { dir } = await editedLab5('rubric.yaml', 'baseline: higgs.large', 'baseline: higgs.lrage');
    await expect(loadLab(dir)).rejects.toThrow('(did you mean "higgs.large"?)');
  });

  // Dataset kinds and report groups are data of lab.yaml, checked against the registry and the lab itself.
  it.each([
    ['a dataset kind no module has', 'kind: cats', 'kind: catz', 'catz', 'datasets.cats.kind is "catz", which is not one of: cats, higgs (did you mean "cats"?)'],
    ['a dataset without the path its kind reads', '    dir: fixtures/datasets/catvnoncat\n', '\n', '', 'dataset cats: a cats dataset needs dir'],
    ['a report group of a dataset the lab lacks', 'match: { dataset: cats }', 'match: { dataset: cat }', 'cat', 'report group cats: unknown dataset "cat"'],
    // The trailing space keeps the edited line the only one `at` can find; YAML drops it.
    ['a report group declared twice', '- id: cats', '- id: regularizers ', 'regularizers', 'report group "regularizers" is declared twice'],
    ['a chart of a metric no history has', '{ metric: accuracy }', '{ metric: acuracy }', 'acuracy', 'report.groups[2].charts[1].metric is "acuracy"'],
  ])('refuses %s in lab.yaml, with its place', async (_what, from, to, word, issue) => {
    const { dir, at } = await editedLab5('lab.yaml', from, to);
    const error = await loadLab(dir).then(() => undefined, (e: unknown) => e);
    const place = word === '' ? '' : `:${at(word)}`;
    expect(error).toMatchObject({ code: 'INVALID_LAB', message: expect.stringContaining(`${join(dir, 'lab.yaml')}${place}`) });
    expect((error as Error).message).toContain(issue);
  });

  it('refuses a profile that trains a model the lab lacks, at its line:col', async () => {
    const { dir, at } = await editedLab5('lab.yaml', 'train: [higgs.giant', 'train: [higgs.gaint');
    await expect(loadLab(dir)).rejects.toThrow(`lab.yaml:${at('higgs.gaint')}: profile check trains "higgs.gaint", which is not a student model`);
  });
});

describe('loadLab in the reader\'s language (pt-BR)', () => {
  const pt = loadMessages('pt-BR');
  const refused = (dir: string) => loadLab(dir).then(() => { throw new Error('loaded'); }, (e: unknown) => e as GraderError);

  it('says a schema issue of lab.yaml in Portuguese, at its place, with the fix in Portuguese', async () => {
    const { dir, at } = await editedLab5('lab.yaml', '  earlyStopping:', '  earlyStoping:');
    const said = errorLine(await refused(dir), pt);
    expect(said).toContain(`${join(dir, 'lab.yaml')}:${at('earlyStoping')}: `);
    expect(said).toMatch(/chave desconhecida "earlyStoping"; as permitidas são: .*\(você quis dizer "earlyStopping"\?\)/);
    expect(said).toContain('como corrigir: lab.yaml e rubric.yaml seguem os esquemas de apps/grader/schemas/');
    expect(said).not.toMatch(/unknown key|did you mean|follow apps/);
  });

  it('says every cross-check issue of lab.yaml and rubric.yaml in Portuguese; the English message keeps today\'s sentences', async () => {
    const { dir, at } = await editedLab5('lab.yaml', 'match: { dataset: cats }', 'match: { dataset: cat }');
    const lab = join(dir, 'lab.yaml');
    const edits: [string, string][] = [
      ['    dir: fixtures/datasets/catvnoncat\n', '\n'],
      ['train: [higgs.giant', 'train: [higgs.gaint'],
      ['baseline: cats.grande', 'baseline: cats.medio'],
      ['references: [cats.pequeno, cats.medio,', 'references: [cats.pequeno, cats.small,'],
      ['gradescope: { profile: gradescope,', 'gradescope: { profile: gradescop,'],
      ['model: higgs.giant, fact', 'model: higgs.gigant, fact'],
      ['    - id: regularizers', '    - id: sizes'],
    ];
    let yaml = await readFile(lab, 'utf8');
    for (const [from, to] of edits) {
      expect(yaml, from).toContain(from);
      yaml = yaml.replace(from, to);
    }
    await writeFile(lab, yaml);
    const rubric = join(dir, 'rubric.yaml');
    await writeFile(rubric, (await readFile(rubric, 'utf8')).replace('lab: lab5\n', 'lab: lab6\n'));

    const error = await refused(dir);
    expect(error).toMatchObject({ code: 'INVALID_LAB' });
    const english = [
      'dataset cats: a cats dataset needs dir',
      'report group "sizes" is declared twice',
      'report group cats: unknown dataset "cat"',
      'report group cats: "cats.small" is not one of the lab\'s models, so it has no reference run',
      'report group cats: the baseline "cats.medio" is not one of its references',
      'profile check trains "higgs.gaint", which is not a student model',
      'gradescope: unknown profile "gradescop"',
      'leaderboard: unknown model "higgs.gigant"',
      'rubric is for lab "lab6", not "lab5"',
    ];
    for (const sentence of english) expect(error.message).toContain(sentence);
    expect(error.message).toContain(`${lab}:${at('cat }')}: report group cats: unknown dataset "cat"`);

    const said = errorLine(error, pt);
    for (const sentence of [
      'conjunto de dados cats: um conjunto de dados cats precisa de dir',
      'o grupo de relatório "sizes" está declarado duas vezes',
      `${lab}:${at('cat }')}: grupo de relatório cats: conjunto de dados desconhecido "cat"`,
      'grupo de relatório cats: "cats.small" não é um dos modelos do laboratório, então não tem execução de referência',
      'grupo de relatório cats: a linha de base "cats.medio" não está entre as suas referências',
      'o perfil check treina "higgs.gaint", que não é um modelo do aluno',
      'gradescope: perfil desconhecido "gradescop"',
      'leaderboard: modelo desconhecido "higgs.gigant"',
      'a rubrica é do laboratório "lab6", não do "lab5"',
      'como corrigir: lab.yaml e rubric.yaml seguem',
    ]) expect(said).toContain(sentence);
    for (const sentence of english) expect(said).not.toContain(sentence);
    expect(said.split('\n')).toHaveLength(english.length + 1);
  });

  it('says a ref that is no lab id in Portuguese', async () => {
    const said = errorLine(await refused('Lab 5'), pt);
    expect(said).toBe('"Lab 5" não é um id de laboratório\n  como corrigir: um id de laboratório é o nome de uma pasta em grading/labs (letras minúsculas, dígitos e -); uma pasta de laboratório é um caminho como ./my-lab');
  });
});

describe('the rubric schema derived from the checks', () => {
  it.each(PUBLISHED_SCHEMAS)('%s holds the registry\'s names in its enum (editors read that file): `pnpm build` writes it', (path) => {
    expect(readFileSync(path, 'utf8')).toBe(publishedSchemaText(path));
  });

  it('lists the checks and the dataset kinds the registries hold', async () => {
    const rubric = (await import('../../schemas/rubric.schema.json', { with: { type: 'json' } })).default as {
      properties: { items: { items: { properties: { check: { enum: string[] } } } } };
    };
    expect(rubric.properties.items.items.properties.check.enum).toEqual([...CHECK_NAMES]);
    const lab = (await import('../../schemas/lab.schema.json', { with: { type: 'json' } })).default as {
      definitions: { dataset: { properties: { kind: { enum: string[] } } } };
    };
    expect(lab.definitions.dataset.properties.kind.enum).toEqual(DATASET_KINDS.map((k) => k.name));
  });

  it('has one check per name, each declaring the findings it may emit', () => {
    expect(new Set(CHECK_NAMES).size).toBe(RUBRIC_CHECKS.length);
    for (const check of RUBRIC_CHECKS) {
      expect(check.findings.length, check.name).toBeGreaterThan(0);
      expect(check.params).toMatchObject({ type: 'object', additionalProperties: false });
    }
  });
});
