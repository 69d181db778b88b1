import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildModel, fit, loadModelSpec } from '@fitcheck/core';
import type { LabeledArrays } from '@fitcheck/core';
import { FIXTURES, loadHiggsCsv } from '@fitcheck/datasets';
import { loadLab } from '../lab/load-lab.js';
import { REPO_ROOT } from '../lab/paths.js';
import type { Lab } from '../lab/types.js';
import type { GradescopeResults } from '../results/gradescope.js';
import { staticModelFacts } from '../run/collect-facts.js';
import { loadSubmission } from '../submission/load-submission.js';
import { runChild } from './child-run.js';
import { syntheticData } from './synthetic-data.js';

/** One benchmark: `prepare` builds what is not timed and returns the timed task; `labRef` is the lab whose reference solution grading cases grade. */
export interface BenchCase {
  name: string;
  prepare(labRef: string): Promise<{ run: () => Promise<unknown>; dispose: () => void }>;
  /** Runs of minutes: one timed run, no warm-up (each run is a whole process anyway). */
  once?: boolean;
}

const MODELS_DIR = join(FIXTURES.root, 'fixtures', 'models');
const BIN = fileURLToPath(new URL('../bin.js', import.meta.url));

/** Peak RSS of every `check-reference` run, for the summary line. */
export const checkPeaks: number[] = [];

/** What each gradescope case measured: wall time, peak RSS of the whole process tree, the grade. */
export const gradescopeRuns: { name: string; seconds: number; peakTreeRssMiB: number; status: string; score: number | null; seedsTrained: number; undecided: string[] }[] = [];

/**
 * `fitcheck gradescope run` (run_autograder's work) on one submission, with the gradescope profile
 * and one thread, as Gradescope's ½ vCPU gives it, in a temp folder laid out like `/autograder`.
 */
function gradescopeCase(name: string, submission: string): BenchCase {
  return {
    name,
    once: true,
    async prepare() {
      const root = await mkdtemp(join(tmpdir(), 'fitcheck-bench-autograder-'));
      await cp(submission, join(root, 'submission'), { recursive: true });
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
  model: string;
  data: { train: number; validation: number; batchSize: number; sample: readonly number[] };
}

/** One epoch of `fit`, exactly as a grading run trains: Adam, lr 0.001, validation at the epoch's end. */
function epochCase({ name, model, data }: EpochCase): BenchCase {
  return {
    name,
    async prepare() {
      const spec = await loadModelSpec(join(MODELS_DIR, `${model}.yaml`));
      const isImage = data.sample.length > 1;
      const [lo, hi] = isImage ? [0, 1] : [-2, 2];
      const train: LabeledArrays = syntheticData(data.train, data.sample, 1, lo, hi);
      const validation: LabeledArrays = syntheticData(data.validation, data.sample, 2, lo, hi);
      const net = buildModel(spec, { seed: 0 });
      let seed = 0;
      return {
        run: () => fit(net, { train, validation }, {
          spec, epochs: 1, batchSize: data.batchSize, seed: seed++, learningRate: 0.001,
        }),
        dispose: () => net.dispose(),
      };
    },
  };
}

/** The lab's reference solution (`submission.reference`), which the grading cases grade. */
async function referenceOf(labRef: string): Promise<{ lab: Lab; reference: string }> {
  const lab = await loadLab(labRef);
  const reference = lab.definition.submission.reference;
  if (reference === undefined) throw new Error(`lab ${lab.definition.id} names no submission.reference to grade`);
  return { lab, reference: join(REPO_ROOT, reference) };
}

/** Every case this harness can run today, in the order `pnpm bench` prints them. */
export const BENCH_CASES: readonly BenchCase[] = [
  epochCase({ name: 'higgs-large-epoch', model: 'large', data: HIGGS }),
  epochCase({ name: 'higgs-tiny-epoch', model: 'tiny', data: HIGGS }),
  epochCase({ name: 'higgs-large-dropout-epoch', model: 'dropout', data: HIGGS }),
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
  gradescopeCase('gradescope-careful', join(FIXTURES.root, 'fixtures', 'calibration', 'careful')),
  gradescopeCase('gradescope-worst-case', join(FIXTURES.root, 'fixtures', 'gradescope', 'worst-case')),
  {
    // What a student waits for: the real CLI, start to exit, in a process of its own.
    name: 'check-reference',
    async prepare(labRef) {
      const out = await mkdtemp(join(tmpdir(), 'fitcheck-bench-'));
      const { reference } = await referenceOf(labRef);
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
