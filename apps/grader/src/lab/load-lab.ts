import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { loadConfigFile, pointerPosition } from '@fitcheck/core';
import type { ConfigIssue } from '@fitcheck/core';
import type { AnySchemaObject } from 'ajv';
import { DATASET_KINDS, datasetKind } from '../datasets/index.js';
import { LABS_DIR } from './paths.js';
import { rubricSchema } from './rubric-schema.js';
import { graderSchema } from './schemas.js';
import type { Lab, LabDefinition, Rubric } from './types.js';
import { GraderError } from '../errors.js';
import { loadMessages, translate } from '../messages/locale.js';
import { text } from '../messages/text.js';

/** Said with every lab problem: the instructor's files are wrong, not a student's. */
const LAB_HINT = text('errLab.labHint');

/**
 * Reads a lab folder's `lab.yaml` and `rubric.yaml` and validates both: lab.yaml against its schema,
 * then rubric.yaml against the schema derived from the rubric checks (`rubricSchema`: check names,
 * each check's parameters, the models, datasets and answers they name), then the two against each
 * other. `ref` is a lab id (a folder name under `labsDir`) or a path to a lab folder (`./my-lab`,
 * anything with a `/`).
 *
 * @throws GraderError `INVALID_LAB` with every issue as `file:line:col: message`.
 */
export async function loadLab(ref: string, labsDir: string = LABS_DIR): Promise<Lab> {
  const dir = labDir(ref, labsDir);
  const labFile = join(dir, 'lab.yaml');
  const rubricFile = join(dir, 'rubric.yaml');
  const definition = (await loadValid(labFile, labSchema())) as LabDefinition;
  // A lab's own submission schema lies beside its lab.yaml; else it is one of apps/grader/schemas/.
  const own = join(dir, definition.submission.schema);
  if (existsSync(own)) definition.submission.schema = own;
  const rubric = (await loadValid(rubricFile, schemaFor(definition, labFile))) as Rubric;
  const issues = [...(await labIssues(definition, labFile)), ...(await rubricIssues(definition, rubric, rubricFile))];
  if (issues.length > 0) throw invalid(issues);
  return { dir, definition, rubric };
}

/** lab.schema.json with its dataset `kind` enum taken from the registry of dataset kinds (`datasets/`). */
export function labSchema(): AnySchemaObject {
  const base = graderSchema('lab.schema.json');
  const definitions = base.definitions as Record<string, AnySchemaObject>;
  const dataset = definitions.dataset!;
  const properties = dataset.properties as Record<string, AnySchemaObject>;
  return {
    ...base,
    definitions: { ...definitions, dataset: { ...dataset, properties: { ...properties, kind: { ...properties.kind, enum: DATASET_KINDS.map((k) => k.name) } } } },
  };
}

function labDir(ref: string, labsDir: string): string {
  if (ref.includes('/') || isAbsolute(ref)) return resolve(ref);
  if (!/^[a-z0-9-]+$/.test(ref)) throw new GraderError('INVALID_LAB', text('errLab.labNotAnId', { ref }), {}, text('errLab.labNotAnIdHint'));
  return join(labsDir, ref);
}

async function loadValid(file: string, schema: AnySchemaObject): Promise<unknown> {
  const { value, errors } = await loadConfigFile(file, schema);
  if (errors.length > 0) throw invalid(errors);
  return value;
}

/** The rubric's schema needs the lab's submission schema (for its answer keys): a lab naming none that exists is the lab's fault. */
function schemaFor(definition: LabDefinition, labFile: string): AnySchemaObject {
  try {
    return rubricSchema(definition);
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    throw new GraderError('INVALID_LAB', text('errLab.labSubmissionSchema', { schema: definition.submission.schema, error }), { file: labFile }, LAB_HINT);
  }
}

// Each issue already starts with its `file:line:col`, so the error itself names no place; each is said in the reader's language.
function invalid(issues: readonly ConfigIssue[]): GraderError {
  return new GraderError('INVALID_LAB', issues, {}, LAB_HINT);
}

/**
 * lab.yaml against itself: every dataset gives the paths its kind requires, the models each profile
 * trains are student models, every model's dataset, every leaderboard model and every model or
 * dataset a report group matches exists, and report group ids are distinct.
 */
async function labIssues(lab: LabDefinition, file: string): Promise<ConfigIssue[]> {
  const problems: Problem[] = [];
  for (const [name, dataset] of Object.entries(lab.datasets)) {
    for (const path of datasetKind(dataset.kind)?.requires ?? []) {
      if (dataset[path] === undefined) problems.push({ at: `/datasets/${pointerKey(name)}`, code: 'labDatasetNeedsPath', params: { name, kind: dataset.kind, needs: path } });
    }
  }
  const seen = new Set<string>();
  (lab.report?.groups ?? []).forEach((group, i) => {
    if (seen.has(group.id)) problems.push({ at: `/report/groups/${i}/id`, code: 'labDuplicateGroup', params: { group: group.id } });
    seen.add(group.id);
    const { dataset, models = [] } = group.match;
    if (dataset !== undefined && !(dataset in lab.datasets)) problems.push({ at: `/report/groups/${i}/match/dataset`, code: 'labGroupUnknownDataset', params: { group: group.id, dataset } });
    models.forEach((model, j) => {
      if (!(model in lab.models) && !(model in lab.studentModels)) problems.push({ at: `/report/groups/${i}/match/models/${j}`, code: 'labGroupUnknownModel', params: { group: group.id, model } });
    });
    (group.references ?? []).forEach((model, j) => {
      if (!(model in lab.models)) problems.push({ at: `/report/groups/${i}/references/${j}`, code: 'labGroupNotReference', params: { group: group.id, model } });
    });
    if (group.baseline !== undefined && !(group.references ?? []).includes(group.baseline)) {
      problems.push({ at: `/report/groups/${i}/baseline`, code: 'labBaselineNotReference', params: { group: group.id, baseline: group.baseline } });
    }
  });
  for (const [name, profile] of Object.entries(lab.profiles)) {
    profile.train.forEach((key, i) => {
      if (!(key in lab.studentModels)) problems.push({ at: `/profiles/${name}/train/${i}`, code: 'labProfileTrainsNonStudent', params: { profile: name, model: key } });
    });
  }
  for (const [group, models] of [['models', lab.models], ['studentModels', lab.studentModels]] as const) {
    for (const [key, model] of Object.entries(models)) {
      if (!(model.dataset in lab.datasets)) problems.push({ at: `/${group}/${pointerKey(key)}/dataset`, code: 'labModelUnknownDataset', params: { model: key, dataset: model.dataset } });
    }
  }
  const gsProfile = lab.gradescope?.profile;
  if (gsProfile !== undefined && !(gsProfile in lab.profiles)) problems.push({ at: '/gradescope/profile', code: 'labGradescopeUnknownProfile', params: { profile: gsProfile } });
  (lab.leaderboard ?? []).forEach(({ model }, i) => {
    if (!(model in lab.models) && !(model in lab.studentModels)) problems.push({ at: `/leaderboard/${i}/model`, code: 'labLeaderboardUnknownModel', params: { model } });
  });
  return located(problems, file);
}

/** rubric.yaml against lab.yaml: a lab's rubric must be for that lab. */
async function rubricIssues(lab: LabDefinition, rubric: Rubric, file: string): Promise<ConfigIssue[]> {
  const problems: Problem[] = rubric.lab === lab.id ? [] : [{ at: '/lab', code: 'labRubricForOtherLab', params: { rubricLab: rubric.lab, lab: lab.id } }];
  return located(problems, file);
}

interface Problem {
  /** JSON pointer to the offending value. */
  at: string;
  /** Its sentence, `issue.code.<code>` of the locales (`labXxx`), filled from `params`. */
  code: string;
  params: Record<string, string>;
}

async function located(problems: Problem[], file: string): Promise<ConfigIssue[]> {
  if (problems.length === 0) return [];
  const source = await readFile(file, 'utf8');
  // The English message is the en locale's sentence, so `formatIssue` and `issueLine` say the same thing.
  const en = loadMessages('en');
  return problems.map(({ at, code, params }) => ({
    keyword: 'lab', instancePath: at, message: translate(en, `issue.code.${code}`, params), params: { code, ...params }, file, ...pointerPosition(source, at),
  }));
}

function pointerKey(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
