import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { EpochLogs, TrainingContext } from '../types.js';
import { formatLogs, progressReporter } from './progress.js';

const logs: EpochLogs = { loss: 0.7, binary_crossentropy: 0.69314718, accuracy: 0.5, val_loss: 0.71, val_binary_crossentropy: 0.7, val_accuracy: 0.48 };

function sink() {
  let text = '';
  const stream = new Writable({ write(chunk, _enc, done) { text += String(chunk); done(); } });
  return { stream, text: () => text };
}

describe('progressReporter', () => {
  it('prints name:value for every metric, sorted, 4 decimals', () => {
    expect(formatLogs(logs)).toBe(
      'accuracy:0.5000, binary_crossentropy:0.6931, loss:0.7000, val_accuracy:0.4800, val_binary_crossentropy:0.7000, val_loss:0.7100',
    );
  });

  it('prints a dot per epoch and a metrics line every `every` epochs', async () => {
    const out = sink();
    const cb = progressReporter({ stream: out.stream, every: 3, name: 'Tiny', bar: false });
    const ctx = { epochs: 7 } as TrainingContext;
    await cb.onTrainBegin?.(ctx);
    for (let e = 0; e < 7; e++) await cb.onEpochEnd?.(e, logs, ctx);
    await cb.onTrainEnd?.(ctx);
    const line = `Tiny Epoch: %d, ${formatLogs(logs)}\n`;
    expect(out.text()).toBe(`${line.replace('%d', '0')}...\n${line.replace('%d', '3')}...\n${line.replace('%d', '6')}.\n`);
  });
});
