import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FitcheckError, isFitcheckError, parseModelSpec, readTextFile } from '@fitcheck/core';
import { describe, expect, it } from 'vitest';
import { GraderError } from '../errors.js';
import { errorLine } from './error-line.js';
import { renderText, text, type Text } from './text.js';
import { loadMessages } from './locale.js';

const pt = loadMessages('pt-BR');

/** What the real `readTextFile` throws for `path`. */
async function readError(path: string): Promise<FitcheckError<string>> {
  const e: unknown = await readTextFile(path, { maxBytes: 1024 }).then(() => undefined, (x: unknown) => x);
  if (!isFitcheckError(e)) throw new Error(`expected a FitcheckError for ${path}, got ${String(e)}`);
  return e;
}

describe('errorLine', () => {
  it('says a missing lab5.yaml in pt-BR, file first, instead of English and an English "fix:"', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'fitcheck-file-error-')), 'lab5.yaml');
    const e = await readError(file);
    expect(e.code).toBe('FILE_NOT_FOUND');
    expect(errorLine(e, pt)).toBe(`${file}:1:1: ${file} não existe, ou é um link para nada que se possa ler`);
  });

  it('says a folder where a keras .json should be in pt-BR, with its fix', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'fitcheck-file-error-')), 'model.json');
    await mkdir(file);
    expect(errorLine(await readError(file), pt)).toBe(
      `${file}:1:1: ${file} não é um arquivo comum (uma pasta, um link, um FIFO ou um dispositivo): troque-o pelo próprio arquivo`,
    );
  });

  it('says a grader error by its words in pt-BR, its place and fix label too, and in English as its message', () => {
    const e = new GraderError('OUT_NOT_A_FOLDER', text('cli.usageUnknownLang', { value: 'xx' }), { file: 'out', row: 3 }, text('cli.usageOneOf', { values: 'en, pt-BR' }));
    expect(errorLine(e, pt)).toBe('out linha 3: --lang xx: idioma desconhecido\n  como corrigir: use um destes: en, pt-BR');
    expect(errorLine(e, loadMessages('en'))).toBe(e.describe());
    expect(e.message).toBe('--lang xx: unknown language');
  });

  it("says each config issue of a lab's error in pt-BR", () => {
    const issue = { keyword: 'required', instancePath: '', message: "must have required property 'id'", params: { path: '', key: 'id' }, file: 'lab.yaml', line: 1, column: 1 };
    const e = new GraderError('INVALID_LAB', [issue]);
    expect(e.message).toBe("lab.yaml:1:1: must have required property 'id'");
    expect(errorLine(e, pt)).toMatch(/^lab\.yaml:1:1: .*"id"/);
    expect(errorLine(e, pt)).not.toContain('must have');
  });

  it("says core's INVALID_MODEL_SPEC issue by issue in pt-BR, with its fix; its English fix is the locale's", () => {
    let e: unknown;
    try {
      parseModelSpec('name: m\nlayerz: []\n', 'm.yaml');
    } catch (x) {
      e = x;
    }
    if (!isFitcheckError(e)) throw new Error('expected INVALID_MODEL_SPEC');
    expect(e.code).toBe('INVALID_MODEL_SPEC');
    expect(renderText(loadMessages('en'), e.words!.hint as Text)).toBe(e.hint);
    const lines = errorLine(e, pt).split('\n');
    expect(lines).toContain('m.yaml:2:1: documento (raiz): chave desconhecida "layerz"; as permitidas são: "$schema", "name", "inputShape", "layers" (você quis dizer "layers"?)');
    expect(lines.at(-1)).toBe('  como corrigir: as chaves permitidas estão em packages/core/schemas/model-spec.schema.json');
  });

  it('leaves an error without words (a library\'s message) in its own English', () => {
    const e = new FitcheckError<string>('CHART_FAILED', 'a report chart failed to render: boom');
    expect(errorLine(e, pt)).toBe('a report chart failed to render: boom');
  });
});
