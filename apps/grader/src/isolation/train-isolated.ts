import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BackendName, EpochLogs, ModelSpec } from '@fitcheck/core';
import type { RunData } from '../run/load-data.js';
import type { TrainOutcome, TrainSettings } from '../run/train-model.js';
import type { TrainingError } from '../run/training-error.js';
import { partialTraining } from './partial-training.js';
import type { ErrorWords } from '@fitcheck/core/errors';
import type { ChildMessage, ModelLimits, TrainJob } from './protocol.js';
import { readRssBytes } from './rss.js';

/** The built child entry; from `src/` (vitest) and from `dist/` alike, since both sit two levels under the package. */
export const TRAIN_CHILD: string = fileURLToPath(new URL('../../dist/isolation/train-child.js', import.meta.url));

/** How often the child's resident memory is read: a breach is caught within this many ms. */
const RSS_POLL_MS = 50;
/** Most child output kept for the debug log. */
const MAX_CHILD_OUTPUT = 64 * 1024;
/** The last characters of the child's output, kept whatever came before. */
const OUTPUT_TAIL = 4096;
/** What V8 prints when its heap reaches `--max-old-space-size`, just before it aborts. */
const V8_HEAP_OOM = /JavaScript heap out of memory/;

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
 * throws and never takes the parent down: a child that dies without reaching a budget is a
 * `TRAINING_CRASHED` outcome (see {@link deathOf}), which is the machine's fault, not the student's.
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
      const why = e instanceof Error ? e.message : String(e);
      const error = { code: 'TRAINING_CRASHED', message: `the training process did not start: ${why}`, words: { message: { key: 'errCore.fault.notStarted', params: { why } } } };
      resolve({ error, peakRssBytes: 0, childOutput: '' });
      return;
    }
    const epochs: EpochLogs[] = [];
    let output = '';
    // The end of the output too: V8's out-of-memory report is the last thing a dying child writes.
    let tail = '';
    let peak = 0;
    let childBackend: string | undefined;
    let result: TrainOutcome | undefined;
    // Why the child was killed; its message is written at the end, because epochs the child finished
    // just before the kill still arrive afterwards, and they are kept.
    let breach: { code: string; message: (epochs: number) => string; params?: Record<string, number>; words?: ErrorWords } | undefined;
    let settled = false;

    const keep = (chunk: Buffer): void => {
      const text = chunk.toString();
      if (output.length < MAX_CHILD_OUTPUT) output += text.slice(0, MAX_CHILD_OUTPUT - output.length);
      tail = (tail + text).slice(-OUTPUT_TAIL);
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
      params: { seconds: limits.seconds },
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
            params: { budget: limits.memoryMb },
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
      const error = breach
        ? { code: breach.code, message: breach.message(epochs.length), ...(breach.params && { params: { ...breach.params, epochs: epochs.length } }), ...(breach.words && { words: breach.words }) }
        : deathOf({ code, signal, ...(spawnError ? { spawnError } : {}) }, { peakRssBytes: peak, tail, epochs: epochs.length }, limits);
      resolve({ error, ...(partial ? { training: partial } : {}), ...base });
    };
    child.on('error', (e) => finish(null, null, e));
    child.on('exit', (code, signal) => finish(code, signal));
    child.send(job, (e) => {
      if (e) kill({ code: 'TRAINING_CRASHED', message: () => `the training job could not be sent: ${e.message}`, words: { message: { key: 'errCore.fault.notSent', params: { why: e.message } } } });
    });
  });
}

/**
 * Why a child that sent no result ended. It counts as its memory budget only when the cap was
 * reached: its resident set was seen at or over the cap, or V8 reported "JavaScript heap out of
 * memory" — the child's V8 heap is capped at the budget itself (`--max-old-space-size`, above), so
 * that abort is the budget reached from inside, between two polls. Any other end — a signal such as
 * SIGABRT or SIGSEGV, an exit code, a failed start — hit no budget: `TRAINING_CRASHED`, the
 * environment's fault, and the grade is not computed rather than charged to the student.
 */
export function deathOf(
  end: { code: number | null; signal: NodeJS.Signals | null; spawnError?: Error },
  seen: { peakRssBytes: number; tail: string; epochs: number },
  limits: ModelLimits,
): TrainingError {
  const how = end.spawnError?.message ?? (end.signal ? `signal ${end.signal}` : `exit code ${end.code}`);
  // The signal or exit code is data; the sentence around it is the reader's language's.
  const howWords = end.spawnError?.message ?? (end.signal ? { key: 'errCore.fault.signal', params: { signal: end.signal } } : { key: 'errCore.fault.exitCode', params: { code: String(end.code) } });
  if (seen.peakRssBytes >= limits.memoryMb * 1024 * 1024 || V8_HEAP_OOM.test(seen.tail)) {
    return { code: 'MEMORY_BUDGET_EXCEEDED', message: `training ran out of its ${limits.memoryMb} MiB memory budget after ${seen.epochs} epoch(s)`, params: { budget: limits.memoryMb, epochs: seen.epochs } };
  }
  return {
    code: 'TRAINING_CRASHED',
    message: `the training process ended unexpectedly (${how}) after ${seen.epochs} epoch(s), under its budgets (peak ${mib(seen.peakRssBytes)} MiB of ${limits.memoryMb} MiB)`,
    words: { message: { key: 'errCore.fault.crashed', params: { how: howWords, epochs: seen.epochs, peak: mib(seen.peakRssBytes), budget: limits.memoryMb } } },
  };
}

function mib(bytes: number): number {
  return Math.round(bytes / (1024 * 1024));
}
