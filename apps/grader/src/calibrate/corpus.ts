import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv, type JSONSchemaType } from 'ajv';
import { parse } from 'yaml';
import { REPO_ROOT } from '../lab/paths.js';

/** What a calibration submission is for, per autograded rubric item. */
export type Expectation = 'pass' | 'fail' | 'borderline';

export interface CorpusEntry {
  name: string;
  dir: string;
  /** Also graded with the slow final profiles (ci). */
  ci: boolean;
  /** Rubric item number → what the item must score (items not listed are measured, not judged). */
  expect: Record<string, Expectation>;
}

interface Manifest {
  [name: string]: { ci?: boolean; pass?: string[]; fail?: string[]; borderline?: string[] };
}

const schema: JSONSchemaType<Manifest> = {
  type: 'object',
  required: [],
  additionalProperties: {
    type: 'object',
    additionalProperties: false,
    properties: {
      ci: { type: 'boolean', nullable: true },
      pass: { type: 'array', items: { type: 'string' }, nullable: true },
      fail: { type: 'array', items: { type: 'string' }, nullable: true },
      borderline: { type: 'array', items: { type: 'string' }, nullable: true },
    },
  },
};

/** `fixtures/calibration/`: one folder per submission, `corpus.yaml` saying what each is for. */
export const CORPUS_DIR: string = join(REPO_ROOT, 'fixtures', 'calibration');

/** The corpus as `corpus.yaml` lists it, each submission's folder resolved. */
export async function loadCorpus(dir: string = CORPUS_DIR): Promise<CorpusEntry[]> {
  const file = join(dir, 'corpus.yaml');
  const manifest: unknown = parse(await readFile(file, 'utf8'));
  const validate = new Ajv({ allErrors: true }).compile(schema);
  if (!validate(manifest)) throw new Error(`${file}: ${validate.errors?.map((e) => `${e.instancePath} ${e.message}`).join('; ')}`);
  return Object.entries(manifest).map(([name, m]) => {
    const expect: Record<string, Expectation> = {};
    for (const kind of ['pass', 'fail', 'borderline'] as const) for (const item of m[kind] ?? []) expect[item] = kind;
    return { name, dir: join(dir, name), ci: m.ci ?? false, expect };
  });
}
