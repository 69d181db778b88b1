import { join } from 'node:path';
import { formatSummary } from '@fitcheck/core';
import type { BackendName, History } from '@fitcheck/core';
import { prepareOut, replaceDir, writeFileAtomic } from '../out/write-out.js';
import { analyzeModel } from '../checks/static/analyze-model.js';
import { loadLab } from '../lab/load-lab.js';
import { GRADER_VERSION } from '../lab/version.js';
import { loadMessages, type Lang } from '../messages/locale.js';
import { defaultCacheDir } from '../references/cache-dir.js';
import { expectedBackend, referenceRuns } from '../references/reference-runs.js';
import { learningRatePoints, smoothingFor } from '../report/from-grade.js';
import { colorOrder, referenceGroupRuns, reportGroups } from '../report/groups.js';
import type { LabModelRow, LabReportInput } from '../report/lab-report.js';
import type { RunListener } from './events.js';
import { loadRunData } from './load-data.js';
import { renderText, text, type Line } from '../messages/text.js';
import { FlagError } from '../cli/flag-error.js';

export interface LabRunOptions {
  /** A lab id (`grading/labs/<id>`) or the path of a lab folder. */
  lab: string;
  profile?: string;
  out: string;
  seed?: number;
  /** Only these model keys (default: every model of the lab). */
  only?: string[];
  backend?: BackendName;
  /** The reference-run cache (default `defaultCacheDir()`): a model cached at this key is read, not trained. */
  cache?: string;
  /** The report's language (default: the lab's). */
  lang?: Lang;
  /** Also print `OUT/report.pdf`. */
  pdf?: boolean;
  onEvent?: RunListener;
}

/** One model of a lab run as `OUT/summary.json` lists it. */
export interface LabRunEntry extends LabModelRow {
  finalValAccuracy: number | null;
  stoppedEarly: boolean | null;
  seconds: number | null;
}

/**
 * The notebook, reproduced: every fixed model of the lab (Tiny…Combined, the cat models) with the
 * lab's setup at the profile's scale, through the reference cache (a run cached at its key is read;
 * the others train, each in its own process, and fill the cache graders read). Writes
 * `OUT/histories.json` (Keras-shaped histories by model), `OUT/summary.json`, `OUT/summaries.txt`
 * (Keras summary tables), `OUT/tensorboard/<group>/<model>/`, and `OUT/report.html` — every chart,
 * summary and classification report, in the lab's language — with `pdf` also `OUT/report.pdf`.
 */
export async function runLab(options: LabRunOptions): Promise<{ entries: LabRunEntry[]; files: string[] }> {
  const lab = await loadLab(options.lab);
  const definition = lab.definition;
  const profileName = options.profile ?? 'check';
  const profile = definition.profiles[profileName];
  if (!profile) throw new FlagError('INVALID_FLAG', text('cli.usageUnknownProfile', { name: profileName }), text('cli.usageOneOf', { values: Object.keys(definition.profiles).join(', ') }));
  const seed = options.seed ?? profile.seed;
  const keys = Object.keys(definition.models).filter((k) => !options.only || options.only.includes(k));
  if (options.only) {
    const unknown = options.only.filter((k) => !(k in definition.models));
    if (unknown.length > 0) throw new FlagError('INVALID_FLAG', text('cli.usageUnknownModels', { models: unknown.join(', ') }), text('cli.usageModels', { models: Object.keys(definition.models).join(', ') }));
  }
  await prepareOut(options.out);
  const lang = options.lang ?? definition.lang ?? 'en';
  const messages = loadMessages(lang);
  const backend = options.backend ?? expectedBackend();

  const plan: Line[] = [];
  for (const name of new Set(keys.map((k) => definition.models[k]!.dataset))) {
    plan.push((await loadRunData(name, definition.datasets[name]!, profile.datasets[name] ?? { batchSize: 32 }, seed)).description);
  }
  options.onEvent?.({ type: 'plan', lines: [text('cli.labRunPlan', { lab: definition.id, profile: profileName, epochs: profile.maxEpochs, patience: profile.patience, seed: String(seed), backend }), ...plan] });
  const { runs, sources, failed } = await referenceRuns(definition, {
    cache: options.cache ?? defaultCacheDir(), profileName, profile, seed, backend, only: keys,
    ...(options.onEvent && { onEvent: options.onEvent }),
  });

  const histories: Record<string, History> = {};
  const entries: LabRunEntry[] = [];
  const summaries: { model: string; text: string }[] = [];
  for (const key of keys) {
    const fixed = definition.models[key]!;
    const spec = { inputShape: definition.datasets[fixed.dataset]!.inputShape, layers: fixed.layers, name: key.split('.')[1] ?? key };
    const analysis = analyzeModel(key, spec);
    if (analysis.facts) summaries.push({ model: key, text: formatSummary(spec) });
    const training = runs[key]?.training;
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
      source: sources[key] ?? null,
      error: failed[key] ? `${failed[key].code}: ${failed[key].message}` : (analysis.findings.find((f) => f.severity === 'error')?.message ?? null),
    });
  }
  const files = ['histories.json', 'summary.json', 'summaries.txt', 'report.html'].map((f) => join(options.out, f));
  const [historiesFile, summaryFile, summariesFile, reportFile] = files as [string, string, string, string];
  await writeFileAtomic(historiesFile, `${JSON.stringify(histories)}\n`);
  await writeFileAtomic(summaryFile, `${JSON.stringify({ lab: definition.id, profile: profileName, seed, backend, models: entries }, null, 2)}\n`);
  await writeFileAtomic(summariesFile, `${summaries.map((s) => s.text).join('\n\n')}\n`);

  // The report's libraries (Vega, Handlebars) are loaded once training is over.
  const { renderLabReport, referenceClassification } = await import('../report/lab-report.js');
  const { writeTensorboardLogs } = await import('../tensorboard/write-histories.js');
  const chartRuns = referenceGroupRuns(definition, runs);
  const tensorboardDir = join(options.out, 'tensorboard');
  await replaceDir(tensorboardDir, (temp) => writeTensorboardLogs(temp, chartRuns));
  const input: LabReportInput = {
    lab: definition.translations?.[lang]?.title ?? definition.title,
    profile: profileName, profileDescription: profile.translations?.[lang]?.description ?? profile.description ?? '', seed,
    backend: Object.values(runs)[0]?.training.backend ?? backend,
    graderVersion: GRADER_VERSION, date: new Date().toISOString(), plan: plan.map((line) => renderText(messages, line)),
    models: entries, runs: chartRuns, groups: reportGroups(definition), colorOrder: colorOrder(definition), smoothingStd: smoothingFor(chartRuns),
    learningRate: learningRatePoints(definition),
    summaries,
    classification: Object.values(runs).flatMap((r) => referenceClassification(r, messages) ?? []),
  };
  await writeFileAtomic(reportFile, await renderLabReport(input, lang));
  files.push(tensorboardDir);
  if (options.pdf) {
    const { printPdf } = await import('../report/browser.js');
    const pdf = join(options.out, 'report.pdf');
    await printPdf(reportFile, pdf);
    files.push(pdf);
  }
  return { entries, files };
}
