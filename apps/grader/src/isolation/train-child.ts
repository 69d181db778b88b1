// The training child: `trainIsolated` forks this file, sends one TrainJob, and reads epochs and
// the outcome back over IPC. It exits once the outcome is sent, or as soon as the parent is gone.
import { initBackend } from '@fitcheck/core';
import { trainingError, trainModel } from '../run/train-model.js';
import type { ChildMessage, TrainJob } from './protocol.js';

function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send || !process.connected) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });
}

async function run(job: TrainJob): Promise<void> {
  const backend = (await initBackend(job.backend ? { backend: job.backend } : {})).name;
  await send({ type: 'ready', backend });
  const outcome = await trainModel(job.spec, job.data, {
    ...job.settings,
    backend,
    onEpoch: (epoch, logs) => void send({ type: 'epoch', epoch, logs }),
  });
  // resourceUsage().maxRSS is in KiB: the peak, reported so a run under budget still shows its size.
  await send({ type: 'done', outcome, maxRssBytes: process.resourceUsage().maxRSS * 1024 });
}

process.once('disconnect', () => process.exit(0));
process.once('message', (job: TrainJob) => {
  run(job).then(
    () => process.exit(0),
    (e: unknown) => {
      // trainModel never throws: this is a backend that would not start (BACKEND_UNAVAILABLE, the machine's
      // fault, never the student's). The parent reads stderr for --debug.
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      void send({ type: 'done', outcome: { error: trainingError(e) }, maxRssBytes: 0 }).then(() => process.exit(1));
    },
  );
});
