import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { OPTIMIZERS } from './index.js';

// "One file" holds only if an optimizer module written and not registered fails here.
describe('OPTIMIZERS holds every optimizer module of optimizers/', () => {
  it('each exported { type, defaultLearningRate, create } of a file is registered', async () => {
    const folder = new URL('./', import.meta.url);
    const files = readdirSync(fileURLToPath(folder)).filter((f) => /\.ts$/.test(f) && !/\.test\.ts$|^index\.ts$/.test(f));
    const defined: [string, unknown][] = [];
    for (const file of files) {
      const module = (await import(new URL(file, folder).href)) as Record<string, unknown>;
      for (const value of Object.values(module)) {
        const v = value as Record<string, unknown> | null;
        if (typeof v === 'object' && v !== null && typeof v.type === 'string' && typeof v.defaultLearningRate === 'number' && typeof v.create === 'function') defined.push([file, v]);
      }
    }
    expect(defined.map(([file]) => file).sort()).toEqual(['adam.ts', 'rmsprop.ts', 'sgd.ts']);
    for (const [file, module] of defined) expect(OPTIMIZERS as readonly unknown[], file).toContain(module);
  });
});
