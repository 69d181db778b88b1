import type { AnySchemaObject } from 'ajv';
import { CHECK_NAMES, RUBRIC_CHECKS } from '../checks/rubric/index.js';
import type { RubricCheck } from '../checks/types.js';
import { graderSchema } from './schemas.js';
import type { LabDefinition } from './types.js';

/**
 * The schema `loadLab` validates a rubric.yaml with, derived from the checks' own declarations:
 * the published `rubric.schema.json` with its `check` enum taken from the registry and, for each
 * check, an `if check = name then with: <the check's parameter schema>`, in which the parameters
 * that name a model, a dataset or an answer may only name one this lab has. So a misspelt check,
 * an unknown or ill-typed parameter (`modle: cats.small`) or a model the lab lacks is an issue at
 * its `rubric.yaml:line:col`, with the closest valid spelling.
 */
export function rubricSchema(lab: LabDefinition): AnySchemaObject {
  const base = graderSchema('rubric.schema.json');
  const items = base.properties.items as AnySchemaObject;
  const item = items.items as AnySchemaObject;
  const names = {
    models: [...Object.keys(lab.models), ...Object.keys(lab.studentModels)],
    datasets: Object.keys(lab.datasets),
    answers: answerKeys(lab),
  };
  return {
    ...base,
    properties: {
      ...base.properties,
      items: {
        ...items,
        items: {
          ...item,
          properties: { ...item.properties, check: { ...item.properties.check, enum: [...CHECK_NAMES] } },
          allOf: RUBRIC_CHECKS.map((check) => ({
            if: { properties: { check: { const: check.name } }, required: ['check'] },
            then: {
              properties: { with: withSchema(check, names) },
              ...((check.params.required as string[] | undefined)?.length ? { required: ['with'] } : {}),
            },
          })),
        },
      },
    },
  };
}

/** A check's parameter schema, its naming parameters restricted to the names the lab has. */
function withSchema(check: RubricCheck, names: { models: string[]; datasets: string[]; answers: string[] | undefined }): AnySchemaObject {
  const properties = { ...(check.params.properties as Record<string, AnySchemaObject>) };
  const restrict = (params: readonly string[], allowed: string[] | undefined): void => {
    if (allowed === undefined) return;
    for (const p of params) properties[p] = { type: 'string', enum: allowed };
  };
  restrict(check.modelParams, names.models);
  restrict(check.datasetParams, names.datasets);
  restrict(check.answerParams, names.answers);
  return { ...check.params, properties };
}

/** The answers a submission of this lab can hold (`answers.<key>` in its schema), when its schema lists them. */
function answerKeys(lab: LabDefinition): string[] | undefined {
  const answers = (graderSchema(lab.submission.schema).properties as Record<string, AnySchemaObject> | undefined)?.answers;
  const properties = answers?.properties as Record<string, unknown> | undefined;
  return properties ? Object.keys(properties) : undefined;
}
