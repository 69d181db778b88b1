import type { TrainingError } from '../run/training-error.js';
import type { EpochLogs } from '@fitcheck/core';
import type { TrainingFacts } from '../checks/facts.js';
import type { Line } from '../messages/text.js';

/** What a run reports while it works, for progress on a terminal (the results do not depend on it). */
export type RunEvent =
  | { type: 'plan'; lines: Line[] }
  | { type: 'backend'; name: string }
  | { type: 'model-start'; model: string; params: number; maxEpochs: number; seed?: number }
  | { type: 'epoch'; model: string; epoch: number; logs: EpochLogs }
  | { type: 'model-end'; model: string; training?: TrainingFacts; error?: TrainingError }
  /** A lab model's reference run: read from the cache, trained (again), waited for, or failed (`detail` says why). */
  | { type: 'reference'; model: string; source: 'cache' | 'trained' | 'retrained' | 'waiting' | 'failed'; detail?: string };

export type RunListener = (event: RunEvent) => void;
