import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv, type JSONSchemaType } from 'ajv';
import { parse } from 'yaml';
import { GraderError } from '../errors.js';
import { REPO_ROOT } from '../lab/paths.js';
import type { Lab } from '../lab/types.js';
import { text } from '../messages/text.js';

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
  [name: string]: { dir?: string; ci?: boolean; pass?: string[]; fail?: string[]; borderline?: string[] };
}

const schema: JSONSchemaType<Manifest> = {
  type: 'object',
  required: [],
  additionalProperties: {
    type: 'object',
    additionalProperties: false,
    properties: {
      dir: { type: 'string', nullable: true },
      ci: { type: 'boolean', nullable: true },
      pass: { type: 'array', items: { type: 'string' }, nullable: true },
      fail: { type: 'array', items: { type: 'string' }, nullable: true },
      borderline: { type: 'array', items: { type: 'string' }, nullable: true },
    },
  },
};

/**
 * The lab's calibration corpus folder (`submission.calibration` of lab.yaml): one folder per
 * submission, `corpus.yaml` saying what each is for.
 * @throws GraderError `INVALID_FLAG` for a lab that names none.
 */
export function corpusDir(lab: Lab): string {
  const dir = lab.definition.submission.calibration;
  if (dir === undefined) {
    throw new GraderError('INVALID_FLAG', text('errLab.noCorpus', { lab: lab.definition.id }), { file: join(lab.dir, 'lab.yaml') }, text('errLab.noCorpusHint'));
  }
  return join(REPO_ROOT, dir);
}

/** The corpus as `corpus.yaml` lists it, each submission's folder resolved (its `dir`, relative to the corpus, else its name). */
export async function loadCorpus(dir: string): Promise<CorpusEntry[]> {
  const file = join(dir, 'corpus.yaml');
  const manifest: unknown = parse(await readFile(file, 'utf8'));
  const validate = new Ajv({ allErrors: true }).compile(schema);
  if (!validate(manifest)) throw new Error(`${file}: ${validate.errors?.map((e) => `${e.instancePath} ${e.message}`).join('; ')}`);
  return Object.entries(manifest).map(([name, m]) => {
    const expect: Record<string, Expectation> = {};
    for (const kind of ['pass', 'fail', 'borderline'] as const) for (const item of m[kind] ?? []) expect[item] = kind;
    return { name, dir: join(dir, m.dir ?? name), ci: m.ci ?? false, expect };
  });
}
