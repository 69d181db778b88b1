import { text, type Param } from '../messages/text.js';

/**
 * Why a training run has no (complete) result; `hint` says how to fix it when the error said.
 * `params`: its parts, for the codes the locales word (`training.<code>`), so it is said in the reader's language.
 */
export interface TrainingError {
  code: string;
  message: string;
  hint?: string;
  params?: Record<string, string | number>;
}

/** A training error as a sentence's detail: in the reader's language when it has its parts, else as the error said it. */
export function trainingDetail(error: TrainingError): Param {
  return error.params ? text(`training.${error.code}`, error.params) : error.message;
}
