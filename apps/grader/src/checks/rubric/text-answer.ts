import { finding } from '../../findings/finding.js';
import { text } from '../../messages/text.js';
import type { RunFacts } from '../facts.js';
import { defineCheck, type CheckedItem, type CheckOutcome } from '../types.js';
import { outcome } from './helpers.js';

interface Params {
  /** The answer's key in the submission (`answers.giant_analysis`). */
  answer: string;
  /** Fewer words than this is a SHORT_ANSWER warning (default 1). */
  minWords?: number;
}

/** Words in a text answer (letters or digits between separators; pt-BR accents count as letters). */
export function wordCount(text: string): number {
  return text.match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu)?.length ?? 0;
}

/** The answer's text, or undefined when it is missing or blank. */
export function answerText(facts: RunFacts, key: string): string | undefined {
  const text = facts.submission.answers[key];
  return typeof text === 'string' && text.trim() !== '' ? text : undefined;
}

/**
 * A text answer is scored by the TA. The grader only checks it is there and long enough to be an
 * analysis (a missing or short answer is a finding the TA reads); its points stay pending — no
 * score, never 0 — until an override gives them.
 */
export const textAnswer = defineCheck<Params>({
  name: 'text-answer',
  params: {
    type: 'object',
    additionalProperties: false,
    required: ['answer'],
    properties: { answer: { type: 'string' }, minWords: { type: 'integer', minimum: 0, nullable: true } },
  },
  modelParams: [],
  answerParams: ['answer'],
  findings: ['MISSING_ANSWER', 'SHORT_ANSWER'],
  run: scoreTextAnswer,
});

function scoreTextAnswer(facts: RunFacts, item: CheckedItem<Params>): CheckOutcome {
  const key = item.with.answer;
  const minWords = item.with.minWords ?? 1;
  const answer = answerText(facts, key);
  if (answer === undefined) return { ...outcome(item, 0, [text('output.answerMissing', { answer: key })], [finding('MISSING_ANSWER', 'error', { answer: key })]), status: 'pending' };
  const words = wordCount(answer);
  const findings = words < minWords ? [finding('SHORT_ANSWER', 'warning', { answer: key, words, minWords })] : [];
  return { ...outcome(item, 0, [text('output.answerWords', { answer: key, words })], findings), status: 'pending' };
}
