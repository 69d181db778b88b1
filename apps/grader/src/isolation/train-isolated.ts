import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BackendName, EpochLogs, ModelSpec } from '@fitcheck/core';
import type { RunData } from '../run/load-data.js';
import type { TrainOutcome, TrainSettings } from '../run/train-model.js';
import { partialTraining } from './partial-training.js';
import type { ChildMessage, ModelLimits, TrainJob } from './protocol.js';
import { readRssBytes } from './rss.js';

/** The built child entry; from `src/` (vitest) and from `dist/` alike, since both sit two levels under the package. */
export const TRAIN_CHILD: string = fileURLToPath(new URL('../../dist/isolation/train-child.js', import.meta.url));

/** How often the child's resident memory is read: a breach is caught within this many ms. */
const RSS_POLL_MS = 50;
/** Most child output kept for the debug log. */
const MAX_CHILD_OUTPUT = 64 * 1024;

export interface IsolatedSettings extends Omit<TrainSettings, 'backend'> {
  backend?: BackendName;
}

/** `trainModel`'s outcome, plus what the child process itself reported. */
export interface IsolatedOutcome extends TrainOutcome {
  /** The TF.js backend the child started (absent when it never got that far). */
  backend?: string;
  /** Highest resident memory seen, in bytes. */
  peakRssBytes: number;
  /** The child's stdout and stderr, for `--debug` only. */
  childOutput: string;
}

/**
 * Trains one model in a child process (`train-child.ts`) under a wall-clock budget and a memory
 * cap: the child is killed (SIGKILL) when it runs past `limits.seconds` or its resident memory
 * (`/proc/<pid>/status` VmRSS, polled every 50 ms) passes `limits.memoryMb`, and the outcome is
 * then `TIME_BUDGET_EXCEEDED` / `MEMORY_BUDGET_EXCEEDED` with the epochs finished so far. Never
 * throws and never takes the parent down: a crashed child is a `TRAINING_FAILED` outcome.
 */
export function trainIsolated(spec: ModelSpec, data: RunData, settings: IsolatedSettings, limits: ModelLimits, entry: string = TRAIN_CHILD): Promise<IsolatedOutcome> {
  const { onEpoch, backend, ...rest } = settings;
  const job: TrainJob = { spec, data, settings: rest, ...(backend ? { backend } : {}) };
  const capBytes = limits.memoryMb * 1024 * 1024;
  const started = performance.now();
  return new Promise((resolve) => {
    let child: ChildProcess;
    try {
      child = fork(entry, [], {
        serialization: 'advanced',
        silent: true,
        // The V8 heap gets the same cap, so a JS-side blow-up fails fast instead of swapping.
        execArgv: [...process.execArgv.filter((a) => !a.startsWith('--max-old-space-size')), `--max-old-space-size=${limits.memoryMb}`],
      });
    } catch (e) {
      resolve({ error: { code: 'TRAINING_FAILED', message: `the training process did not start: ${e instanceof Error ? e.message : String(e)}` }, peakRssBytes: 0, childOutput: '' });
      return;
    }
    const epochs: EpochLogs[] = [];
    let output = '';
    let peak = 0;
    let childBackend: string | undefined;
    let result: TrainOutcome | undefined;
    // Why the child was killed; its message is written at the end, because epochs the child finished
    // just before the kill still arrive afterwards, and they are kept.
    let breach: { code: string; message: (epochs: number) => string } | undefined;
    let settled = false;

    const keep = (chunk: Buffer): void => {
      if (output.length < MAX_CHILD_OUTPUT) output += chunk.toString().slice(0, MAX_CHILD_OUTPUT - output.length);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);

    const kill = (error: NonNullable<typeof breach>): void => {
      if (breach || result) return;
      breach = error;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => kill({
      code: 'TIME_BUDGET_EXCEEDED',
      message: (n) => `training ran past its ${limits.seconds} s budget after ${n} epoch(s)`,
    }), limits.seconds * 1000);
    const poll = setInterval(() => {
      if (child.pid === undefined) return;
      void readRssBytes(child.pid).then((rss) => {
        if (rss === null) return;
        peak = Math.max(peak, rss);
        if (rss > capBytes) {
          kill({
            code: 'MEMORY_BUDGET_EXCEEDED',
            message: (n) => `training used ${mib(rss)} MiB of memory, over its ${limits.memoryMb} MiB budget, after ${n} epoch(s)`,
          });
        }
      });
    }, RSS_POLL_MS);

    child.on('message', (message: ChildMessage) => {
      if (message.type === 'ready') childBackend = message.backend;
      else if (message.type === 'epoch') {
        epochs.push(message.logs);
        onEpoch?.(message.epoch, message.logs);
      } else {
        result = message.outcome;
        peak = Math.max(peak, message.maxRssBytes);
      }
    });
    const finish = (code: number | null, signal: NodeJS.Signals | null, spawnError?: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(poll);
      const base = { peakRssBytes: peak, childOutput: output, ...(childBackend ? { backend: childBackend } : {}) };
      if (result && !breach) return resolve({ ...result, ...base });
      const partial = partialTraining(epochs, data, childBackend ?? backend ?? 'unknown', (performance.now() - started) / 1000);
      // A V8 heap overflow aborts the child (SIGABRT / exit 134): the memory cap, reached from inside.
      const oom = !breach && (signal === 'SIGABRT' || code === 134 || /heap out of memory/i.test(output));
      const error = breach ? { code: breach.code, message: breach.message(epochs.length) } : (oom
        ? { code: 'MEMORY_BUDGET_EXCEEDED', message: `training ran out of its ${limits.memoryMb} MiB memory budget after ${epochs.length} epoch(s)` }
        : { code: 'TRAINING_FAILED', message: `the training process ended unexpectedly (${spawnError?.message ?? (signal ? `signal ${signal}` : `exit code ${code}`)}) after ${epochs.length} epoch(s)` });
      resolve({ error, ...(partial ? { training: partial } : {}), ...base });
    };
    child.on('error', (e) => finish(null, null, e));
    child.on('exit', (code, signal) => finish(code, signal));
    child.send(job, (e) => {
      if (e) kill({ code: 'TRAINING_FAILED', message: () => `the training job could not be sent: ${e.message}` });
    });
  });
}

function mib(bytes: number): number {
  return Math.round(bytes / (1024 * 1024));
}
