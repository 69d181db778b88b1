import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildModel, fit, loadModelSpec } from '@fitcheck/core';
import type { LabeledArrays, ModelSpec } from '@fitcheck/core';
import { FIXTURES, loadHiggsCsv } from '@fitcheck/datasets';
import { loadLab } from '../lab/load-lab.js';
import { defaultCacheDir } from '../references/cache-dir.js';
import { referenceRuns } from '../references/reference-runs.js';
import { referenceModels } from '../report/groups.js';
import { REPO_ROOT } from '../lab/paths.js';
import type { Lab } from '../lab/types.js';
import type { GradescopeResults } from '../results/gradescope.js';
import { staticModelFacts } from '../run/collect-facts.js';
import { loadSubmission } from '../submission/load-submission.js';
import { runChild } from './child-run.js';
import { syntheticData } from './synthetic-data.js';
import { torchLayers } from './torch-reference.js';
import type { TorchEpoch } from './torch-reference.js';

/** One benchmark: `prepare` builds what is not timed and returns the timed task; `labRef` is the lab whose reference solution grading cases grade. */
export interface BenchCase {
  name: string;
  prepare(labRef: string): Promise<{
    run: () => Promise<unknown>;
    dispose: () => void;
    /** The same work in PyTorch, timed right after each of our runs (torch_reference.py). */
    torch?: TorchEpoch | undefined;
  }>;
  /** Runs of minutes: one timed run, no warm-up (each run is a whole process anyway). */
  once?: boolean;
  /** The work runs in a child process: this process' CPU time says nothing about it. */
  inChild?: boolean;
}

const MODELS_DIR = join(FIXTURES.root, 'fixtures', 'models');
const BIN = fileURLToPath(new URL('../bin.js', import.meta.url));

/** Peak RSS of every `check-reference` run, for the summary line. */
export const checkPeaks: number[] = [];
/** Peak RSS of the process tree (the grader and its training children) of every `ci-reference` run. */
export const ciPeaks: number[] = [];

/** What each gradescope case measured: wall time, peak RSS of the whole process tree, the grade. */
export const gradescopeRuns: { name: string; seconds: number; peakTreeRssMiB: number; status: string; score: number | null; seedsTrained: number; undecided: string[] }[] = [];

/**
 * `fitcheck gradescope run` (run_autograder's work) on one submission, with the gradescope profile
 * and one thread, as Gradescope's ½ vCPU gives it, in a temp folder laid out like `/autograder`.
 */
function gradescopeCase(name: string, submission: (labRef: string) => Promise<string>): BenchCase {
  return {
    name,
    once: true,
    inChild: true,
    async prepare(labRef) {
      const root = await mkdtemp(join(tmpdir(), 'fitcheck-bench-autograder-'));
      await cp(await submission(labRef), join(root, 'submission'), { recursive: true });
      return {
        run: async () => {
          await rm(join(root, 'results'), { recursive: true, force: true });
          const r = await runChild(process.execPath, [BIN, 'gradescope', 'run', '--root', root, '--profile', 'gradescope'],
            { ...process.env, FITCHECK_THREADS: '1', FITCHECK_BACKEND: 'wasm' });
          const results = JSON.parse(await readFile(join(root, 'results', 'results.json'), 'utf8')) as GradescopeResults;
          gradescopeRuns.push({
            name, seconds: r.seconds, peakTreeRssMiB: r.peakTreeRssMiB, status: results.extra_data.status,
            score: results.extra_data.status === 'error' ? null : results.score,
            seedsTrained: results.extra_data.models.reduce((n, m) => n + (m.epochsRun === null ? 0 : 1) + m.otherSeeds.length, 0),
            undecided: results.tests.filter((t) => t.extra_data.status === 'undecided').map((t) => t.number),
          });
        },
        dispose: () => void rm(root, { recursive: true, force: true }),
      };
    },
  };
}

/** The lab's Higgs split (10,000 train, 1,000 validation) and cat set (209 train, 50 test). */
const HIGGS = { train: 10_000, validation: 1_000, batchSize: 500, sample: [28] } as const;
const CATS = { train: 209, validation: 50, batchSize: 32, sample: [64, 64, 3] } as const;

interface EpochCase {
  name: string;
  /** A model of fixtures/models, or a spec. */
  model: string | ModelSpec;
  data: { train: number; validation: number; batchSize: number; sample: readonly number[] };
}

/**
 * The careful submission's Giant (fixtures/calibration/careful): 3 × Dense(2048), 8.45 M parameters,
 * the model a `ci` grade spends most of its time on (59 epochs of 2,000 rows in 235 s on main).
 */
const GIANT_2048: ModelSpec = {
  name: 'giant_2048',
  inputShape: [28],
  layers: [
    { type: 'Dense', units: 2048, activation: 'elu' },
    { type: 'Dense', units: 2048, activation: 'elu' },
    { type: 'Dense', units: 2048, activation: 'elu' },
    { type: 'Dense', units: 1 },
  ],
};

/**
 * One epoch of `fit`, exactly as a grading run trains: Adam, lr 0.001, validation at the epoch's end;
 * paired with the same epoch in PyTorch where the reference script builds the model.
 */
function epochCase({ name, model, data }: EpochCase): BenchCase {
  const isImage = data.sample.length > 1;
  const [lo, hi] = isImage ? [0, 1] : [-2, 2];
  const loadSpec = (): Promise<ModelSpec> => (typeof model === 'string' ? loadModelSpec(join(MODELS_DIR, `${model}.yaml`)) : Promise.resolve(model));
  const torchOf = (spec: ModelSpec): TorchEpoch | undefined => {
    const layers = torchLayers(spec);
    return layers === undefined ? undefined
      : { key: name, ...layers, train: data.train, validation: data.validation, batch: data.batchSize, lo, hi };
  };
  return {
    name,
    async prepare() {
      const spec = await loadSpec();
      const train: LabeledArrays = syntheticData(data.train, data.sample, 1, lo, hi);
      const validation: LabeledArrays = syntheticData(data.validation, data.sample, 2, lo, hi);
      const net = buildModel(spec, { seed: 0 });
      let seed = 0;
      return {
        run: () => fit(net, { train, validation }, {
          spec, epochs: 1, batchSize: data.batchSize, seed: seed++, learningRate: 0.001,
        }),
        dispose: () => net.dispose(),
        torch: torchOf(spec),
      };
    },
  };
}

/**
 * A command of the real CLI, start to exit, in a process of its own, once (it takes minutes).
 * With `warmProfile`, the lab's reference runs for that profile are read or trained into the cache
 * first, untimed: a class trains them once (`batch` does it before the first student), so what a
 * TA waits for per submission is the grade with them cached.
 */
function cliCase(name: string, args: (out: string, labRef: string) => Promise<string[]>, peaks: number[], warmProfile?: string): BenchCase {
  return {
    name,
    once: true,
    inChild: true,
    async prepare(labRef) {
      const out = await mkdtemp(join(tmpdir(), 'fitcheck-bench-'));
      const argv = await args(out, labRef);
      if (warmProfile !== undefined) await warmReferences(labRef, warmProfile);
      return {
        run: async () => {
          const r = await runChild(process.execPath, [BIN, ...argv]);
          if (r.exitCode !== 0) throw new Error(`fitcheck ${argv.slice(0, 2).join(' ')} exited with ${r.exitCode}`);
          peaks.push(r.peakTreeRssMiB);
        },
        dispose: () => void rm(out, { recursive: true, force: true }),
      };
    },
  };
}

/** The lab's reference runs at `profileName` and its seed, in the default cache (what `grade` reads). */
async function warmReferences(labRef: string, profileName: string): Promise<void> {
  const { definition } = await loadLab(labRef);
  const profile = definition.profiles[profileName];
  const only = referenceModels(definition);
  if (profile === undefined || only.length === 0) return;
  const started = performance.now();
  const { sources } = await referenceRuns(definition, { cache: defaultCacheDir(), only, profileName, profile, seed: profile.seed });
  const trained = Object.values(sources).filter((s) => s !== 'cache').length;
  console.error(`references (${profileName}): ${only.length - trained} cached, ${trained} trained in ${((performance.now() - started) / 1000).toFixed(1)} s, untimed`);
}

/** Peak RSS of the `lab-full-*` runs' process trees (not reported against a target). */
const labPeaks: number[] = [];

/** The lab's reference solution (`submission.reference`), which the grading cases grade. */
async function referenceOf(labRef: string): Promise<{ lab: Lab; reference: string }> {
  const lab = await loadLab(labRef);
  const reference = lab.definition.submission.reference;
  if (reference === undefined) throw new Error(`lab ${lab.definition.id} names no submission.reference to grade`);
  return { lab, reference: join(REPO_ROOT, reference) };
}

/** The submission a lab's gradescope profile is sized for (`gradescope.worstCase`). */
async function worstCaseOf(labRef: string): Promise<string> {
  const lab = await loadLab(labRef);
  const worstCase = lab.definition.gradescope?.worstCase;
  if (worstCase === undefined) throw new Error(`lab ${lab.definition.id} names no gradescope.worstCase to grade`);
  return join(REPO_ROOT, worstCase);
}

/** Every case this harness can run today, in the order `pnpm bench` prints them. */
export const BENCH_CASES: readonly BenchCase[] = [
  epochCase({ name: 'higgs-tiny-epoch', model: 'tiny', data: HIGGS }),
  epochCase({ name: 'higgs-small-epoch', model: 'small', data: HIGGS }),
  epochCase({ name: 'higgs-medium-epoch', model: 'medium', data: HIGGS }),
  epochCase({ name: 'higgs-large-epoch', model: 'large', data: HIGGS }),
  epochCase({ name: 'higgs-large-dropout-epoch', model: 'dropout', data: HIGGS }),
  epochCase({ name: 'higgs-giant-2048-epoch', model: GIANT_2048, data: { ...HIGGS, train: 2_000 } }),
  epochCase({ name: 'cats-large-epoch', model: 'cat-large', data: CATS }),
  {
    name: 'higgs-read',
    async prepare() {
      return { run: () => loadHiggsCsv(FIXTURES.higgsFirst10000.path), dispose: () => {} };
    },
  },
  {
    // Everything `grade` does before any tensor exists: lab, submission, schema, shapes, budgets.
    name: 'validate-reference',
    async prepare(labRef) {
      return {
        run: async () => {
          const { lab, reference } = await referenceOf(labRef);
          staticModelFacts(lab, await loadSubmission(reference, lab.definition));
        },
        dispose: () => {},
      };
    },
  },
  // The chosen lab's (`--lab`) reference solution and the submission its gradescope profile is sized
  // for (lab.yaml's `gradescope.worstCase`), and lab 5's careful submission.
  gradescopeCase('gradescope-reference', async (labRef) => (await referenceOf(labRef)).reference),
  gradescopeCase('gradescope-careful', () => Promise.resolve(join(FIXTURES.root, 'fixtures', 'calibration', 'careful'))),
  gradescopeCase('gradescope-worst-case', worstCaseOf),
  // What a TA waits for: the ci grade of the reference submission, every seed it asks for.
  cliCase('ci-reference', async (out, labRef) =>
    ['grade', (await referenceOf(labRef)).reference, '--lab', labRef, '--profile', 'ci', '--out', out, '--quiet'], ciPeaks, 'ci'),
  // The notebook's own setup (the full profile), model by model: the whole notebook takes hours.
  ...['tiny', 'small', 'medium'].map((model) => cliCase(`lab-full-higgs.${model}`,
    async (out, labRef) => ['lab', 'run', '--lab', labRef, '--profile', 'full', '--only', `higgs.${model}`, '--out', out], labPeaks)),
  {
    // What a student waits for: the real CLI, start to exit, in a process of its own.
    name: 'check-reference',
    inChild: true,
    async prepare(labRef) {
      const out = await mkdtemp(join(tmpdir(), 'fitcheck-bench-'));
      const { reference } = await referenceOf(labRef);
      await warmReferences(labRef, 'check');
      return {
        run: async () => {
          const r = await runChild(process.execPath, [BIN, 'check', reference, '--lab', labRef, '--out', out]);
          if (r.exitCode !== 0) throw new Error(`fitcheck check exited with ${r.exitCode}`);
          checkPeaks.push(r.peakRssMiB);
        },
        dispose: () => void rm(out, { recursive: true, force: true }),
      };
    },
  },
];
