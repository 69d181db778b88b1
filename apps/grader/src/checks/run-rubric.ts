import type { Rubric, RubricItem } from '../lab/types.js';
import { text } from '../messages/text.js';
import type { RunFacts } from './facts.js';
import { rubricCheck } from './rubric/index.js';
import type { CheckOutcome } from './types.js';

export interface ItemResult {
  item: RubricItem;
  outcome: CheckOutcome;
  /** Set when the check itself threw: a grader bug, reported instead of losing the other items. */
  graderError?: string;
}

/** Runs every rubric item's check over the facts; one check that throws costs only its own item. */
export function runRubric(rubric: Rubric, facts: RunFacts): ItemResult[] {
  return rubric.items.map((item) => {
    try {
      const check = rubricCheck(item.check);
      // loadLab refuses a rubric naming no check: reaching this is the grader's bug.
      if (!check) throw new Error(`no rubric check named "${item.check}"`);
      return { item, outcome: check.run(facts, item) };
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      return {
        item,
        outcome: { score: 0, status: 'failed', lines: [text('output.graderError', { check: item.check, detail: message })], findings: [] },
        graderError: message,
      };
    }
  });
}
