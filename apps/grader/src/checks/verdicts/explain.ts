import { finding } from '../../findings/finding.js';
import type { Finding } from '../../findings/types.js';
import { text, type Line, type Text } from '../../messages/text.js';
import type { RunFacts } from '../facts.js';
import type { Decision } from './decide.js';

/** `seeds 1, 2, 3: 2 pass, 1 close → pass`, for an item's output when more than one seed ran. */
export function majorityLine(decision: Decision): Line {
  const n = (v: string) => decision.verdicts.filter((x) => x === v).length;
  return text('output.seedsMajority', { runs: decision.verdicts.length, pass: n('pass'), fail: n('fail'), close: n('close'), state: text(`verdict.state.${decision.state}`) });
}

/**
 * The finding of a verdict the runs could not decide: it costs nothing; its hint says why the run
 * could not tell and what decides it (the TA's run, or more seeds still to come).
 */
export function undecidedFinding(facts: RunFacts, model: string, question: Text, decision: Decision, cause: 'stillFalling' | 'noisy'): Finding {
  const why = !facts.verdicts.final
    ? text(cause === 'stillFalling' ? 'undecided.provisionalStillFalling' : 'undecided.provisional', { profile: facts.profile, epochs: facts.verdicts.maxEpochs })
    : decision.moreSeeds.length > 0
      ? text('undecided.moreSeeds', { seeds: facts.verdicts.seeds })
      : text('undecided.seedsDisagree', { runs: decision.verdicts.length });
  return finding('VERDICT_UNDECIDED', 'info', { model, question, why }, { model });
}
