import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DATASET_KINDS } from '../../datasets/index.js';
import { RUBRIC_CHECKS } from './index.js';

/** Every value the non-test modules of a folder export, by file. */
async function exportsOf(folder: URL): Promise<[string, unknown][]> {
  const files = readdirSync(fileURLToPath(folder)).filter((f) => /\.ts$/.test(f) && !/\.test\.ts$|^index\.ts$/.test(f));
  const found: [string, unknown][] = [];
  for (const file of files) {
    const module = (await import(new URL(file, folder).href)) as Record<string, unknown>;
    for (const value of Object.values(module)) found.push([file, value]);
  }
  return found;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

// CONTRIBUTING's "one file" holds only if a check or a kind written and not registered fails here.
describe('the registries hold every module written for them', () => {
  it('every check a file of checks/rubric/ defines is in RUBRIC_CHECKS', async () => {
    const defined = (await exportsOf(new URL('./', import.meta.url)))
      .filter(([, v]) => isObject(v) && typeof v.name === 'string' && isObject(v.params) && typeof v.run === 'function');
    expect(defined.length).toBe(RUBRIC_CHECKS.length);
    for (const [file, check] of defined) expect(RUBRIC_CHECKS, file).toContain(check);
  });

  it('every dataset kind a file of datasets/ defines is in DATASET_KINDS', async () => {
    const defined = (await exportsOf(new URL('../../datasets/', import.meta.url)))
      .filter(([, v]) => isObject(v) && typeof v.name === 'string' && Array.isArray(v.requires) && typeof v.load === 'function');
    expect(defined.map(([file]) => file).sort()).toEqual(['cats.ts', 'higgs.ts']);
    for (const [file, kind] of defined) expect(DATASET_KINDS, file).toContain(kind);
  });
});
