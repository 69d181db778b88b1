import type { Finding } from '../findings/types.js';
import type { Line } from '../messages/text.js';
import type { RubricItem } from '../lab/types.js';
import type { RunFacts } from './facts.js';

/** What a check says about one rubric item: one Gradescope `tests[]` entry. */
export interface CheckOutcome {
  score: number;
  /** `pending`: a manual item waiting for the TA (score 0 until an override). */
  status: 'passed' | 'failed' | 'pending';
  /** What the check saw, as sentences to show in the reader's language (Gradescope `output`). */
  lines: Line[];
  findings: Finding[];
}

/** A rubric check: a pure function of the run's facts and the item's parameters (`item.with`). */
export type RubricCheck = (facts: RunFacts, item: RubricItem) => CheckOutcome;
