import { FitcheckError } from '../errors.js';
import type { EpochLogs, History } from './types.js';

/** A run whose loss or metrics stopped being finite; carries the history up to that epoch so nothing is lost. */
export class TrainingDivergedError extends FitcheckError {
  override readonly name = 'TrainingDivergedError';
  constructor(
    readonly model: string,
    readonly epoch: number,
    readonly metric: string,
    readonly history: History,
  ) {
    super(
      'TRAINING_DIVERGED',
      `training of ${model} diverged at epoch ${epoch}: ${metric} is not a finite number`,
      { key: model },
      'lower the learning rate or the regularization factors; check the inputs are scaled',
    );
  }
}

/** The first metric that is NaN or ±Infinity, if any. */
export function firstNonFinite(logs: EpochLogs): string | undefined {
  return Object.entries(logs).find(([, v]) => !Number.isFinite(v))?.[0];
}
