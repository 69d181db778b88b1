import type { Callback, MetricName } from '../types.js';

/**
 * Where scalar histories go: TensorBoard's layout, one run folder for training and one for
 * validation, tags `epoch_loss`, `epoch_binary_crossentropy`, `epoch_accuracy` (as Keras' callback writes).
 */
export interface ScalarWriter {
  scalar(run: 'train' | 'validation', tag: string, value: number, step: number): void;
  flush?(): void | Promise<void>;
}

/** Sends every epoch's metrics to a {@link ScalarWriter}, the hook a TensorBoard event writer plugs into. */
export function scalarLog(writer: ScalarWriter): Callback {
  return {
    onEpochEnd(epoch, logs) {
      for (const [name, value] of Object.entries(logs) as [MetricName, number][]) {
        const validation = name.startsWith('val_');
        writer.scalar(validation ? 'validation' : 'train', `epoch_${validation ? name.slice(4) : name}`, value, epoch);
      }
    },
    async onTrainEnd() {
      await writer.flush?.();
    },
  };
}
