import { formatLogs } from '@fitcheck/core';
import { count } from '../checks/static/analyze-model.js';
import { loadMessages, translate, type Messages } from '../messages/locale.js';
import type { RunEvent, RunListener } from '../run/events.js';

/**
 * Progress on a stream while models train, in the language of `messages`: the plan, one line per
 * model start, on a terminal the current epoch and metrics rewritten in place (elsewhere a line
 * every `every` epochs), and one line per finished model.
 */
export function progressPrinter(stream: NodeJS.WritableStream & { isTTY?: boolean }, every = 10, messages: Messages = loadMessages('en')): RunListener {
  const tty = stream.isTTY === true;
  const t = (key: string, params?: Record<string, unknown>) => translate(messages, key, params);
  return (event: RunEvent) => {
    switch (event.type) {
      case 'plan':
        stream.write(`${event.lines.join('\n')}\n`);
        break;
      case 'backend':
        stream.write(`${t('cli.backend', { name: event.name })}\n`);
        break;
      case 'model-start':
        stream.write(`${t('cli.modelStart', { model: event.model, params: count(event.params), epochs: event.maxEpochs })}\n`);
        break;
      case 'epoch': {
        const text = `  ${t('cli.epoch', { epoch: event.epoch + 1, logs: formatLogs(event.logs) })}`;
        if (tty) stream.write(`\r\x1b[2K${text}`);
        else if ((event.epoch + 1) % every === 0) stream.write(`${text}\n`);
        break;
      }
      case 'reference':
        stream.write(`${t(`cli.reference_${event.source}`, { model: event.model, detail: event.detail ?? '' })}\n`);
        break;
      case 'model-end': {
        if (tty) stream.write('\r\x1b[2K');
        const tr = event.training;
        if (event.error) stream.write(`  ${t('cli.modelError', { model: event.model, code: event.error.code, detail: event.error.message })}\n`);
        else if (tr) {
          stream.write(`  ${t(tr.stoppedEarly ? 'cli.modelEndEarly' : 'cli.modelEnd', {
            model: event.model, epochs: tr.epochsRun, seconds: tr.seconds.toFixed(1), best: tr.bestValBce?.toFixed(4) ?? '—',
            bestEpoch: tr.bestEpoch ?? '—', train: tr.finalTrainBce?.toFixed(4) ?? '—',
          })}\n`);
        }
        break;
      }
    }
  };
}
