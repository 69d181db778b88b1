import { describe, expect, it } from 'vitest';
import type { EpochLogs, TrainingContext } from '../types.js';
import { scalarLog } from './scalar-log.js';

describe('scalarLog', () => {
  it('splits metrics into train and validation runs with Keras TensorBoard tags', async () => {
    const seen: string[] = [];
    let flushed = false;
    const cb = scalarLog({ scalar: (run, tag, value, step) => seen.push(`${run}/${tag}@${step}=${value}`), flush: () => { flushed = true; } });
    const logs: EpochLogs = { loss: 1, binary_crossentropy: 2, accuracy: 3, val_loss: 4, val_binary_crossentropy: 5, val_accuracy: 6 };
    await cb.onEpochEnd?.(7, logs, {} as TrainingContext);
    await cb.onTrainEnd?.({} as TrainingContext);
    expect(seen).toEqual([
      'train/epoch_loss@7=1', 'train/epoch_binary_crossentropy@7=2', 'train/epoch_accuracy@7=3',
      'validation/epoch_loss@7=4', 'validation/epoch_binary_crossentropy@7=5', 'validation/epoch_accuracy@7=6',
    ]);
    expect(flushed).toBe(true);
  });
});
