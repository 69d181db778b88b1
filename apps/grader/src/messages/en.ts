import type { FindingCode } from '../findings/types.js';

type Params = Record<string, string | number>;

/**
 * Every English sentence a finding shows, keyed by its code, so a locale file can replace
 * them later. `{name}` placeholders are filled from the finding's parameters.
 */
export const FINDING_TEXT: Record<FindingCode, { message: string; hint: string }> = {
  SIGMOID_WITH_LOGITS_LOSS: {
    message: '{model} ends in Dense(1, activation="sigmoid") while the loss is binary cross-entropy from logits: sigmoid is applied twice',
    hint: 'end the model with { type: Dense, units: 1 } (no activation); the loss applies the sigmoid itself',
  },
  THRESHOLD_ON_LOGITS: {
    message: 'the report thresholds {model}\'s raw logits at {threshold} as if they were probabilities: {changed} of {total} test predictions change, cat recall {declaredRecall} instead of {correctRecall}',
    hint: 'threshold logits at 0 (logit 0 = probability 0.5), or apply sigmoid first and threshold at 0.5',
  },
  WRONG_THRESHOLD: {
    message: 'the report thresholds {model}\'s {kind} at {threshold}: {changed} of {total} test predictions change',
    hint: 'threshold probabilities at 0.5 and logits at 0',
  },
  TEST_SET_AS_VALIDATION: {
    message: 'the test set is the validation data of early stopping, so the test metrics of {dataset} are optimistic (leakage)',
    hint: 'set validation: split (early stopping watches held-out training images) and keep the test set for the final report',
  },
  NOT_MORE_CAPACITY: {
    message: '{model} has {params} parameters, not more than {baseline}\'s {baselineParams}{ratio}',
    hint: 'add units or layers until it has clearly more parameters than {baseline}',
  },
  NO_REGULARIZATION: {
    message: '{model} has no regularization: no kernelRegularizer (l1/l2) and no Dropout',
    hint: 'add kernelRegularizer: { l2: 0.0001 } to the hidden Dense layers and/or { type: Dropout, rate: 0.5 } after them',
  },
  GAP_NOT_NARROWED: {
    message: '{model}\'s train/validation BCE gap ({gap}) is not smaller than {baseline}\'s ({baselineGap})',
    hint: 'use stronger regularization (larger l2, more Dropout) so validation BCE stays close to training BCE',
  },
  NO_OVERFITTING: {
    message: '{model} did not overfit in this run: validation BCE did not rise past its minimum while training BCE fell ({epochs} epochs)',
    hint: 'a model with far more capacity than the data needs overfits within a few epochs; make it wider or deeper',
  },
  TRAINING_DIVERGED: {
    message: '{model}: {detail}',
    hint: 'lower the regularization factors and check the inputs are scaled to [0, 1]',
  },
  TRAINING_FAILED: {
    message: '{model} could not be trained: {detail}',
    hint: 'run pnpm check and fix the model; if the message is about fitcheck itself, tell your TA',
  },
  PARAM_BUDGET_EXCEEDED: {
    message: '{model} has {params} parameters, over the lab\'s budget of {budget}; it was not built',
    hint: 'use fewer or narrower layers: the budget keeps grading runs affordable',
  },
  SHAPE_MISMATCH: {
    message: '{model}: {detail}',
    hint: 'check every layer\'s input: start image models with Flatten, end with Dense(1)',
  },
  INVALID_HYPERPARAMETER: {
    message: '{model}: {detail}',
    hint: 'Dropout rates lie in [0, 1); regularizer factors are finite and ≥ 0',
  },
  BAD_PREPROCESS: {
    message: '{detail}',
    hint: 'reshape each image to [64, 64, 3] or [12288] and divide pixels by 255 so they lie in [0, 1]',
  },
  MISSING_ANSWER: {
    message: 'answer {answer} is missing',
    hint: 'write the analysis in answers.{answer} (pt-BR or English)',
  },
  SHORT_ANSWER: {
    message: 'answer {answer} has {words} words; at least {minWords} are expected',
    hint: 'explain what the curves or numbers show and why',
  },
  MISSING_ITEM: {
    message: '{what} is still null',
    hint: 'fill in {what} in your lab5.yaml',
  },
  NOT_TRAINED: {
    message: '{model} was not trained in the {profile} profile; {what} was not checked',
    hint: 'the ci and full profiles train every model',
  },
};

/** Fills `{name}` placeholders; unknown names stay visible so a missing parameter is noticed. */
export function fill(template: string, params: Params): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
}
