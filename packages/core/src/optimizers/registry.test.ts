import { describe, expect, it } from 'vitest';
import { exportsOf } from '../test-helpers/exports-of.js';
import { OPTIMIZERS } from './index.js';

// "One file" holds only if an optimizer module written and not registered fails here.
describe('OPTIMIZERS holds every optimizer module of optimizers/', () => {
  it('each exported { type, defaultLearningRate, create } of a file is registered', async () => {
    const defined = (await exportsOf(new URL('./', import.meta.url))).filter(([, value]) => {
      const v = value as Record<string, unknown> | null;
      return typeof v === 'object' && v !== null && typeof v.type === 'string' && typeof v.defaultLearningRate === 'number' && typeof v.create === 'function';
    });
    expect(defined.map(([file]) => file).sort()).toEqual(['adam.ts', 'rmsprop.ts', 'sgd.ts']);
    for (const [file, module] of defined) expect(OPTIMIZERS as readonly unknown[], file).toContain(module);
  });
});
