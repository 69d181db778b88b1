import type { BackendName, EpochLogs, ModelSpec } from '@fitcheck/core';
import type { RunData } from '../run/load-data.js';
import type { TrainOutcome, TrainSettings } from '../run/train-model.js';

/** What the parent sends the training child: everything `trainModel` needs, as plain data. */
export interface TrainJob {
  spec: ModelSpec;
  data: RunData;
  settings: Omit<TrainSettings, 'onEpoch' | 'backend'>;
  backend?: BackendName;
}

/** What the child sends back: the backend it started, one message per epoch, then the outcome. */
export type ChildMessage =
  | { type: 'ready'; backend: string }
  | { type: 'epoch'; epoch: number; logs: EpochLogs }
  | { type: 'done'; outcome: TrainOutcome; maxRssBytes: number };

/** The limits one model's training runs under (a profile's `limits`). */
export interface ModelLimits {
  /** Wall-clock seconds from the child's start (loading TF.js included) to its result. */
  seconds: number;
  /** Resident memory of the child (V8 heap, wasm memory, ArrayBuffers), in MiB. */
  memoryMb: number;
}
