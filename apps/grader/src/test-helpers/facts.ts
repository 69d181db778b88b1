import type { History } from '@fitcheck/core';
import type { RunFacts, TrainingFacts } from '../checks/facts.js';
import { loadLab } from '../lab/load-lab.js';
import type { Lab } from '../lab/types.js';
import { staticModelFacts, verdictPolicy } from '../run/collect-facts.js';
import { runSummary } from '../checks/history-facts.js';
import { loadSubmission } from '../submission/load-submission.js';
import { submissionFixture } from './paths.js';

/** The facts of a fixture submission of `labId` before training: real loading and static analysis, no runs. */
export async function staticFacts(fixture: string, profile = 'check', labId = 'lab5'): Promise<{ lab: Lab; facts: RunFacts }> {
  const lab = await loadLab(labId);
  const loaded = await loadSubmission(submissionFixture(fixture), lab.definition);
  if (!loaded.submission) throw new Error(`fixture ${fixture} is invalid`);
  const policy = verdictPolicy(lab.definition.profiles[profile]!, lab.definition.profiles[profile]!.seed);
  const facts: RunFacts = { lab: lab.definition, profile, verdicts: policy, submission: loaded.submission, models: staticModelFacts(lab, loaded), datasets: {} };
  return { lab, facts };
}

/** Training facts from two BCE series (accuracy and loss filled in so the history is complete). */
export function run(train: number[], val: number[]): TrainingFacts {
  const history: History = {
    epoch: train.map((_, i) => i),
    history: {
      loss: train, binary_crossentropy: train, accuracy: train.map(() => 0.5),
      val_loss: val, val_binary_crossentropy: val, val_accuracy: val.map(() => 0.5),
    },
  };
  return { epochsRun: train.length, stoppedEarly: false, ...runSummary(history), trainSamples: 100, validationSamples: 100, seconds: 1, backend: 'wasm', history };
}
