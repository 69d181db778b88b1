import { entries } from '@fitcheck/core';
import type { AnySchemaObject, JSONSchemaType } from 'ajv';
import type { Finding, FindingCode } from '../findings/types.js';
import type { Line } from '../messages/text.js';
import type { RubricItem } from '../lab/types.js';
import type { RunFacts } from './facts.js';

/**
 * How a check scored one rubric item: one Gradescope `tests[]` entry.
 * - `passed` / `failed`: decided from the run, `score` out of the item's points.
 * - `pending`: a manual item waiting for the TA; it has no score until an override gives one.
 * - `undecided`: the run cannot support a verdict on part of the item; that part costs no points
 *   (`score` is what the check gives) and the item is flagged for the TA, whose run decides.
 */
export interface CheckOutcome {
  score: number;
  status: ItemStatus;
  /** What the check saw, as sentences to show in the reader's language (Gradescope `output`). */
  lines: Line[];
  findings: Finding[];
  /** Models whose runs with the profile's further seeds could decide an undecided verdict (`decide`). */
  moreSeeds?: string[];
}

export const ITEM_STATUSES = ['passed', 'failed', 'pending', 'undecided'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** A rubric item as its check reads it: `with` already validated against the check's parameter schema. */
export type CheckedItem<P> = Omit<RubricItem, 'with'> & { with: P };

/**
 * One rubric check, as its file declares it (the way an ajv keyword declares its schema type):
 * `params` is the JSON Schema of the item's `with` (ajv's `JSONSchemaType`, so the schema and
 * the `P` the check reads cannot drift apart; an optional parameter is `nullable`, and a null is
 * read as absent). The parameters listed in `modelParams`, `datasetParams` and `answerParams` name
 * a model, a dataset or an answer of the lab: `loadLab` refuses a rubric whose values there are
 * not, at their `file:line:col`, before any student is graded.
 */
export interface CheckDefinition<P> {
  /** The name a rubric.yaml uses (`check: valid-model`). */
  name: string;
  params: JSONSchemaType<P>;
  modelParams: readonly (keyof P & string)[];
  datasetParams?: readonly (keyof P & string)[];
  answerParams?: readonly (keyof P & string)[];
  /** Every finding code the check may emit (its own and those of the helpers it calls). */
  findings: readonly FindingCode[];
  /**
   * Model parameters whose training may stop as soon as the run shows what the check asks of it
   * (`overfitting`: a rise beyond noise that more epochs cannot undo). A model stops early only
   * when every item that names it allows it.
   */
  settles?: Partial<Record<keyof P & string, SettleRule>>;
  /** Pure: the same facts and item give the same outcome. */
  run(facts: RunFacts, item: CheckedItem<P>): CheckOutcome;
}

/** What a run may stop on (`trainModel`'s `settle`). */
export type SettleRule = 'overfitting';

/** A check as the registry holds it: the same declaration, its parameters no longer typed. */
export interface RubricCheck {
  name: string;
  params: AnySchemaObject;
  modelParams: readonly string[];
  datasetParams: readonly string[];
  answerParams: readonly string[];
  findings: readonly FindingCode[];
  settles: Readonly<Record<string, SettleRule>>;
  run(facts: RunFacts, item: RubricItem): CheckOutcome;
}

const checks = entries<RubricCheck>();

/**
 * Declares a rubric check. Its `run` receives the item's `with` as `P`: `loadLab` validated every
 * item against `params` (see `rubricSchema`), which is what makes that cast sound.
 */
export function defineCheck<P>(definition: CheckDefinition<P>): RubricCheck {
  const { run, datasetParams = [], answerParams = [], settles = {}, ...rest } = definition;
  const check: RubricCheck = {
    ...rest,
    settles: settles as Record<string, SettleRule>,
    params: definition.params as AnySchemaObject,
    datasetParams,
    answerParams,
    run: (facts, item) => run(facts, { ...item, with: (item.with ?? {}) as P }),
  };
  return checks.add(check);
}

/** Whether a value is a check `defineCheck` declared (the registry collects exactly these). */
export const isRubricCheck = checks.is;
