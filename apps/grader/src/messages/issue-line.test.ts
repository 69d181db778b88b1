import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FILE_ERROR, loadConfigText, type FileErrorCode } from '@fitcheck/core';
import type { ErrorCode } from 'yaml';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../lab/paths.js';
import { loadLab } from '../lab/load-lab.js';
import { importKerasModel } from '../submission/keras-json.js';
import { loadSubmission } from '../submission/load-submission.js';
import { optimizerIssues } from '../submission/optimizer-issues.js';
import { issueAt } from '../submission/place.js';
import { submissionFixture } from '../test-helpers/paths.js';
import { issueLine } from './issue-line.js';
import { loadMessages } from './locale.js';

// Every code of the YAML parser (its `ErrorCode` type: this list stops compiling when a release adds one).
const YAML_CODES = [
  'ALIAS_PROPS', 'BAD_ALIAS', 'BAD_DIRECTIVE', 'BAD_DQ_ESCAPE', 'BAD_INDENT', 'BAD_PROP_ORDER', 'BAD_SCALAR_START',
  'BLOCK_AS_IMPLICIT_KEY', 'BLOCK_IN_FLOW', 'DUPLICATE_KEY', 'IMPOSSIBLE', 'KEY_OVER_1024_CHARS', 'MISSING_CHAR',
  'MULTILINE_IMPLICIT_KEY', 'MULTIPLE_ANCHORS', 'MULTIPLE_DOCS', 'MULTIPLE_TAGS', 'NON_STRING_KEY', 'RESOURCE_EXHAUSTION',
  'TAB_AS_INDENT', 'TAG_RESOLVE_FAILED', 'UNEXPECTED_TOKEN', 'BAD_COLLECTION_TYPE',
] as const satisfies readonly ErrorCode[];
type Unlisted = Exclude<ErrorCode, (typeof YAML_CODES)[number]>;
const everyCodeListed: [Unlisted] extends [never] ? true : Unlisted = true;

const pt = loadMessages('pt-BR');
const ANY = { type: 'object' } as const;

describe('issueLine', () => {
  it('has a message in every language for every code of the YAML parser and of a file that cannot be read', () => {
    expect(everyCodeListed).toBe(true);
    const codes: string[] = [...YAML_CODES, 'JSON', ...Object.values(FILE_ERROR) satisfies FileErrorCode[]];
    for (const lang of ['en', 'pt-BR']) {
      const messages = loadMessages(lang);
      expect(codes.filter((c) => !messages.has(`issue.code.${c}`)), lang).toEqual([]);
    }
  });

  it("says a YAML syntax error in pt-BR by its code, keeping file:line:col and the line the parser stopped at", async () => {
    const file = join(REPO_ROOT, 'fixtures/submissions/hostile-invalid-yaml/lab5.yaml');
    const [issue] = loadConfigText(await readFile(file, 'utf8'), 'lab5.yaml', ANY).errors;
    expect(issue?.params?.code).toBe('UNEXPECTED_TOKEN');
    expect(issueLine(issue!, pt).split('\n')).toEqual([
      'lab5.yaml:3:35: algo inesperado aqui: sobra ou está fora do lugar um "-", um ":", aspas ou um colchete?',
      '  3 | student: { name: "Ivo Matos, id: "2024-0901" }',
      '    |                                   ^',
    ]);
    // English is the parser's own wording, with the same excerpt.
    expect(issueLine(issue!, loadMessages('en')).split('\n')[0]).toBe('lab5.yaml:3:35: Unexpected scalar at node end');
  });

  it("keeps the parser's own words only for a code no locale names, still at its place", () => {
    const unknown = { keyword: 'syntax', instancePath: '', message: 'Some new parser complaint', file: 'a.yaml', line: 2, column: 1, params: { code: 'NEW_CODE' } };
    expect(issueLine(unknown, pt)).toBe('a.yaml:2:1: Some new parser complaint');
  });

  it("says the loader's own refusals in pt-BR, counts in its number format", () => {
    const big = loadConfigText('a: 1\n', 'big.yaml', ANY, { maxBytes: 2 }).errors[0]!;
    expect(issueLine({ ...big, params: { bytes: '2500000', max: '1048576' } }, pt)).toBe('big.yaml:1:1: o arquivo tem 2.500.000 bytes; o limite é 1.048.576');
    const dup = loadConfigText('a: 1\na: 2\n', 'dup.yaml', ANY).errors[0]!;
    expect(issueLine(dup, pt).split('\n')[0]).toBe('dup.yaml:2:1: a chave a aparece duas vezes no mesmo mapa; cada chave pode aparecer uma vez só');
    const deep = loadConfigText('a: [[[1]]]\n', 'deep.yaml', ANY, { maxDepth: 2 }).errors[0]!;
    expect(issueLine(deep, pt)).toBe('deep.yaml:1:1: o documento tem mais de 2 níveis de aninhamento');
  });
});

describe('issueLine: schema bounds and the grader\'s own issues in pt-BR', () => {
  const BOUNDS = {
    type: 'object',
    properties: {
      rate: { type: 'number', minimum: 0, exclusiveMaximum: 0.5 },
      layers: { type: 'array', maxItems: 1, uniqueItems: true },
      name: { type: 'string', pattern: '^[a-z]+$', minLength: 2 },
      step: { type: 'number', multipleOf: 0.25 },
      other: { not: { type: 'string' } },
    },
  } as const;
  const linesOf = (text: string) => loadConfigText(text, 'a.yaml', BOUNDS).errors.map((i) => issueLine(i, pt));

  it('words ajv\'s bound keywords from their parts, numbers in pt-BR format', () => {
    expect(linesOf('rate: 0.75\nlayers: [1, 1]\nname: A\nstep: 0.3\n')).toEqual([
      'a.yaml:1:7: rate deve ser menor que 0,5',
      'a.yaml:2:9: layers deve ter no máximo 1 itens',
      'a.yaml:2:9: layers: os itens 0 e 1 são iguais; cada item deve aparecer uma vez só',
      'a.yaml:3:7: name deve ter pelo menos 2 caracteres',
      'a.yaml:3:7: name deve seguir o padrão "^[a-z]+$"',
      'a.yaml:4:7: step deve ser múltiplo de 0,25',
    ]);
    expect(linesOf('rate: -1\n')).toEqual(['a.yaml:1:7: rate deve ser maior ou igual a 0']);
  });

  it('says a non-finite number (YAML .nan) in pt-BR, and keeps ajv\'s English only for a keyword without parts', () => {
    expect(linesOf('rate: .nan\n')).toEqual(['a.yaml:1:7: rate deve ser um número finito, mas é NaN']);
    expect(linesOf('other: x\n')).toEqual(['a.yaml:1:8: other must NOT be valid']);
  });

  it("says the Keras importer's issues in pt-BR from their codes", () => {
    const place = { file: 'lab5.yaml', text: 'x: 1\n' };
    const said = (doc: unknown) => importKerasModel(doc).issues.map((i) => issueLine(issueAt(place, '', i.message, 'keras', i.params), pt).replace(/^lab5\.yaml:1:1: /, ''));
    expect(said({})).toEqual(['não é um documento de model.to_json() do Keras: falta "class_name"']);
    expect(said({ class_name: 'Functional', config: {} })).toEqual(['só modelos Sequential podem ser corrigidos, mas este é "Functional"']);
    expect(said({ class_name: 'Sequential', config: {} })).toEqual(['a configuração do Sequential não tem uma lista "layers"']);
    expect(said({ class_name: 'Sequential', config: { layers: [1, { class_name: 'LSTM', config: {} }, { class_name: 'InputLayer', config: {} }, { class_name: 'Dense', config: { units: 1, activation: 'softmax' } }] } })).toEqual([
      'layers[0] não é uma camada do Keras ({ class_name, config })',
      expect.stringMatching(/^layers\[1\]: camada do Keras "LSTM" não suportada; o fitcheck corrige "Dense", .*, Activation e InputLayer$/),
      'InputLayer sem batch_shape / batch_input_shape',
      expect.stringMatching(/^ativação "softmax" não suportada; o fitcheck conhece linear, relu, .*leaky_relu$/),
    ]);
    // Each layer type's own config issue (core's layers/*.ts `keras` import).
    const layer = (class_name: string, config: Record<string, unknown>) => ({ class_name: 'Sequential', config: { layers: [{ class_name, config }] } });
    expect([said(layer('Dense', { units: 1.5 })), said(layer('Reshape', { target_shape: 'x' })), said(layer('Dropout', {}))]).toEqual([
      ['Dense precisa de units inteiro'],
      ['Reshape precisa de target_shape, uma lista de inteiros'],
      ['Dropout precisa de um rate numérico'],
    ]);
  });

  it('says a model given both ways, or neither, and a bad learning-rate schedule in pt-BR', async () => {
    const lab = (await loadLab('lab5')).definition;
    const dir = await mkdtemp(join(tmpdir(), 'fitcheck-issue-line-'));
    const reference = await readFile(join(submissionFixture('reference'), 'lab5.yaml'), 'utf8');
    const broken = reference
      .replace(/(\n {4}giant:[^\n]*\n)/, '$1      keras: model.json\n')
      .replace(/(\n {4}large:[^\n]*\n)(?: {6}.*\n)+/, '$1      name: nothing\n');
    await writeFile(join(dir, 'lab5.yaml'), broken);
    const { errors } = await loadSubmission(dir, lab);
    expect(errors.map((i) => issueLine(i, pt).replace(/^.*?:\d+:\d+: /, ''))).toEqual([
      'dê o modelo como layers ou como keras, não os dois',
      'um modelo precisa de layers: [...] ou keras: (um documento de model.to_json())',
    ]);
    const schedule = optimizerIssues(
      { type: 'SGD', learningRate: { type: 'PiecewiseConstantDecay', boundaries: [10], values: [0.1] } } as never,
      { file: 'lab5.yaml', text: 'x: 1\n', pointer: '' },
    );
    expect(schedule.map((i) => issueLine(i, pt))).toEqual([expect.stringMatching(/^lab5\.yaml:1:1: learningRate: o valor de ".+" não é válido para esta programação da taxa de aprendizado$/)]);
  });
});
