import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A shipped data file: where it is and what its bytes must hash to. */
export interface FixtureFile {
  path: string;
  sha256: string;
  bytes: number;
}

/** Walks up from `start` to the directory holding `pnpm-workspace.yaml`; undefined outside the repo. */
export function findRepoRoot(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

// Resolved from this module first (works from src/ and dist/), then from the working directory.
const root =
  findRepoRoot(dirname(fileURLToPath(import.meta.url))) ?? findRepoRoot(process.cwd()) ?? process.cwd();
const dataDir = join(root, 'fixtures', 'datasets');

/** Absolute paths and sha256 sums of the real data shipped in `fixtures/datasets/` (see its SOURCES.md). */
export const FIXTURES = {
  root,
  dir: dataDir,
  catsDir: join(dataDir, 'catvnoncat'),
  /** HIGGS rows 1–10,000 in order, 3 significant digits. */
  higgsFirst10000: {
    path: join(dataDir, 'higgs', 'HIGGS_first_10000.csv.gz'),
    sha256: '7355dd2abfdaca69f82c43520b50381a3e1e8bed8f97ceb02ba731eb9eafb6f6',
    bytes: 575_647,
  },
  /** 5,000 other HIGGS rows (the TA's held-out set); its row 2,158 duplicates row 5,981 above. */
  higgsHoldout5000: {
    path: join(dataDir, 'higgs', 'HIGGS_h2o_sample_5000_unknown_rows.csv.gz'),
    sha256: 'abc8efb484cfe4501aa806d70ca5dd2c505be36b0052582688aee391a5d5c182',
    bytes: 739_047,
  },
  catsTrain: {
    path: join(dataDir, 'catvnoncat', 'train_catvnoncat.h5'),
    sha256: 'fbe56ab67c3ae28d564e3a644189117976d6b31af0a3ce9bb17dbf22908af242',
    bytes: 2_572_022,
  },
  catsTest: {
    path: join(dataDir, 'catvnoncat', 'test_catvnoncat.h5'),
    sha256: '6a9d39ce52fa85953c5834695b8534a30ed8cfd54971fb2f080b5a24d002b951',
    bytes: 616_958,
  },
} as const satisfies Record<string, string | FixtureFile>;

/** Every shipped data file, for checks by name. */
export const SHIPPED_FIXTURES: readonly FixtureFile[] = [
  FIXTURES.higgsFirst10000,
  FIXTURES.higgsHoldout5000,
  FIXTURES.catsTrain,
  FIXTURES.catsTest,
];
