import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildModel, fit, loadModelSpec } from '@fitcheck/core';
import type { LabeledArrays } from '@fitcheck/core';
import { FIXTURES, loadHiggsCsv } from '@fitcheck/datasets';
import { loadLab } from '../lab/load-lab.js';
import { staticModelFacts } from '../run/collect-facts.js';
import { loadSubmission } from '../submission/load-submission.js';
import { runChild } from './child-run.js';
import { syntheticData } from './synthetic-data.js';

/** One benchmark: `prepare` builds what is not timed and returns the timed task. */
export interface BenchCase {
  name: string;
  prepare(): Promise<{ run: () => Promise<unknown>; dispose: () => void }>;
}

const MODELS_DIR = join(FIXTURES.root, 'fixtures', 'models');
const REFERENCE = join(FIXTURES.root, 'fixtures', 'submissions', 'reference');
const BIN = fileURLToPath(new URL('../bin.js', import.meta.url));

/** Peak RSS of every `check-reference` run, for the summary line. */
export const checkPeaks: number[] = [];

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
    async prepare() {
      return {
        run: async () => {
          const lab = await loadLab('lab5');
          staticModelFacts(lab, await loadSubmission(REFERENCE, lab.definition));
        },
        dispose: () => {},
      };
    },
  },
  {
    // What a student waits for: the real CLI, start to exit, in a process of its own.
    name: 'check-reference',
    async prepare() {
      const out = await mkdtemp(join(tmpdir(), 'fitcheck-bench-'));
      return {
        run: async () => {
          const r = await runChild(process.execPath, [BIN, 'check', REFERENCE, '--out', out]);
          if (r.exitCode !== 0) throw new Error(`fitcheck check exited with ${r.exitCode}`);
          checkPeaks.push(r.peakRssMiB);
        },
        dispose: () => void rm(out, { recursive: true, force: true }),
      };
    },
  },
];
