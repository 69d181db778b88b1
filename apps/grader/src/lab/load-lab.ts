import { join } from 'node:path';
import { FitcheckError, formatIssue, loadConfigFile } from '@fitcheck/core';
import type { ConfigIssue } from '@fitcheck/core';
import { LABS_DIR } from './paths.js';
import { graderSchema } from './schemas.js';
import type { Lab, LabDefinition, Rubric } from './types.js';

/**
 * Reads `grading/labs/<id>/lab.yaml` and `rubric.yaml`, validates both against their schemas
 * and against each other (every model a rubric item names exists).
 *
 * @throws FitcheckError `INVALID_LAB` with every issue as `file:line:col: message`.
 */
export async function loadLab(id: string, labsDir: string = LABS_DIR): Promise<Lab> {
  if (!/^[a-z0-9-]+$/.test(id)) throw new FitcheckError('INVALID_LAB', `"${id}" is not a lab id`, {}, 'lab ids are like lab5');
  const dir = join(labsDir, id);
  const definition = (await loadValid(join(dir, 'lab.yaml'), 'lab.schema.json')) as LabDefinition;
  const rubric = (await loadValid(join(dir, 'rubric.yaml'), 'rubric.schema.json')) as Rubric;
  const problems = crossCheck(definition, rubric);
  if (problems.length > 0) {
    throw new FitcheckError('INVALID_LAB', problems.join('\n'), { file: join(dir, 'rubric.yaml') });
  }
  return { dir, definition, rubric };
}

async function loadValid(file: string, schema: string): Promise<unknown> {
  const { value, errors } = await loadConfigFile(file, graderSchema(schema));
  if (errors.length > 0) throw invalid(errors);
  return value;
}

function invalid(errors: readonly ConfigIssue[]): FitcheckError {
  const first = errors[0];
  return new FitcheckError('INVALID_LAB', errors.map(formatIssue).join('\n'), first ? { file: first.file } : {});
}

/** Model keys a rubric names must exist, and a lab's rubric must be for that lab. */
function crossCheck(lab: LabDefinition, rubric: Rubric): string[] {
  const problems: string[] = [];
  if (rubric.lab !== lab.id) problems.push(`rubric is for lab "${rubric.lab}", not "${lab.id}"`);
  const known = new Set([...Object.keys(lab.models), ...Object.keys(lab.studentModels)]);
  for (const item of rubric.items) {
    for (const key of ['model', 'baseline', 'moreCapacityThan'] as const) {
      const ref = item.with?.[key];
      if (ref !== undefined && !known.has(String(ref))) problems.push(`item ${item.number}: ${key} "${String(ref)}" is not a model of the lab`);
    }
  }
  for (const [name, profile] of Object.entries(lab.profiles)) {
    for (const key of profile.train) {
      if (!(key in lab.studentModels)) problems.push(`profile ${name}: trains "${key}", which is not a student model`);
    }
  }
  for (const [key, model] of Object.entries({ ...lab.models, ...lab.studentModels })) {
    if (!(model.dataset in lab.datasets)) problems.push(`model ${key}: unknown dataset "${model.dataset}"`);
  }
  return problems;
}
