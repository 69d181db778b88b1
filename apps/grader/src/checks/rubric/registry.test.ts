import { cpSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { isDatasetKind } from '../../datasets/dataset-kind.js';
import { DATASET_KINDS } from '../../datasets/index.js';
import { isRubricCheck } from '../types.js';
import type * as LoadLabModule from '../../lab/load-lab.js';
import type * as RubricSchemaModule from '../../lab/rubric-schema.js';
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

/**
 * A copy of the grader beside it (`apps/.registry-test-…/`, at the depth its paths to the repository
 * assume): its sources without tests, and links to its schemas, locales, templates and node_modules.
 */
const GRADER = fileURLToPath(new URL('../../../', import.meta.url));
const copies: string[] = [];
afterAll(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

function copyOfGrader(): string {
  const dir = mkdtempSync(join(GRADER, '..', '.registry-test-'));
  copies.push(dir);
  cpSync(join(GRADER, 'src'), join(dir, 'src'), { recursive: true, filter: (from) => !from.endsWith('.test.ts') });
  for (const linked of ['schemas', 'locales', 'templates', 'node_modules', 'package.json']) symlinkSync(join(GRADER, linked), join(dir, linked));
  return join(dir, 'src');
}

// CONTRIBUTING's "a check is one file" holds only if writing the file is all it takes.
describe('the registries hold every module written for them', () => {
  it('every check a file of checks/rubric/ defines is in RUBRIC_CHECKS, under its file\'s name', async () => {
    const defined = (await exportsOf(new URL('./', import.meta.url))).filter(([, v]) => isRubricCheck(v));
    expect(defined.length).toBe(RUBRIC_CHECKS.length);
    for (const [file, check] of defined) {
      expect(RUBRIC_CHECKS, file).toContain(check);
      expect(`${(check as { name: string }).name}.ts`).toBe(file);
    }
  });

  it('a check file added to checks/rubric/ is registered, no list touched', async () => {
    const src = copyOfGrader();
    writeFileSync(join(src, 'checks', 'rubric', 'always-full.ts'), `import { defineCheck } from '../types.js';
export const alwaysFull = defineCheck<{ model: string }>({
  name: 'always-full',
  params: { type: 'object', additionalProperties: false, required: ['model'], properties: { model: { type: 'string' } } },
  modelParams: ['model'],
  findings: ['MISSING_ITEM'],
  run: (_facts, item) => ({ score: item.points, status: 'passed', lines: [], findings: [] }),
});
`);
    const copy = (await import(join(src, 'checks', 'rubric', 'index.ts'))) as { CHECK_NAMES: string[] };
    expect(copy.CHECK_NAMES).toEqual([...RUBRIC_CHECKS.map((c) => c.name), 'always-full'].sort());
    const { rubricSchema } = (await import(join(src, 'lab', 'rubric-schema.ts'))) as typeof RubricSchemaModule;
    const { loadLab } = (await import(join(src, 'lab', 'load-lab.ts'))) as typeof LoadLabModule;
    const schema = rubricSchema((await loadLab('lab5')).definition) as { properties: { items: { items: { properties: { check: { enum: string[] } } } } } };
    expect(schema.properties.items.items.properties.check.enum).toContain('always-full');
  });

  it('every dataset kind a file of datasets/ defines is in DATASET_KINDS, under its file\'s name', async () => {
    const defined = (await exportsOf(new URL('../../datasets/', import.meta.url))).filter(([, v]) => isDatasetKind(v));
    expect(defined.map(([file]) => file).sort()).toEqual(['cats.ts', 'higgs.ts']);
    for (const [file, kind] of defined) {
      expect(DATASET_KINDS, file).toContain(kind);
      expect(`${(kind as { name: string }).name}.ts`).toBe(file);
    }
  });
});
