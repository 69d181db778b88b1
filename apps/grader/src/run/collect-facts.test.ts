import { copyFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeBindingProblem } from '@fitcheck/core';
import { NotGradedError } from '../errors.js';
import { loadLab } from '../lab/load-lab.js';
import { REPO_ROOT } from '../lab/paths.js';
import type { Lab } from '../lab/types.js';
import { loadMessages } from '../messages/locale.js';
import { renderText } from '../messages/text.js';
import { loadSubmission } from '../submission/load-submission.js';
import type { Submission } from '../submission/types.js';
import { submissionFixture } from '../test-helpers/paths.js';
import { collectFacts } from './collect-facts.js';

/** The lab with one dataset file replaced: same name (so its shipped sha256 applies), other bytes. */
async function labWithDamagedFile(damage: (bytes: Buffer) => Buffer, dataset: 'higgs' | 'cats'): Promise<Lab> {
  const lab = await loadLab('lab5');
  const dir = await mkdtemp(join(tmpdir(), 'fitcheck-corrupt-'));
  const definition = structuredClone(lab.definition);
  if (dataset === 'higgs') {
    const file = join(dir, 'HIGGS_first_10000.csv.gz');
    await writeFile(file, damage(await readFile(join(REPO_ROOT, definition.datasets.higgs!.file!))));
    definition.datasets.higgs!.file = file;
  } else {
    const source = join(REPO_ROOT, definition.datasets.cats!.dir!);
    await mkdir(join(dir, 'cats'));
    await copyFile(join(source, 'test_catvnoncat.h5'), join(dir, 'cats', 'test_catvnoncat.h5'));
    await writeFile(join(dir, 'cats', 'train_catvnoncat.h5'), damage(await readFile(join(source, 'train_catvnoncat.h5'))));
    definition.datasets.cats!.dir = join(dir, 'cats');
  }
  return { ...lab, definition };
}

describe('collectFacts on damaged datasets: the grade stops before anyone is scored from bad data', () => {
  it.each([
    ['a truncated HIGGS gzip', 'higgs', (b: Buffer) => b.subarray(0, b.length >> 1)],
    ['a cat/non-cat HDF5 file with flipped bytes', 'cats', (b: Buffer) => Buffer.from(b.map((x, i) => (i >= 4096 && i < 8192 ? x ^ 0xff : x)))],
  ] as const)('%s: a checksum mismatch naming the file, no model trained', async (_, dataset, damage) => {
    const lab = await labWithDamagedFile(damage, dataset);
    const loaded = await loadSubmission(submissionFixture('reference'), lab.definition);
    const events: string[] = [];
    const run = collectFacts(lab, loaded as typeof loaded & { submission: Submission }, {
      profileName: 'smoke', profile: lab.definition.profiles.smoke!, seed: 1, onEvent: (e) => events.push(e.type),
    });
    await expect(run).rejects.toThrow(new RegExp(`^dataset ${dataset} could not be loaded, so nothing was graded: .*(HIGGS_first_10000\\.csv\\.gz|train_catvnoncat\\.h5).*sha256 mismatch`));
    expect(events).toEqual([]);
    // In the lab's language (pt-BR): which dataset, the code and the file, no English words.
    const e: unknown = await run.catch((x: unknown) => x);
    if (!(e instanceof NotGradedError) || e.words === undefined) throw new Error('expected a NotGradedError with its words');
    const file = dataset === 'higgs' ? lab.definition.datasets.higgs!.file! : join(lab.definition.datasets.cats!.dir!, 'train_catvnoncat.h5');
    // The detail (both sums) is data; the sentence around it, and the fix, are pt-BR's.
    const pt = loadMessages('pt-BR');
    expect(renderText(pt, e.words.message)).toMatch(new RegExp(
      `^o conjunto de dados ${dataset} não pôde ser carregado \\(DATA_CHECKSUM_MISMATCH: ${file.replace(/[.\\/]/g, '\\$&')}\\), então nada foi avaliado: o sha256 não confere: esperado [0-9a-f]{64}, obtido [0-9a-f]{64}$`,
    ));
    expect(e.words.hint && renderText(pt, e.words.hint)).toBe('o arquivo está danificado ou não é o distribuído: restaure-o (git checkout, ou baixe-o de novo)');
  });
});

describe('collectFacts when a training child cannot start its backend', () => {
  it.runIf(nodeBindingProblem() !== null)('tfjs-node without its native library: the grade stops, pt-BR says why and the install hint', async () => {
    const lab = await loadLab('lab5');
    const loaded = await loadSubmission(submissionFixture('reference'), lab.definition);
    const e: unknown = await collectFacts(lab, loaded as typeof loaded & { submission: Submission }, {
      profileName: 'smoke', profile: lab.definition.profiles.smoke!, seed: 1, backend: 'node',
    }).catch((x: unknown) => x);
    if (!(e instanceof NotGradedError) || e.words === undefined) throw new Error('expected a NotGradedError with its words');
    expect(e.fault.code).toBe('BACKEND_UNAVAILABLE');
    const pt = loadMessages('pt-BR');
    expect(renderText(pt, e.words.message)).toMatch(
      /: o treino parou \(BACKEND_UNAVAILABLE\) por uma razão que não é do modelo, então nada foi avaliado: o backend node do TF\.js não consegue iniciar: o @tensorflow\/tfjs-node (não está instalado|está instalado sem o seu binding nativo)/,
    );
    expect(e.words.hint && renderText(pt, e.words.hint)).toBe('o tfjs-node precisa da sua biblioteca nativa do TensorFlow (ele a baixa na instalação); use FITCHECK_BACKEND=wasm');
  });
});
