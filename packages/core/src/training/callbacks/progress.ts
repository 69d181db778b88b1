import cliProgress from 'cli-progress';
import type { Callback, EpochLogs } from '../types.js';

export interface ProgressOptions {
  /** Run name shown before each line. */
  name?: string;
  stream?: NodeJS.WritableStream & { isTTY?: boolean };
  /** Print a full metrics line every this many epochs. Default 100. */
  every?: number;
  /** A live bar instead of dots; default: when the stream is a TTY. */
  bar?: boolean;
}

/** `name:value` for every metric, sorted by name, 4 decimals (or as `format` writes a number: the reader's separators): the line the lab's printer meant to print. */
export function formatLogs(logs: EpochLogs, format: (value: number) => string = (v) => v.toFixed(4)): string {
  return Object.entries(logs)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}:${format(v)}`)
    .join(', ');
}

/**
 * The lab's progress printer: one dot per epoch and, every `every` epochs (from epoch 0), a line
 * `Epoch: N, accuracy:0.6120, binary_crossentropy:0.6533, …`. On a TTY, a progress bar instead.
 */
export function progressReporter(options: ProgressOptions = {}): Callback {
  const stream = options.stream ?? process.stdout;
  const every = options.every ?? 100;
  const prefix = options.name ? `${options.name} ` : '';
  const useBar = options.bar ?? Boolean(stream.isTTY);
  let bar: cliProgress.SingleBar | undefined;

  return {
    onTrainBegin(ctx) {
      if (!useBar) return;
      bar = new cliProgress.SingleBar(
        { stream, format: `${prefix}{bar} {value}/{total} epochs | val_bce {vbce}`, hideCursor: false, clearOnComplete: false },
        cliProgress.Presets.shades_classic,
      );
      bar.start(ctx.epochs, 0, { vbce: '-' });
    },
    onEpochEnd(epoch, logs) {
      if (bar) {
        bar.update(epoch + 1, { vbce: logs.val_binary_crossentropy.toFixed(4) });
        return;
      }
      if (epoch % every === 0) stream.write(`${epoch === 0 ? '' : '\n'}${prefix}Epoch: ${epoch}, ${formatLogs(logs)}\n`);
      stream.write('.');
    },
    onTrainEnd() {
      if (bar) bar.stop();
      else stream.write('\n');
    },
  };
}
