import type { ErrorWords } from '@fitcheck/core/errors';
import { text, type Param, type Text } from '../messages/text.js';

/**
 * Why a training run has no (complete) result; `hint` says how to fix it when the error said.
 * `params`: its parts, for the codes the locales word (`training.<code>`), so it is said in the reader's language.
 */
export interface TrainingError {
  code: string;
  message: string;
  hint?: string;
  params?: Record<string, string | number>;
  /** Its message and hint as sentences of the locales, when it came with them (a core error, a child that died). */
  words?: ErrorWords;
}

/** A training error as a sentence's detail: in the reader's language when it has its parts, else as the error said it. */
export function trainingDetail(error: TrainingError): Param {
  return error.params ? text(`training.${error.code}`, error.params) : error.words?.message ? (error.words.message as Text) : error.message;
}
