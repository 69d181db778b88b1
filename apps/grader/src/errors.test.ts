import { CORE_ERRORS, OWNERS } from '@fitcheck/core';
import { DATA_ERRORS, DataError } from '@fitcheck/datasets';
import { describe, expect, it } from 'vitest';
import { asDataInputError, faultOf, GRADER_ERRORS, GraderError, ownerOf } from './errors.js';
import { errorLine } from './messages/error-line.js';
import { loadMessages } from './messages/locale.js';
import { text } from './messages/text.js';
import { FINDINGS } from './findings/types.js';

describe('error and finding codes', () => {
  it('each have one owner, the same in every registry that has the code', () => {
    const registries: Readonly<Record<string, string>>[] = [FINDINGS, GRADER_ERRORS, CORE_ERRORS, DATA_ERRORS];
    for (const registry of registries) {
      for (const [code, owner] of Object.entries(registry)) {
        expect(OWNERS).toContain(owner);
        expect(ownerOf(code), code).toBe(owner);
      }
    }
    // A core error that becomes a finding keeps its owner (a shape mismatch is the student's either way).
    expect([CORE_ERRORS.SHAPE_MISMATCH, FINDINGS.SHAPE_MISMATCH]).toEqual(['submission', 'submission']);
  });

  it('are owned as the grader meets them', () => {
    expect(ownerOf('SIGMOID_WITH_LOGITS_LOSS')).toBe('submission');
    expect(ownerOf('MEMORY_BUDGET_EXCEEDED')).toBe('submission');
    expect(ownerOf('INVALID_LAB')).toBe('lab');
    expect(ownerOf('BACKEND_UNAVAILABLE')).toBe('environment');
    expect(ownerOf('TRAINING_CRASHED')).toBe('environment');
    expect(ownerOf('DATA_CHECKSUM_MISMATCH')).toBe('environment');
    expect(ownerOf('RUBRIC_CHECK_FAILED')).toBe('grader');
    // A code no registry has should not exist: its owner is the grader.
    expect(ownerOf('NO_SUCH_CODE')).toBe('grader');
  });

  it('turn anything thrown into a fault with an owner', () => {
    const flag = new GraderError('INVALID_SHARD', text('cli.usageNotShard', { value: 'x' }), {}, text('cli.usageShardFix'));
    expect(faultOf(flag)).toEqual({ code: 'INVALID_SHARD', owner: 'lab', message: '"x" is not a shard', hint: 'write --shard I/N with 1 ≤ I ≤ N, e.g. --shard 2/4' });
    expect(faultOf(new TypeError('x is undefined'))).toEqual({ code: 'INTERNAL_ERROR', owner: 'grader', message: 'x is undefined' });
  });
});

describe('asDataInputError', () => {
  const pt = loadMessages('pt-BR');

  it('keeps a datasets error\'s words, place and English, as BAD_DATA_FILE', () => {
    const words = { message: { key: 'errLab.outOfSpace', params: { path: 'x.csv' } }, hint: { key: 'errLab.outOfSpaceHint' } };
    const e = asDataInputError(new DataError('DATA_FILE_NOT_FOUND', 'no space left on the disk to write x.csv', { file: 'x.csv' }, 'free some space, or pass an --out on another disk', words)) as GraderError;
    expect(e).toMatchObject({ code: 'BAD_DATA_FILE', place: { file: 'x.csv' }, message: 'no space left on the disk to write x.csv', words });
    expect(errorLine(e, pt)).toBe('x.csv: não há espaço livre no disco para gravar x.csv\n  como corrigir: libere espaço ou indique um --out em outro disco');
  });

  it('wraps a datasets error without words in a sentence of the reader\'s language; its English unchanged', () => {
    const e = asDataInputError(new DataError('DATA_NOT_NUMERIC', 'column 12: expected a number', { file: 'a.csv', row: 2 }, 'fix the file')) as GraderError;
    expect(e).toMatchObject({ code: 'BAD_DATA_FILE', message: 'column 12: expected a number', hint: 'fix the file' });
    expect(errorLine(e, pt)).toBe('a.csv linha 2: arquivo de dados inválido: column 12: expected a number\n  como corrigir: fix the file');
    const other = new TypeError('x');
    expect(asDataInputError(other)).toBe(other);
  });
});
