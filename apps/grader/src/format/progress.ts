import { formatLogs } from '@fitcheck/core';
import { langOf, loadMessages, translate, type Messages } from '../messages/locale.js';
import { renderLines, renderParam } from '../messages/text.js';
import { formatNumber } from '../report/format.js';
import { trainingDetail } from '../run/training-error.js';
import type { RunEvent, RunListener } from '../run/events.js';

/**
 * Progress on a stream while models train, in the language of `messages`: the plan, one line per
 * model start, on a terminal the current epoch and metrics rewritten in place (elsewhere a line
 * every `every` epochs), and one line per finished model.
 */
export function progressPrinter(stream: NodeJS.WritableStream & { isTTY?: boolean }, every = 10, messages: Messages = loadMessages('en')): RunListener {
  const tty = stream.isTTY === true;
  const t = (key: string, params?: Record<string, unknown>) => translate(messages, key, params);
  // Numbers as the reader writes them: 3.179.521 parâmetros and 0,7716 in pt-BR.
  const lang = langOf(messages);
  const num = (n: number | null | undefined, digits = 0): string => (n === undefined || n === null ? '—' : formatNumber(lang, n, digits));
  return (event: RunEvent) => {
    switch (event.type) {
      case 'plan':
        stream.write(`${renderLines(messages, event.lines)}\n`);
        break;
      case 'backend':
        stream.write(`${t('cli.backend', { name: event.name })}\n`);
        break;
      case 'model-start':
        stream.write(`${t('cli.modelStart', { model: event.model, params: num(event.params), epochs: event.maxEpochs })}\n`);
        break;
      case 'epoch': {
        const text = `  ${t('cli.epoch', { epoch: event.epoch + 1, logs: formatLogs(event.logs, (v) => num(v, 4)) })}`;
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
        if (event.error) stream.write(`  ${t('cli.modelError', { model: event.model, code: event.error.code, detail: renderParam(messages, trainingDetail(event.error)) })}\n`);
        else if (tr) {
          stream.write(`  ${t(tr.stoppedEarly ? 'cli.modelEndEarly' : 'cli.modelEnd', {
            model: event.model, epochs: tr.epochsRun, seconds: num(tr.seconds, 1), best: num(tr.bestValBce, 4),
            bestEpoch: tr.bestEpoch ?? '—', train: num(tr.finalTrainBce, 4),
          })}\n`);
        }
        break;
      }
    }
  };
}
