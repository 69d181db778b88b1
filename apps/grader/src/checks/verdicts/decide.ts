import type { ModelFacts, RunFacts, TrainingFacts } from '../facts.js';
import { majority, type Verdict } from './verdict.js';

/**
 * What an item may do with a verdict: `pass` and `fail` score it; `undecided` costs no points and
 * flags the item for the TA. `moreSeeds` lists the models whose runs with further seeds could still
 * decide it (the grade trains them and scores again).
 */
export interface Decision {
  state: 'pass' | 'fail' | 'undecided';
  /** The verdict of each seed's run, the profile's seed first. */
  verdicts: Verdict[];
  /** What the majority said, before the profile's policy (`close` when no majority). */
  majority: Verdict;
  moreSeeds: string[];
}

/**
 * Decides a verdict measured on one or more seeds' runs under the profile's policy:
 * - a majority `pass` passes — one run is enough, and passing costs nobody anything;
 * - a `fail` costs points only in a `final` profile, and only once more than half of the
 *   profile's `seeds` runs agree: a first failing or close run asks for the other seeds (`moreSeeds`);
 * - everything else is `undecided`: in a `provisional` profile (a short run cannot show a failure a
 *   longer one might not), or when the seeds disagree or stay close.
 */
export function decide(facts: RunFacts, verdicts: Verdict[], models: string[]): Decision {
  const policy = facts.verdicts;
  const said = majority(verdicts);
  const base = { verdicts, majority: said };
  if (said === 'pass') return { state: 'pass', ...base, moreSeeds: [] };
  const canAskMore = policy.final && verdicts.length < policy.seeds;
  if (canAskMore) return { state: 'undecided', ...base, moreSeeds: models };
  return { state: said === 'fail' && policy.final ? 'fail' : 'undecided', ...base, moreSeeds: [] };
}

/** A model's runs that reached training, the profile's seed first, each with its seed. */
export function seedRuns(model: ModelFacts, policy: RunFacts['verdicts']): { seed: number; training: TrainingFacts | undefined }[] {
  return [
    { seed: model.seed ?? policy.seed, training: model.training },
    ...(model.extraRuns ?? []).map((r) => ({ seed: r.seed, training: r.training })),
  ];
}
