import { OWNERS } from '@fitcheck/core/errors';
import { describe, expect, it } from 'vitest';
import { DATA_ERRORS, DataError } from './error-codes.js';

describe("datasets' error codes", () => {
  it('gives every code an owner, and raises them as FitcheckErrors', () => {
    for (const owner of Object.values(DATA_ERRORS)) expect(OWNERS).toContain(owner);
    const e = new DataError('DATA_FILE_NOT_FOUND', 'no such data file', { file: 'x.csv' }, 'check the path');
    expect(e).toMatchObject({ name: 'FitcheckError', code: 'DATA_FILE_NOT_FOUND' });
    expect(DATA_ERRORS[e.code]).toBe('environment');
  });
});
