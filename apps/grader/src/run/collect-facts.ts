import { isFitcheckError } from '@fitcheck/core';
import { NotGradedError, ownerOf } from '../errors.js';
import type { BackendName } from '@fitcheck/core';
import { rubricCheck } from '../checks/rubric/index.js';
import { analyzeModel } from '../checks/static/analyze-model.js';
import type { DatasetFacts, ModelFacts, RunFacts, TrainingFacts, VerdictPolicy } from '../checks/facts.js';
import type { SettleRule } from '../checks/types.js';
import type { DebugLog } from '../debug/debug-log.js';
import { limitsOf } from '../isolation/limits.js';
import type { ModelLimits } from '../isolation/protocol.js';
import { trainIsolated } from '../isolation/train-isolated.js';
import type { Lab, Profile } from '../lab/types.js';
import type { Lang } from '../messages/locale.js';
import { placedDetail } from '../messages/fault-words.js';
import { text, type Line, type Text } from '../messages/text.js';
import type { LoadedSubmission, ResolvedModel } from '../submission/load-submission.js';
import { issueAt } from '../submission/place.js';
import type { Submission } from '../submission/types.js';
import type { RunListener } from './events.js';
import { loadRunData } from './load-data.js';
import { trainingDetail } from './training-error.js';
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
  /**
   * When the whole grade must be over (`Date.now()` milliseconds; `grade --deadline`): a further
   * seed's run that would not end before it is not started, and the verdict that asked for it
   * stays undecided (it costs nothing) rather than the grade being killed with nothing to show.
   */
  deadline?: number;
  /** The language of the run's output: picks the profile's description (`translations` in lab.yaml). */
  lang?: Lang;
}

/** A further seed's run is expected to take its first run's time and this much more (a process and TF.js to start). */
const SEED_RUN_MARGIN_S = 15;

/**
 * The facts the rubric scores: static analysis of every student model and of the lab models the
 * rubric compares against (before anything is allocated), then the data, then a training run of
 * each model the profile trains (plus the report's model), with the profile's seed. A model that
 * fails its static checks is never built; each other model trains in its own child process under
 * the profile's time and memory budgets, so a model whose training fails or breaches a budget is
 * recorded as such and the next one still runs. {@link trainMoreSeeds} adds runs with other seeds.
 */
export async function collectFacts(
  lab: Lab,
  loaded: LoadedSubmission & { submission: Submission },
  options: CollectOptions,
): Promise<{ facts: RunFacts; backend: string | null; plan: Line[] }> {
  const { definition } = lab;
  const models = staticModelFacts(lab, loaded);
  const { profile } = options;

  // A report needs its model's test-set outputs, so that model trains in every profile.
  const reportKeys = reportModels(loaded.submission);
  const toTrain = [...new Set([...profile.train, ...reportKeys])]
    .filter((key) => models[key]?.static && !models[key]!.staticFindings.some((f) => f.severity === 'error'));

  // A model the lab allows but this profile's memory cannot hold is not the student's fault: no grade here at all.
  for (const key of toTrain) {
    const dataset = datasetOf(lab, key);
    const most = profile.limits?.modelParams?.[dataset];
    const params = models[key]!.static!.params;
    if (most !== undefined && params > most) {
      throw new NotGradedError({
        code: 'PROFILE_TOO_SMALL', owner: 'lab',
        message: `${key} has ${params.toLocaleString('en')} parameters, within the lab's budget, but the ${options.profileName} profile's ${profile.limits!.modelMemoryMb} MiB hold at most ${most.toLocaleString('en')} for a ${dataset} model`,
        hint: 'a TA grades this submission with a larger profile (ci); it costs the student nothing',
      }, undefined, {
        message: text('fault.profileTooSmall', { model: key, params, profile: options.profileName, mib: profile.limits!.modelMemoryMb, most, dataset }),
        hint: text('fault.profileTooSmallHint'),
      });
    }
  }
  const description = profile.translations?.[options.lang ?? 'en']?.description ?? profile.description;
  const plan: Line[] = [text('plan.profile', { name: options.profileName, description }),
    text('plan.training', { epochs: profile.maxEpochs, patience: profile.patience, seed: options.seed })];
  const { data, datasets, descriptions } = await loadDatasets(lab, loaded.submission, profile, options.seed);
  plan.push(...descriptions);
  for (const m of Object.values(models)) {
    const d = data.get(datasetOf(lab, m.key));
    if (m.static && d && 'facts' in d) m.static.flopsPerEpoch = 3 * m.static.flopsPerSample * d.facts.trainSamples;
  }
  plan.push(text('plan.models', { models: toTrain.length > 0 ? toTrain.join(', ') : text('plan.none') }));
  options.onEvent?.({ type: 'plan', lines: plan });

  const facts: RunFacts = {
    lab: definition, profile: options.profileName, verdicts: verdictPolicy(profile, options.seed), submission: loaded.submission, models, datasets,
  };
  const trainer = new Trainer(lab, options, reportKeys);
  for (const key of toTrain) {
    const model = models[key]!;
    model.seed = options.seed;
    const run = await trainer.train(key, model, data.get(datasetOf(lab, key)), options.seed);
    if (run.training) model.training = run.training;
    if (run.error) model.trainingError = run.error;
    if (run.testOutputs) model.testOutputs = run.testOutputs;
  }
  return { facts, backend: trainer.backend, plan };
}

/**
 * Trains `keys` again with the profile's further seeds (seed + 1 … seed + seeds − 1), each seed's
 * data loaded with that seed (a cat split is seeded), and records each run in the model's
 * `extraRuns` — where a close or failing verdict asked for them (`CheckOutcome.moreSeeds`).
 * Models that never trained with the first seed, and seeds already run, are skipped, and so is a
 * run the grade's `deadline` would not hold: the lines returned say which, for the output.
 */
export async function trainMoreSeeds(lab: Lab, facts: RunFacts, keys: readonly string[], options: CollectOptions): Promise<Line[]> {
  const policy = facts.verdicts;
  const trainer = new Trainer(lab, options, []);
  const skipped: Line[] = [];
  for (let k = 1; k < policy.seeds; k++) {
    const seed = policy.seed + k;
    const wanted = keys.filter((key) => facts.models[key]?.training && !facts.models[key]!.extraRuns?.some((r) => r.seed === seed));
    if (wanted.length === 0) continue;
    const { data } = await loadDatasets(lab, facts.submission, options.profile, seed);
    for (const key of wanted) {
      const model = facts.models[key]!;
      const expected = (model.training?.seconds ?? 0) + SEED_RUN_MARGIN_S;
      if (options.deadline !== undefined && Date.now() + expected * 1000 > options.deadline) {
        const left = Math.max(0, Math.round((options.deadline - Date.now()) / 1000));
        skipped.push(text('plan.seedSkipped', { model: key, seed, seconds: Math.round(expected), left }));
        continue;
      }
      const run = await trainer.train(key, model, data.get(datasetOf(lab, key)), seed);
      (model.extraRuns ??= []).push({ seed, ...(run.training ? { training: run.training } : {}), ...(run.error ? { error: run.error } : {}) });
    }
  }
  return skipped;
}

/** The profile's verdict policy (`verdicts`, `seeds`), for the checks. */
export function verdictPolicy(profile: Profile, seed: number): VerdictPolicy {
  return { final: (profile.verdicts ?? 'final') === 'final', seeds: profile.seeds ?? 1, seed, maxEpochs: profile.maxEpochs };
}

/** The models whose classification report the submission declares (`cats.regularized`). */
function reportModels(submission: Submission): string[] {
  return Object.entries(submission.sections).flatMap(([dataset, s]) => (s.report ? [`${dataset}.${s.report.model}`] : []));
}

type LoadedData = Map<string, RunData | { error: string }>;

/** Every dataset the submission has a section for, as the profile scales it, loaded with `seed`. */
async function loadDatasets(lab: Lab, submission: Submission, profile: Profile, seed: number): Promise<{ data: LoadedData; datasets: Record<string, DatasetFacts>; descriptions: Line[] }> {
  const data: LoadedData = new Map();
  const datasets: Record<string, DatasetFacts> = {};
  const descriptions: Line[] = [];
  for (const name of Object.keys(lab.definition.datasets)) {
    if (!(name in submission.sections)) continue;
    try {
      const loadedData = await loadRunData(name, lab.definition.datasets[name]!, profile.datasets[name] ?? { batchSize: 32 }, seed, submission.sections[name]);
      data.set(name, loadedData);
      datasets[name] = loadedData.facts;
      descriptions.push(loadedData.description);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      // Only the student's preprocess (a reshape of the wrong size) makes data unusable on their account. A
      // missing, truncated or corrupted dataset is not (DATA_ERRORS: the machine's or the lab's): stop
      // before anyone is scored from bad data.
      if (!(isFitcheckError(e) && e.code === 'SHAPE_MISMATCH')) {
        const code = isFitcheckError(e) ? e.code : 'INTERNAL_ERROR';
        // The data error's own English (row, key, hint) stays in the fault; the run says which dataset, which file and
        // the error's detail (a checksum, a row) in its language, as data of its sentence.
        const file = isFitcheckError(e) ? e.place.file : undefined;
        const detail = isFitcheckError(e) ? placedDetail(e) : message;
        const hint = isFitcheckError(e) ? (e.words?.hint as Text | undefined) : undefined;
        throw new NotGradedError({ code, owner: ownerOf(code), message: `dataset ${name} could not be loaded, so nothing was graded: ${isFitcheckError(e) ? e.describe() : message}` }, undefined, {
          message: file === undefined ? text('fault.datasetNotLoaded', { name, code, detail }) : text('fault.datasetFileNotLoaded', { name, code, file, detail }),
          ...(hint && { hint }),
        });
      }
      data.set(name, { error: message });
      descriptions.push(text('plan.notLoaded', { name, detail: message }));
    }
  }
  return { data, datasets, descriptions };
}

/** One model's training run, as the facts keep it. */
interface ModelRun {
  training?: TrainingFacts;
  error?: { code: string; message: string };
  testOutputs?: ModelFacts['testOutputs'];
}

/** Trains models one by one, each in its own child process under the profile's budgets, reporting progress. */
class Trainer {
  backend: string | null = null;
  private readonly limits: ModelLimits;

  constructor(private readonly lab: Lab, private readonly options: CollectOptions, private readonly reportKeys: readonly string[]) {
    this.limits = limitsOf(options.profile, options.limits);
  }

  async train(key: string, model: ModelFacts, d: RunData | { error: string } | undefined, seed: number): Promise<ModelRun> {
    const { options } = this;
    const spec = model.spec!;
    if (!d || 'error' in d) {
      const error = { code: 'TRAINING_FAILED', message: `no data: ${d && 'error' in d ? d.error : 'dataset not loaded'}` };
      options.onEvent?.({ type: 'model-end', model: key, error });
      return { error };
    }
    const settle = settleRule(this.lab, key);
    options.onEvent?.({ type: 'model-start', model: key, params: model.static?.params ?? 0, maxEpochs: options.profile.maxEpochs, seed });
    // The model's key names it in progress and errors (`cats_large`: Keras names take no dots).
    const result = await trainIsolated({ ...spec, name: spec.name ?? key.replace('.', '_') }, d, {
      setup: this.lab.definition.training,
      ...(model.optimizer && { optimizer: model.optimizer }),
      maxEpochs: options.profile.maxEpochs,
      patience: options.profile.patience,
      seed,
      ...(options.backend ? { backend: options.backend } : {}),
      ...(settle ? { settle } : {}),
      withTestOutputs: this.reportKeys.includes(key),
      onEpoch: (epoch, logs) => options.onEvent?.({ type: 'epoch', model: key, epoch, logs }),
    }, this.limits);
    if (this.backend === null && result.backend) {
      this.backend = result.backend;
      options.onEvent?.({ type: 'backend', name: this.backend });
    }
    if (result.error) options.debug?.note(`${key} (seed ${seed}): ${result.error.code}`, [result.stack ?? result.error.message, result.childOutput].filter((s) => s !== '').join('\n'));
    // Only the student's own faults (divergence, a budget) are scored; any other stops the grade: the
    // next model would meet the same backend or machine, and no score is better than a wrong one.
    if (result.error && ownerOf(result.error.code) !== 'submission') {
      const { code, message, hint, words } = result.error;
      throw new NotGradedError({ code, owner: ownerOf(code), message: `${key}: ${message}`, ...(hint !== undefined && { hint }) }, undefined, {
        message: text('fault.trainingStopped', { model: key, code, detail: trainingDetail(result.error) }),
        ...(words?.hint && { hint: words.hint as Text }),
      });
    }
    options.onEvent?.({ type: 'model-end', model: key, ...(result.training ? { training: result.training } : {}), ...(result.error ? { error: result.error } : {}) });
    return {
      ...(result.training ? { training: result.training } : {}),
      ...(result.error ? { error: result.error } : {}),
      ...(result.testOutputs && d.test ? { testOutputs: { outputs: result.testOutputs, labels: d.test.y, classes: d.classes } } : {}),
    };
  }
}

/**
 * What `key`'s training may stop on: a check's `settles` rule, when every rubric item that names
 * the model allows the same one (one item that needs the whole run keeps it whole).
 */
export function settleRule(lab: Lab, key: string): SettleRule | undefined {
  const rules = lab.rubric.items.flatMap((item) => {
    const check = rubricCheck(item.check);
    if (!check) return [];
    return check.modelParams.filter((p) => item.with?.[p] === key).map((p) => check.settles[p]);
  });
  const first = rules[0];
  return first !== undefined && rules.every((r) => r === first) ? first : undefined;
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
    models[key] = {
      key, source: 'submission', spec: resolved?.spec ?? null, budget, staticFindings: analysis.findings,
      ...(resolved?.optimizer && { optimizer: resolved.optimizer }), ...(analysis.facts ? { static: analysis.facts } : {}),
    };
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
