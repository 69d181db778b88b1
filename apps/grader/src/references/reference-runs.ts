import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { nodeBindingProblem, type BackendName } from '@fitcheck/core';
import lockfile from 'proper-lockfile';
import { analyzeModel } from '../checks/static/analyze-model.js';
import { DEFAULT_LIMITS, limitsOf } from '../isolation/limits.js';
import type { ModelLimits } from '../isolation/protocol.js';
import { trainIsolated } from '../isolation/train-isolated.js';
import type { LabDefinition, Profile } from '../lab/types.js';
import { prepareOut } from '../out/write-out.js';
import type { RunListener } from '../run/events.js';
import { loadRunData, type RunData } from '../run/load-data.js';
import { entryName, readEntry, writeEntry, type ReferenceRun } from './reference-entry.js';
import { keyHash, referenceKey } from './reference-key.js';

/** Appended with one JSON line per run trained (and why): what a TA reads to see what the cache cost. */
export const JOURNAL_FILE = 'journal.ndjson';
/** A holder refreshes its lock this often; a lock not refreshed for STALE_MS is a dead holder's and is taken over. */
const UPDATE_MS = 5_000;
const STALE_MS = 30_000;
/** How often a waiting grade looks whether the holder has finished. */
const POLL_MS = 500;

export interface ReferenceOptions {
  /** The cache folder (`--cache`; default `defaultCacheDir()`). */
  cache: string;
  profileName: string;
  profile: Profile;
  seed: number;
  /** Default: FITCHECK_BACKEND, else the backend a training child starts first (node when tfjs-node is there, else wasm). */
  backend?: BackendName;
  /** Only these lab models (default: every model of the lab). */
  only?: readonly string[];
  limits?: Partial<ModelLimits>;
  /** Train runs the cache lacks (default true); false reads only what is cached. */
  trainMissing?: boolean;
  onEvent?: RunListener;
}

/** How each reference run was obtained. */
export type ReferenceSource = 'cache' | 'trained' | 'retrained';

export interface ReferenceOutcome {
  runs: Record<string, ReferenceRun>;
  sources: Record<string, ReferenceSource>;
  /** Models that could not be trained (a budget, a crash): the report leaves them out and says why. */
  failed: Record<string, { code: string; message: string }>;
}

/**
 * The lab's fixed models (the notebook's Tiny…Combined, its cat models) trained once per key
 * ({@link referenceKey}: lab, profile, seed, backend, fitcheck version, data checksum) and kept in
 * `cache` as plain JSON files named `<lab>.<model>.<sha256 of the key>.json`. A cached run is
 * read; a missing one is trained in its own process under the profile's budgets and written
 * atomically; a corrupt one (torn, edited, another key's) is trained again and replaced.
 *
 * Safe for concurrent grades: a run is trained under a lock beside its file (`proper-lockfile`:
 * a folder made atomically, refreshed while held); a grade that finds it held waits and then
 * reads what the holder wrote, so two grades train each run once. A holder that died (its lock
 * not refreshed for 30 s) is taken over.
 */
export async function referenceRuns(lab: LabDefinition, options: ReferenceOptions): Promise<ReferenceOutcome> {
  const backend = options.backend ?? expectedBackend();
  const keys = Object.keys(lab.models).filter((k) => !options.only || options.only.includes(k));
  await prepareOut(options.cache);
  const data = new Map<string, Promise<RunData>>();
  const dataFor = (name: string): Promise<RunData> => {
    let d = data.get(name);
    if (d === undefined) {
      d = loadRunData(name, lab.datasets[name]!, options.profile.datasets[name] ?? { batchSize: 32 }, options.seed);
      data.set(name, d);
    }
    return d;
  };
  const outcome: ReferenceOutcome = { runs: {}, sources: {}, failed: {} };
  for (const model of keys) {
    const key = await referenceKey(lab, model, options.profileName, options.profile, options.seed, backend);
    const hash = keyHash(key);
    const file = join(options.cache, entryName(lab.id, model, hash));
    const got = options.trainMissing === false ? await cachedOnly(file, hash) : await getOrTrain(file, hash, {
      train: async () => trainReference(lab, model, await dataFor(lab.models[model]!.dataset), { ...options, backend }),
      store: async (run, why) => {
        await writeEntry(file, hash, key, run);
        const line = { at: new Date().toISOString(), pid: process.pid, lab: lab.id, model, profile: options.profileName, seed: options.seed, backend, hash, why };
        await appendFile(join(options.cache, JOURNAL_FILE), `${JSON.stringify(line)}\n`);
      },
      waiting: () => options.onEvent?.({ type: 'reference', model, source: 'waiting' }),
    });
    if ('error' in got) {
      outcome.failed[model] = got.error;
      options.onEvent?.({ type: 'reference', model, source: 'failed', detail: `${got.error.code}: ${got.error.message}` });
      continue;
    }
    outcome.runs[model] = got.run;
    outcome.sources[model] = got.source;
    options.onEvent?.({ type: 'reference', model, source: got.source });
  }
  return outcome;
}

/** The cached run, or why there is none (nothing is trained). */
async function cachedOnly(file: string, hash: string): Promise<Got> {
  const read = await readEntry(file, hash);
  if ('run' in read) return { run: read.run, source: 'cache' };
  return { error: { code: 'NOT_CACHED', message: 'corrupt' in read ? `the cached run is corrupt (${read.corrupt})` : 'not in the cache, and this grade has a deadline' } };
}

type Got = { run: ReferenceRun; source: ReferenceSource } | { error: { code: string; message: string } };

/** Reads the entry, or takes its lock and trains it (once: a run written while we waited is read instead). */
async function getOrTrain(file: string, hash: string, how: {
  train: () => Promise<ReferenceRun | { error: { code: string; message: string } }>;
  store: (run: ReferenceRun, why: string) => Promise<void>;
  waiting: () => void;
}): Promise<Got> {
  let said = false;
  for (;;) {
    const first = await readEntry(file, hash);
    if ('run' in first) return { run: first.run, source: 'cache' };
    let release: () => Promise<void>;
    try {
      // The lock is a folder beside the file; the file itself need not exist yet.
      release = await lockfile.lock(file, { realpath: false, stale: STALE_MS, update: UPDATE_MS, retries: 0, onCompromised: () => {} });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ELOCKED') throw e;
      if (!said) how.waiting();
      said = true;
      await sleep(POLL_MS);
      continue;
    }
    try {
      // Read again under the lock: the holder we waited for has written it.
      const held = await readEntry(file, hash);
      if ('run' in held) return { run: held.run, source: 'cache' };
      const source: ReferenceSource = 'corrupt' in held ? 'retrained' : 'trained';
      const run = await how.train();
      if ('error' in run) return run;
      await how.store(run, 'corrupt' in held ? `retrained: the cached file was corrupt (${held.corrupt})` : 'trained: not in the cache');
      return { run, source };
    } finally {
      await release().catch(() => {});
    }
  }
}

/**
 * The backend a training child will start (`initBackend`'s order) without starting TF.js here:
 * FITCHECK_BACKEND when set, else tfjs-node when its binding is on disk, else wasm.
 */
export function expectedBackend(): BackendName {
  const forced = process.env.FITCHECK_BACKEND?.trim();
  if (forced === 'node' || forced === 'wasm' || forced === 'cpu') return forced;
  return nodeBindingProblem() === null ? 'node' : 'wasm';
}

/** One lab model trained in its own process, with the lab's setup at the profile's scale (and its test outputs, when the data has a test set). */
async function trainReference(lab: LabDefinition, model: string, data: RunData, options: ReferenceOptions & { backend: BackendName }): Promise<ReferenceRun | { error: { code: string; message: string } }> {
  const fixed = lab.models[model]!;
  // Keras names take no dots: `higgs.large` trains as `higgs_large`.
  const spec = { inputShape: data.facts.sampleShape, layers: fixed.layers, name: model.replace('.', '_') };
  options.onEvent?.({ type: 'model-start', model, params: analyzeModel(model, spec).facts?.params ?? 0, maxEpochs: options.profile.maxEpochs, seed: options.seed });
  const result = await trainIsolated(spec, data, {
    setup: lab.training,
    maxEpochs: options.profile.maxEpochs,
    patience: options.profile.patience,
    seed: options.seed,
    backend: options.backend,
    withTestOutputs: data.test !== undefined,
    onEpoch: (epoch, logs) => options.onEvent?.({ type: 'epoch', model, epoch, logs }),
  }, referenceLimits(options.profile, options.limits));
  options.onEvent?.({ type: 'model-end', model, ...(result.training ? { training: result.training } : {}), ...(result.error ? { error: result.error } : {}) });
  // A diverged run keeps its history, but a reference is what the notebook shows: only a complete run is cached.
  if (result.error || !result.training) return { error: result.error ?? { code: 'TRAINING_ERROR', message: 'no result' } };
  return {
    model,
    training: result.training,
    ...(result.testOutputs && data.test && { testOutputs: { outputs: Array.from(result.testOutputs), labels: Array.from(data.test.y), classes: data.classes } }),
  };
}

/**
 * A reference's budget: the profile's time, and at least the default memory. The profile's memory
 * cap is sized for a student's model on the grading machine (smoke: 1 GiB); the lab's own largest
 * model (the notebook's regularized cat model, 15.7 M parameters with Dropout) needs more, and it is
 * trained once, where the cache is filled (`fitcheck lab run`, a batch), not inside a small container.
 */
function referenceLimits(profile: Profile, override: Partial<ModelLimits> | undefined): ModelLimits {
  const limits = limitsOf(profile, override);
  return { ...limits, memoryMb: Math.max(limits.memoryMb, DEFAULT_LIMITS.memoryMb) };
}
