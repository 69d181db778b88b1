import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FILE_ERROR, loadConfigText, type FileErrorCode } from '@fitcheck/core';
import type { ErrorCode } from 'yaml';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../lab/paths.js';
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
