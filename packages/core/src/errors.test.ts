import { describe, expect, it } from 'vitest';
import { CORE_ERRORS, OWNERS, ownerIn } from './errors.js';

describe("core's error codes", () => {
  it('gives every code an owner', () => {
    for (const [code, owner] of Object.entries(CORE_ERRORS)) {
      expect(code).toMatch(/^[A-Z][A-Z0-9_]*$/);
      expect(OWNERS).toContain(owner);
    }
    expect(ownerIn(CORE_ERRORS, 'BACKEND_UNAVAILABLE')).toBe('environment');
    expect(ownerIn(CORE_ERRORS, 'toString')).toBeUndefined();
  });
});
