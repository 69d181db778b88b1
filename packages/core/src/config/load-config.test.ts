import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { modelSpecSchema } from '../spec/schema.js';
import { formatIssue, sourceExcerpt } from './issue.js';
import { loadConfigFile, loadConfigText } from './load-config.js';

const schema = modelSpecSchema();

describe('loadConfigText', () => {
  it('returns the value and no issues for a valid YAML spec', () => {
    const text = 'inputShape: [28]\nlayers:\n  - type: Dense\n    units: 1\n';
    expect(loadConfigText(text, 'm.yaml', schema)).toEqual({
      value: { inputShape: [28], layers: [{ type: 'Dense', units: 1 }] },
      errors: [],
      warnings: [],
    });
  });

  it('points an unknown key at its line:col and suggests the closest known key', () => {
    const text = 'inputShape: [28]\nlayers:\n  - type: Dense\n    unit: 512\n    activation: elu\n';
    const { errors } = loadConfigText(text, 'm.yaml', schema);
    expect(errors.map(formatIssue)).toEqual([
      'm.yaml:3:5: layers[0] is missing the required key "units"',
      'm.yaml:4:5: unknown key "unit" in layers[0]; allowed: type, units, activation, useBias, kernelInitializer, biasInitializer, kernelRegularizer, biasRegularizer, name (did you mean "units"?)',
    ]);
    expect(errors[1]).toMatchObject({ keyword: 'additionalProperties', instancePath: '/layers/0', suggestion: 'units' });
  });

  it('suggests a key whose two neighbouring letters were swapped', () => {
    const { errors } = loadConfigText('inputShape: [28]\nlayers:\n  - type: Dense\n    units: 1\n    activaiton: elu\n', 'm.yaml', schema);
    expect(errors[0]).toMatchObject({ line: 5, column: 5, suggestion: 'activation' });
    const short = loadConfigText('inputShape: [28]\nlayers:\n  - type: Dense\n    units: 1\n    nmae: x\n', 'm.yaml', schema);
    expect(short.errors[0]?.suggestion).toBe('name');
  });

  it('suggests the closest enum value for a misspelt activation or layer type', () => {
    const text = 'inputShape: [28]\nlayers:\n  - type: Dense\n    units: 16\n    activation: Elu\n  - type: Dens\n    units: 1\n';
    const { errors } = loadConfigText(text, 'm.yaml', schema);
    expect(errors.map((e) => [e.line, e.column, e.suggestion])).toEqual([
      [5, 17, 'elu'],
      [6, 11, 'Dense'],
    ]);
    expect(errors[0]?.message).toBe('layers[0].activation is "Elu", which is not one of: linear, relu, elu, selu, sigmoid, tanh, softplus, gelu, leakyRelu');
  });

  it('reports wrong types and ranges at the value', () => {
    const text = 'inputShape: [28]\nlayers:\n  - type: Dropout\n    rate: 1.5\n  - {type: Dense, units: "16"}\n';
    const { errors } = loadConfigText(text, 'm.yaml', schema);
    expect(errors.map(formatIssue)).toEqual([
      'm.yaml:4:11: layers[0].rate must be < 1',
      'm.yaml:5:26: layers[1].units must be an integer, got the string "16"',
    ]);
  });

  it('gives YAML syntax errors their own line:col', () => {
    const { errors, value } = loadConfigText('inputShape: [28\nlayers: []\n', 'bad.yaml', schema);
    expect(value).toBeUndefined();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ keyword: 'syntax', file: 'bad.yaml', line: 2 });
    const dup = loadConfigText('inputShape: [28]\ninputShape: [3]\nlayers: []\n', 'dup.yaml', schema);
    expect(dup.errors[0]).toMatchObject({ keyword: 'duplicate', line: 2, column: 1 });
    expect(dup.errors[0]?.message).toBe('the key inputShape appears twice in one mapping; each key may appear once');
  });

  it("names a syntax error's cause by the YAML parser's code and shows the line it stopped at, a caret under the column", () => {
    const { errors } = loadConfigText('lab: lab5\nhiggs:\n  models:\n   giant: {layers: [}\n', 'bad.yaml', schema);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.params?.code).toMatch(/^[A-Z_]+$/);
    const [, source, caret] = formatIssue(errors[0]!).split('\n');
    expect(source).toBe('  4 |    giant: {layers: [}');
    expect(caret?.indexOf('^')).toBe('  4 | '.length + errors[0]!.column - 1);
    // A tab stays a tab under the caret's line, so the caret lands under the character in any terminal.
    expect(loadConfigText('a:\n\t- b\n', 'tab.yaml', schema).errors[0]).toMatchObject({ params: { code: 'TAB_AS_INDENT' } });
    expect(sourceExcerpt('\tkey: [', 1, 8)).toBe('  1 | \tkey: [\n    | \t      ^');
    // A minified line is cut around the column.
    const long = sourceExcerpt(`${'x'.repeat(300)}!`, 1, 301)!.split('\n');
    expect(long[0]!.length).toBeLessThan(100);
    expect(long[1]!.indexOf('^')).toBe(long[0]!.indexOf('!'));
  });

  it("gives the loader's own refusals their parts, to be said in another language", () => {
    expect(loadConfigText('a: 1\n', 'big.yaml', schema, { maxBytes: 2 }).errors[0]).toMatchObject({ keyword: 'size', params: { bytes: '5', max: '2' } });
    expect(loadConfigText('a: [[[1]]]\n', 'deep.yaml', schema, { maxDepth: 2 }).errors[0]).toMatchObject({ keyword: 'depth', params: { max: '2' } });
    expect(loadConfigText('a: &x [1]\nb: [*x, *x, *x]\n', 'alias.yaml', schema, { maxAliasCount: 1 }).errors[0]).toMatchObject({ keyword: 'alias', params: { max: '1' } });
  });

  it('gives JSON syntax errors line:col and locates schema errors in JSON', () => {
    const bad = loadConfigText('{\n  "inputShape": [28],\n  "layers": []\n  "name": "x"\n}\n', 'm.json', schema);
    expect(bad.errors[0]).toMatchObject({ keyword: 'syntax', line: 4, column: 3 });
    expect(bad.errors[0]?.message).toBe("invalid JSON: Expected ',' or '}' after property value");
    // YAML would read `{"a": }` as a null; JSON must not.
    expect(loadConfigText('{"inputShape": }', 'm.json', schema).errors[0]?.keyword).toBe('syntax');
    const wrong = loadConfigText('{\n  "inputShape": [28],\n  "layers": [{"type": "Dense", "units": 0}]\n}', 'm.json', schema);
    expect(wrong.errors.map(formatIssue)).toEqual(['m.json:3:41: layers[0].units must be >= 1']);
  });

  it('turns a YAML alias bomb and an oversized file into clean errors', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]',
      'f: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]',
    ].join('\n');
    const { errors } = loadConfigText(bomb, 'bomb.yaml', schema);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.keyword).toBe('alias');
    const big = loadConfigText(`name: "${'x'.repeat(2000)}"`, 'big.yaml', schema, { maxBytes: 1000 });
    expect(big.errors[0]).toMatchObject({ keyword: 'size', message: 'file is 2008 bytes; the limit is 1000' });
  });

  it('validates against draft 2020-12 schemas too', () => {
    const s2020 = { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', properties: { mode: { enum: ['train', 'grade'] } } };
    expect(loadConfigText('mode: grate\n', 'c.yaml', s2020).errors[0]).toMatchObject({ line: 1, column: 7, suggestion: 'grade' });
  });
});

describe('loadConfigFile', () => {
  it('reads a file and reports an unreadable one as an issue', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fitcheck-config-'));
    const file = join(dir, 'm.yaml');
    writeFileSync(file, 'inputShape: [4]\nlayers: [{type: Flatten}]\n');
    expect((await loadConfigFile(file, schema)).value).toEqual({ inputShape: [4], layers: [{ type: 'Flatten' }] });
    const missing = await loadConfigFile(join(dir, 'none.yaml'), schema);
    expect(missing.errors[0]).toMatchObject({ keyword: 'read', line: 1, column: 1 });
    expect(missing.errors[0]?.message).toBe(`${join(dir, 'none.yaml')} does not exist`);
  });

  it('refuses a UTF-16 file and a binary one at the first NUL byte, echoing neither', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fitcheck-config-'));
    const utf16 = join(dir, 'utf16.yaml');
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('inputShape: [4]\n'.repeat(500), 'utf16le')]));
    const refused = await loadConfigFile(utf16, schema);
    expect(refused.errors).toEqual([expect.objectContaining({ keyword: 'read', line: 1, column: 1, message: `${utf16} is UTF-16 text` })]);
    const binary = join(dir, 'binary.yaml');
    writeFileSync(binary, Buffer.from('inputShape: [4]\nlay\u0000ers: []\n'));
    expect((await loadConfigFile(binary, schema)).errors[0]).toMatchObject({ line: 2, column: 4, message: `${binary} holds a NUL byte: it is binary, or text in UTF-16` });
  });
});

describe('loadConfigText keeps its answer small and exact', () => {
  it('refuses a JSON document that gives one key twice, at the second', () => {
    const { errors } = loadConfigText('{\n  "inputShape": [4],\n  "layers": [],\n  "inputShape": [8]\n}\n', 'm.json', schema);
    expect(errors.map(formatIssue)).toEqual(['m.json:4:3: the key "inputShape" appears twice in one mapping; each key may appear once\n  4 |   "inputShape": [8]\n    |   ^']);
    expect(errors[0]?.params).toEqual({ key: '"inputShape"' });
  });

  it('lists at most 50 problems and counts the rest', () => {
    const layers = Array.from({ length: 400 }, () => '  - {type: Dense, units: 1, unit: 1}').join('\n');
    const { errors } = loadConfigText(`inputShape: [4]\nlayers:\n${layers}\n`, 'm.yaml', schema);
    expect(errors).toHaveLength(51);
    expect(errors[50]).toMatchObject({ keyword: 'more', message: 'and 350 more problems not listed here: fix these first', line: 53 });
  });

  it('quotes at most 80 characters of a wrong value', () => {
    const { errors } = loadConfigText(`"${'a'.repeat(5000)}"`, 'm.yaml', schema);
    expect(errors[0]?.message).toBe(`the document must be an object, got the string "${'a'.repeat(80)}… (5000 characters)"`);
  });
});

describe('loadConfigText on non-finite numbers', () => {
  it("names YAML's .nan and .inf for what they are", () => {
    const schema = { type: 'object', properties: { l2: { type: 'number' }, l1: { type: 'number' } } } as const;
    const { errors } = loadConfigText('l2: .nan\nl1: -.inf\n', 'x.yaml', schema);
    expect(errors.map((e) => `${e.line}:${e.column}: ${e.message}`)).toEqual([
      '1:5: l2 must be a finite number, got NaN',
      '2:5: l1 must be a finite number, got -Infinity',
    ]);
  });
});
