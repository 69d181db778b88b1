import { join } from 'node:path';
import { METRIC_NAMES } from '@fitcheck/core';
import type { NamedRun } from '../report/types.js';
import { createEventWriter } from './event-writer.js';
import { GraderError } from '../errors.js';
import { text } from '../messages/text.js';

/** A run name as a folder name: letters, digits, `.`, `_`, `-`; anything else becomes `_`. */
export function runFolderName(name: string): string {
  const safe = name.replace(/[^\p{L}\p{N}._-]/gu, '_').replace(/^\.+/, '_');
  return safe === '' ? '_' : safe;
}

/**
 * Writes finished histories as TensorBoard logs: `<outDir>/<group>/<Run>/{train,validation}/`, tags
 * `epoch_loss`, `epoch_binary_crossentropy`, `epoch_accuracy` (Keras' names), one event per epoch.
 * `tensorboard --logdir <outDir>` then shows the runs by the lab's report groups (lab 5: `sizes`, `regularizers`, `cats`).
 * Returns the run folders written.
 */
export async function writeTensorboardLogs(outDir: string, runs: Record<string, NamedRun[]>): Promise<string[]> {
  const written: string[] = [];
  for (const [group, list] of Object.entries(runs)) {
    const used = new Set<string>();
    for (const { name, history } of list) {
      const folder = runFolderName(name);
      if (used.has(folder)) {
        throw new GraderError('DUPLICATE_RUN', text('errLab.duplicateRun', { group, folder }), { key: name }, text('errLab.duplicateRunHint'));
      }
      used.add(folder);
      const dir = join(outDir, group, folder);
      const writer = createEventWriter(dir);
      history.epoch.forEach((epoch, i) => {
        for (const metric of METRIC_NAMES) {
          const value = history.history[metric][i];
          if (value === undefined) continue;
          const validation = metric.startsWith('val_');
          writer.scalar(validation ? 'validation' : 'train', `epoch_${validation ? metric.slice(4) : metric}`, value, epoch);
        }
      });
      await writer.flush?.();
      written.push(dir);
    }
  }
  return written;
}
