import { isFitcheckError, learningRateOf, learningRateSchedule } from '@fitcheck/core';
import type { ConfigIssue, OptimizerSpec } from '@fitcheck/core';
import { issueAt, type ModelPlace } from './place.js';

/**
 * What the schema cannot say about a model's optimizer: a schedule whose parts disagree (a
 * PiecewiseConstantDecay with as many values as boundaries, boundaries not ascending). Core refuses
 * it when training starts, as the grader's own error; caught here, it is the student's, at its
 * `file:line:col`.
 */
export function optimizerIssues(optimizer: OptimizerSpec | undefined, place: Pick<ModelPlace, 'file' | 'text' | 'pointer'>): ConfigIssue[] {
  if (optimizer === undefined) return [];
  try {
    learningRateSchedule(learningRateOf(optimizer));
    return [];
  } catch (e) {
    if (!isFitcheckError(e)) throw e;
    const key = typeof e.place.key === 'string' ? e.place.key : 'learningRate';
    return [issueAt(place, `${place.pointer}/optimizer/learningRate`, e.message, 'optimizer', { code: 'BAD_SCHEDULE', key })];
  }
}
