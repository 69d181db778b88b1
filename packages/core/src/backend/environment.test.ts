import { describe, expect, it } from 'vitest';
import { backendEnvironment } from './environment.js';

describe('backendEnvironment', () => {
  it('reads what the variables ask for; unset and empty ask for nothing', () => {
    expect(backendEnvironment({})).toEqual({});
    expect(backendEnvironment({ FITCHECK_THREADS: '', FITCHECK_BACKEND: ' ' })).toEqual({});
    expect(backendEnvironment({ FITCHECK_BACKEND: 'wasm', FITCHECK_THREADS: ' 2 ', FITCHECK_FAST_KERNELS: '0' }))
      .toEqual({ backend: 'wasm', threads: 2, fastKernels: false });
    expect(backendEnvironment({ FITCHECK_THREADS: 'auto', FITCHECK_FAST_KERNELS: 'true' })).toEqual({ threads: 'auto', fastKernels: true });
    expect(backendEnvironment({ FITCHECK_FUSED_STEP: '0' })).toEqual({ fusedStep: false });
    expect(backendEnvironment({ FITCHECK_FUSED_STEP: '1' })).toEqual({ fusedStep: true });
  });

  it.each([
    ['FITCHECK_THREADS', 'abc'], ['FITCHECK_THREADS', '0'], ['FITCHECK_THREADS', '-1'], ['FITCHECK_THREADS', '2.5'],
    ['FITCHECK_BACKEND', 'webgpu'], ['FITCHECK_FAST_KERNELS', 'yes'], ['FITCHECK_FUSED_STEP', 'off'],
  ])('refuses %s=%s with the variable named and how to fix it', (name, value) => {
    expect(() => backendEnvironment({ [name]: value })).toThrow(expect.objectContaining({
      code: 'INVALID_ENVIRONMENT', place: { key: name }, hint: expect.stringContaining(`or unset ${name}`),
    }));
  });
});
