import { CORE_ERRORS, OWNERS } from '@fitcheck/core';
import { DATA_ERRORS } from '@fitcheck/datasets';
import { describe, expect, it } from 'vitest';
import { faultOf, GRADER_ERRORS, GraderError, ownerOf } from './errors.js';
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
    expect(faultOf(new GraderError('INVALID_FLAG', '--seed x', {}, 'a number'))).toEqual({ code: 'INVALID_FLAG', owner: 'lab', message: '--seed x', hint: 'a number' });
    expect(faultOf(new TypeError('x is undefined'))).toEqual({ code: 'INTERNAL_ERROR', owner: 'grader', message: 'x is undefined' });
  });
});
