import { join } from 'node:path';
import { formatSummary, initBackend } from '@fitcheck/core';
import type { BackendName, History } from '@fitcheck/core';
import { prepareOut, writeFileAtomic } from '../out/write-out.js';
import { analyzeModel } from '../checks/static/analyze-model.js';
import type { TrainingFacts } from '../checks/facts.js';
import { loadLab } from '../lab/load-lab.js';
import type { RunListener } from './events.js';
import { loadRunData } from './load-data.js';
import type { RunData } from './load-data.js';
import { trainModel } from './train-model.js';
import { GraderError } from '../errors.js';

export interface LabRunOptions {
  /** A lab id (`grading/labs/<id>`) or the path of a lab folder. */
  lab: string;
  profile?: string;
  out: string;
  seed?: number;
  /** Only these model keys (default: every model of the lab). */
  only?: string[];
  backend?: BackendName;
  onEvent?: RunListener;
}

/** One model of a lab run as `OUT/summary.json` lists it. */
export interface LabRunEntry {
  model: string;
  params: number | null;
  epochsRun: number | null;
  bestEpoch: number | null;
  bestValBce: number | null;
  finalTrainBce: number | null;
  finalValBce: number | null;
  finalValAccuracy: number | null;
  stoppedEarly: boolean | null;
  seconds: number | null;
  error: string | null;
}

/**
 * The notebook, reproduced: trains every fixed model of the lab (Tiny…Combined, the cat models)
 * with the lab's setup at the profile's scale, and writes `OUT/histories.json` (Keras-shaped
 * histories by model), `OUT/summary.json` and `OUT/summaries.txt` (Keras summary tables). The
 * files are rewritten after every model, so a failing model never loses the earlier ones.
 */
export async function runLab(options: LabRunOptions): Promise<{ entries: LabRunEntry[]; files: string[] }> {
  const lab = await loadLab(options.lab);
  const profileName = options.profile ?? 'check';
  const profile = lab.definition.profiles[profileName];
  if (!profile) throw new GraderError('INVALID_FLAG', `unknown profile "${profileName}"`, {}, `use one of: ${Object.keys(lab.definition.profiles).join(', ')}`);
  const seed = options.seed ?? profile.seed;
  const keys = Object.keys(lab.definition.models).filter((k) => !options.only || options.only.includes(k));
  if (options.only) {
    const unknown = options.only.filter((k) => !(k in lab.definition.models));
    if (unknown.length > 0) throw new GraderError('INVALID_FLAG', `unknown model(s) ${unknown.join(', ')}`, {}, `models: ${Object.keys(lab.definition.models).join(', ')}`);
  }
  await prepareOut(options.out);
  const backend = (await initBackend(options.backend ? { backend: options.backend } : {})).name;

  const data = new Map<string, RunData>();
  const plan = [`lab ${lab.definition.id}, profile ${profileName}: at most ${profile.maxEpochs} epochs, patience ${profile.patience}, seed ${seed}, backend ${backend}`];
  for (const name of new Set(keys.map((k) => lab.definition.models[k]!.dataset))) {
    const d = await loadRunData(name, lab.definition.datasets[name]!, profile.datasets[name] ?? { batchSize: 32 }, seed);
    data.set(name, d);
    plan.push(d.description);
  }
  options.onEvent?.({ type: 'plan', lines: plan });

  const histories: Record<string, History> = {};
  const entries: LabRunEntry[] = [];
  const summaries: string[] = [];
  const files = ['histories.json', 'summary.json', 'summaries.txt'].map((f) => join(options.out, f));
  for (const key of keys) {
    const fixed = lab.definition.models[key]!;
    const d = data.get(fixed.dataset)!;
    const spec = { inputShape: d.facts.sampleShape, layers: fixed.layers, name: key.split('.')[1] ?? key };
    const analysis = analyzeModel(key, spec);
    let training: TrainingFacts | undefined;
    let error: string | null = analysis.findings.find((f) => f.severity === 'error')?.message ?? null;
    if (analysis.facts && error === null) {
      summaries.push(formatSummary(spec));
      options.onEvent?.({ type: 'model-start', model: key, params: analysis.facts.params, maxEpochs: profile.maxEpochs });
      const result = await trainModel(spec, d, {
        setup: lab.definition.training, maxEpochs: profile.maxEpochs, patience: profile.patience, seed, backend,
        onEpoch: (epoch, logs) => options.onEvent?.({ type: 'epoch', model: key, epoch, logs }),
      });
      training = result.training;
      error = result.error?.message ?? null;
      options.onEvent?.({ type: 'model-end', model: key, ...(training ? { training } : {}), ...(result.error ? { error: result.error } : {}) });
    }
    if (training) histories[key] = training.history;
    const last = training ? training.epochsRun - 1 : -1;
    entries.push({
      model: key,
      params: analysis.facts?.params ?? null,
      epochsRun: training?.epochsRun ?? null,
      bestEpoch: training?.bestEpoch ?? null,
      bestValBce: training?.bestValBce ?? null,
      finalTrainBce: training?.finalTrainBce ?? null,
      finalValBce: training?.finalValBce ?? null,
      finalValAccuracy: training?.history.history.val_accuracy[last] ?? null,
      stoppedEarly: training?.stoppedEarly ?? null,
      seconds: training ? Math.round(training.seconds * 10) / 10 : null,
      error,
    });
    const [historiesFile, summaryFile, summariesFile] = files as [string, string, string];
    await writeFileAtomic(historiesFile, `${JSON.stringify(histories)}\n`);
    await writeFileAtomic(summaryFile, `${JSON.stringify({ lab: lab.definition.id, profile: profileName, seed, backend, models: entries }, null, 2)}\n`);
    await writeFileAtomic(summariesFile, `${summaries.join('\n\n')}\n`);
  }
  return { entries, files };
}
