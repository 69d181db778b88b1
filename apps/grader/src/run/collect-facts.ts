import { isFitcheckError } from '@fitcheck/core';
import { NotGradedError, ownerOf } from '../errors.js';
import type { BackendName } from '@fitcheck/core';
import { rubricCheck } from '../checks/rubric/index.js';
import { analyzeModel } from '../checks/static/analyze-model.js';
import type { DatasetFacts, ModelFacts, RunFacts } from '../checks/facts.js';
import type { DebugLog } from '../debug/debug-log.js';
import { limitsOf } from '../isolation/limits.js';
import type { ModelLimits } from '../isolation/protocol.js';
import { trainIsolated } from '../isolation/train-isolated.js';
import type { Lab, Profile } from '../lab/types.js';
import type { LoadedSubmission, ResolvedModel } from '../submission/load-submission.js';
import { issueAt } from '../submission/place.js';
import type { Submission } from '../submission/types.js';
import type { RunListener } from './events.js';
import { loadRunData } from './load-data.js';
import type { RunData } from './load-data.js';

export interface CollectOptions {
  profileName: string;
  profile: Profile;
  seed: number;
  backend?: BackendName;
  onEvent?: RunListener;
  /** Replaces the profile's per-model budgets (flags, tests). */
  limits?: Partial<ModelLimits>;
  debug?: DebugLog;
}

/**
 * The facts the rubric scores: static analysis of every student model and of the lab models the
 * rubric compares against (before anything is allocated), then the data, then a training run of
 * each model the profile trains (plus the report's model). A model that fails its static checks is
 * never built; each other model trains in its own child process under the profile's time and
 * memory budgets, so a model whose training fails or breaches a budget is recorded as such and
 * the next one still runs.
 */
export async function collectFacts(
  lab: Lab,
  loaded: LoadedSubmission & { submission: Submission },
  options: CollectOptions,
): Promise<{ facts: RunFacts; backend: string | null; plan: string[] }> {
  const { definition } = lab;
  const models = staticModelFacts(lab, loaded);

  // A report needs its model's test-set outputs, so that model trains in every profile.
  const reportKeys = Object.entries(loaded.submission.sections).flatMap(([dataset, s]) => (s.report ? [`${dataset}.${s.report.model}`] : []));
  const toTrain = [...new Set([...options.profile.train, ...reportKeys])]
    .filter((key) => models[key]?.static && !models[key]!.staticFindings.some((f) => f.severity === 'error'));

  const datasets: Record<string, DatasetFacts> = {};
  const data = new Map<string, RunData | { error: string }>();
  const plan = [`profile ${options.profileName}: ${options.profile.description}`,
    `training: at most ${options.profile.maxEpochs} epochs, early stopping after ${options.profile.patience} epochs without a better val_binary_crossentropy, seed ${options.seed}`];
  for (const name of Object.keys(definition.datasets)) {
    const needed = name in loaded.submission.sections;
    if (!needed) continue;
    try {
      const loadedData = await loadRunData(name, definition.datasets[name]!, options.profile.datasets[name] ?? { batchSize: 32 }, options.seed, loaded.submission.sections[name]);
      data.set(name, loadedData);
      datasets[name] = loadedData.facts;
      plan.push(loadedData.description);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      // Only the student's preprocess (a reshape of the wrong size) makes data unusable on their account. A
      // missing, truncated or corrupted dataset is not (DATA_ERRORS: the machine's or the lab's): stop
      // before anyone is scored from bad data.
      if (!(isFitcheckError(e) && e.code === 'SHAPE_MISMATCH')) {
        const code = isFitcheckError(e) ? e.code : 'INTERNAL_ERROR';
        throw new NotGradedError({ code, owner: ownerOf(code), message: `dataset ${name} could not be loaded, so nothing was graded: ${isFitcheckError(e) ? e.describe() : message}` });
      }
      data.set(name, { error: message });
      plan.push(`${name}: not loaded (${message})`);
    }
  }
  for (const m of Object.values(models)) {
    const d = data.get(datasetOf(lab, m.key));
    if (m.static && d && 'facts' in d) m.static.flopsPerEpoch = 3 * m.static.flopsPerSample * d.facts.trainSamples;
  }
  plan.push(`models trained: ${toTrain.length > 0 ? toTrain.join(', ') : 'none'}`);
  options.onEvent?.({ type: 'plan', lines: plan });

  let backend: string | null = null;
  const limits = limitsOf(options.profile, options.limits);
  for (const key of toTrain) {
    const model = models[key]!;
    const d = data.get(datasetOf(lab, key));
    if (!d || 'error' in d) {
      model.trainingError = { code: 'TRAINING_FAILED', message: `no data: ${d && 'error' in d ? d.error : 'dataset not loaded'}` };
      options.onEvent?.({ type: 'model-end', model: key, error: model.trainingError });
      continue;
    }
    options.onEvent?.({ type: 'model-start', model: key, params: model.static!.params, maxEpochs: options.profile.maxEpochs });
    // The model's key names it in progress and errors (`cats_large`: Keras names take no dots).
    const result = await trainIsolated({ ...model.spec!, name: model.spec!.name ?? key.replace('.', '_') }, d, {
      setup: definition.training,
      maxEpochs: options.profile.maxEpochs,
      patience: options.profile.patience,
      seed: options.seed,
      ...(options.backend ? { backend: options.backend } : {}),
      withTestOutputs: reportKeys.includes(key),
      onEpoch: (epoch, logs) => options.onEvent?.({ type: 'epoch', model: key, epoch, logs }),
    }, limits);
    if (backend === null && result.backend) {
      backend = result.backend;
      options.onEvent?.({ type: 'backend', name: backend });
    }
    if (result.error) options.debug?.note(`${key}: ${result.error.code}`, [result.stack ?? result.error.message, result.childOutput].filter((s) => s !== '').join('\n'));
    // Only the student's own faults (divergence, a budget) are scored; any other stops the grade: the
    // next model would meet the same backend or machine, and no score is better than a wrong one.
    if (result.error && ownerOf(result.error.code) !== 'submission') {
      const { code, message, hint } = result.error;
      throw new NotGradedError({ code, owner: ownerOf(code), message: `${key}: ${message}`, ...(hint !== undefined && { hint }) });
    }
    if (result.training) model.training = result.training;
    if (result.error) model.trainingError = result.error;
    if (result.testOutputs && d.test) model.testOutputs = { outputs: result.testOutputs, labels: d.test.y, classes: d.classes };
    options.onEvent?.({ type: 'model-end', model: key, ...(result.training ? { training: result.training } : {}), ...(result.error ? { error: result.error } : {}) });
  }
  return { facts: { lab: definition, profile: options.profileName, submission: loaded.submission, models, datasets }, backend, plan };
}

/**
 * Static facts of every student model and of the lab models the rubric compares against:
 * shapes, parameters, FLOPs, budget — before anything is allocated.
 */
export function staticModelFacts(lab: Lab, loaded: LoadedSubmission): Record<string, ModelFacts> {
  const { definition } = lab;
  const models: Record<string, ModelFacts> = {};
  for (const [key, { budget, flopBudget }] of Object.entries(definition.studentModels)) {
    const resolved = loaded.models[key] ?? null;
    const analysis = resolved ? analyzeModel(key, resolved.spec, {
      budget,
      ...(flopBudget !== undefined ? { flopBudget } : {}),
      ...(resolved.declaredInputShape ? { declaredInputShape: resolved.declaredInputShape } : {}),
      ...(resolved.written ? { layerNameAt: layerNameAt(resolved.written) } : {}),
    }) : { findings: [] };
    models[key] = { key, source: 'submission', spec: resolved?.spec ?? null, budget, staticFindings: analysis.findings, ...(analysis.facts ? { static: analysis.facts } : {}) };
  }
  for (const key of rubricLabModels(lab)) {
    const fixed = definition.models[key]!;
    const spec = { inputShape: definition.datasets[fixed.dataset]?.inputShape ?? [], layers: fixed.layers, name: key };
    const analysis = analyzeModel(key, spec);
    models[key] = { key, source: 'lab', spec, staticFindings: analysis.findings, ...(analysis.facts ? { static: analysis.facts } : {}) };
  }
  return models;
}

/** `file:line:col` of the `name` of a layer of a `layers:` list (of the layer itself when it has none). */
function layerNameAt(written: NonNullable<ResolvedModel['written']>): (index: number) => string {
  return (index) => {
    const { file, line, column } = issueAt(written, `${written.pointer}/${index}/name`, '');
    return `${file}:${line}:${column}`;
  };
}

/** `cats.large` → `cats`. */
export function datasetOf(lab: Lab, key: string): string {
  return lab.definition.studentModels[key]?.dataset ?? lab.definition.models[key]?.dataset ?? key.split('.')[0] ?? '';
}

/** Lab (fixed) models a rubric item names in a parameter its check declares as a model (`baseline: higgs.large`). */
function rubricLabModels(lab: Lab): string[] {
  const keys = lab.rubric.items.flatMap((item) => {
    const params = rubricCheck(item.check)?.modelParams ?? [];
    return params.map((p) => item.with?.[p]).filter((v): v is string => typeof v === 'string');
  });
  return [...new Set(keys.filter((k) => k in lab.definition.models))];
}
