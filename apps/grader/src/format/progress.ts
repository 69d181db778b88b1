import { formatLogs } from '@fitcheck/core';
import type { RunEvent, RunListener } from '../run/events.js';
import { count } from '../checks/static/analyze-model.js';

/**
 * Progress on a stream while models train: the plan, one line per model start, on a terminal
 * the current epoch and metrics rewritten in place (elsewhere a line every `every` epochs),
 * and one line per finished model.
 */
export function progressPrinter(stream: NodeJS.WritableStream & { isTTY?: boolean }, every = 10): RunListener {
  const tty = stream.isTTY === true;
  return (event: RunEvent) => {
    switch (event.type) {
      case 'plan':
        stream.write(`${event.lines.join('\n')}\n`);
        break;
      case 'model-start':
        stream.write(`training ${event.model} (${count(event.params)} parameters, at most ${event.maxEpochs} epochs)\n`);
        break;
      case 'epoch': {
        const text = `  epoch ${event.epoch + 1}: ${formatLogs(event.logs)}`;
        if (tty) stream.write(`\r\x1b[2K${text}`);
        else if ((event.epoch + 1) % every === 0) stream.write(`${text}\n`);
        break;
      }
      case 'model-end': {
        if (tty) stream.write('\r\x1b[2K');
        const t = event.training;
        if (event.error) stream.write(`  ${event.model}: ${event.error.code}: ${event.error.message}\n`);
        else if (t) {
          stream.write(`  ${event.model}: ${t.epochsRun} epochs in ${t.seconds.toFixed(1)} s${t.stoppedEarly ? ' (early stop)' : ''}, best val BCE ${t.bestValBce?.toFixed(4) ?? '—'} at epoch ${t.bestEpoch ?? '—'}, final train BCE ${t.finalTrainBce?.toFixed(4) ?? '—'}\n`);
        }
        break;
      }
    }
  };
}
