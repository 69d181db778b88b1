import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendEnvironment, inferShapes, initBackend, isFitcheckError, nodeBindingProblem, resolveThreads, type FitcheckError, type ModelSpec, type Sentence } from '@fitcheck/core';
import { FIXTURES, downloadFile, inspectDataFile, loadHiggsCsv, readCatFile, readHiggsCsv, sha256File, validationSplit, verifySha256 } from '@fitcheck/datasets';
import { errorLine } from './error-line.js';
import { loadMessages, type Messages } from './locale.js';
import { renderText, type Text } from './text.js';

// The HDF5 library itself writes the malformed cat files (no mock): datasets' own test helper, loaded by
// path at run time (it is no export of datasets, and outside this package's sources for tsc).
type H5Content = Record<string, { data: Uint8Array | BigInt64Array | string[]; shape?: number[] }>;
const WRITE_H5 = new URL('../../../../packages/datasets/src/test-helpers/write-h5.ts', import.meta.url).href;
const { tinyCats, writeH5 } = (await import(WRITE_H5)) as {
  tinyCats(split: 'train' | 'test', n: number, labels: number[]): H5Content;
  writeH5(file: string, content: H5Content): Promise<string>;
};

const en = loadMessages('en');
const pt = loadMessages('pt-BR');
const dir = mkdtempSync(join(tmpdir(), 'fitcheck-words-'));

async function caught(run: () => unknown): Promise<FitcheckError<string>> {
  const e: unknown = await (async () => run())().then(() => undefined, (err: unknown) => err);
  if (!isFitcheckError(e)) throw new Error(`expected a FitcheckError, got ${String(e)}`);
  return e;
}

async function drain(iterable: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of iterable);
}

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** A HIGGS row: the label then 28 features. */
const row = (label: string, features = 28) => [label, ...Array.from({ length: features }, () => '0.5')].join(',');

// Words of the sentences that are the same in both languages: names, formats, loanwords.
const LOANWORDS = new Set([
  'auto', 'backend', 'binding', 'byte', 'bytes', 'checkout', 'cat', 'csv', 'dataset', 'dense', 'download', 'fitcheck', 'fixture', 'git',
  'gzip', 'hdf', 'higgs', 'http', 'inputshape', 'kernel', 'kernels', 'layers', 'mib', 'napi-v', 'none', 'node', 'non-cat', 'part', 'sha',
  'targetshape', 'tensorflow', 'tfjs', 'tfjs-node', 'threads', 'uint', 'use', 'wasm', 'worker',
]);

/** The English words of a sentence's templates (its own and those of the sentences it holds), placeholders left out. */
function englishWords(s: Sentence): string[] {
  const own = (en.get(s.key) ?? '').replace(/\{\w+\}/g, ' ').match(/[A-Za-z][A-Za-z-]{2,}/g) ?? [];
  const inner = Object.values(s.params ?? {}).flatMap((v) => (typeof v === 'object' && v !== null && 'key' in v ? englishWords(v as Sentence) : []));
  return [...own.map((w) => w.toLowerCase()).filter((w) => !LOANWORDS.has(w)), ...inner];
}

function said(messages: Messages, s: Sentence | undefined): string | undefined {
  return s === undefined ? undefined : renderText(messages, s as Text);
}

/** The values a sentence's placeholders hold as text (paths, sums, a library's reason): data, in any language. */
function data(s: Sentence): string[] {
  return Object.values(s.params ?? {}).flatMap((v) => (typeof v === 'string' ? [v] : typeof v === 'object' && v !== null && 'key' in v ? data(v as Sentence) : []));
}

/** The two checks every worded error passes: its English words are core's English, and pt-BR says none of them. */
function expectWorded(e: FitcheckError<string>, code: string): void {
  expect(e.code).toBe(code);
  expect(e.words?.message, `${code} carries words`).toBeDefined();
  const words = { ...e.words!, message: e.words!.message! };
  expect(said(en, words.message)).toBe(e.message);
  expect(said(en, words.hint)).toBe(e.hint);
  let portuguese = `${said(pt, words.message)}\n${said(pt, words.hint) ?? ''}`.toLowerCase();
  for (const value of [...data(words.message), ...(words.hint ? data(words.hint) : [])]) portuguese = portuguese.replaceAll(value.toLowerCase(), ' ');
  const english = [...englishWords(words.message), ...(words.hint ? englishWords(words.hint) : [])];
  expect(english.length, `${words.message.key} has English words to check`).toBeGreaterThan(0);
  for (const word of english) expect(portuguese, `"${word}" in pt-BR`).not.toMatch(new RegExp(`(^|[^a-z])${word}([^a-z]|$)`));
  // The CLI's line: the place, the message and the hint in pt-BR, the label too.
  if (words.hint) expect(errorLine(e, pt)).toContain(`como corrigir: ${said(pt, words.hint)}`);
}

const spec = (inputShape: number[], layers: ModelSpec['layers']): ModelSpec => ({ inputShape, layers });

describe('core errors a user meets carry words in the grader locales', () => {
  it.each([
    ['FITCHECK_THREADS', 'abc'],
    ['FITCHECK_BACKEND', 'gpu'],
    ['FITCHECK_FAST_KERNELS', 'maybe'],
    ['FITCHECK_FUSED_STEP', 'yes'],
  ])('INVALID_ENVIRONMENT for %s=%s', async (name, value) => {
    const e = await caught(() => backendEnvironment({ [name]: value }));
    expectWorded(e, 'INVALID_ENVIRONMENT');
    expect(errorLine(e, pt)).toContain(`${name}="${value}"`);
  });

  it('BACKEND_UNAVAILABLE for a thread count that is no count', async () => {
    expectWorded(await caught(() => resolveThreads(0)), 'BACKEND_UNAVAILABLE');
  });

  it.runIf(nodeBindingProblem() !== null)('BACKEND_UNAVAILABLE for tfjs-node without its native library, the reason in the reader\'s words', async () => {
    const e = await caught(() => initBackend({ backend: 'node' }));
    expectWorded(e, 'BACKEND_UNAVAILABLE');
    expect(said(pt, e.words!.message)).toMatch(/^o backend node do TF\.js não consegue iniciar: o @tensorflow\/tfjs-node (não está instalado|está instalado sem o seu binding nativo)/);
  });

  it.each([
    ['an input shape of zero', spec([0], [{ type: 'Dense', units: 1 }])],
    ['two -1 in a Reshape', spec([4], [{ type: 'Reshape', targetShape: [-1, -1] }])],
    ['a Reshape of the wrong size', spec([4], [{ type: 'Reshape', targetShape: [3] }])],
    ['a Reshape that does not divide', spec([4], [{ type: 'Reshape', targetShape: [-1, 3] }])],
    ['units of zero', spec([4], [{ type: 'Dense', units: 0 }])],
    ['a Reshape to a zero axis', spec([4], [{ type: 'Reshape', targetShape: [0] }])],
    ['a Dense on a scalar', spec([], [{ type: 'Dense', units: 1 }])],
  ])('SHAPE_MISMATCH for %s', async (_, model) => {
    expectWorded(await caught(() => inferShapes(model)), 'SHAPE_MISMATCH');
  });

  it.each([
    ['DUPLICATE_LAYER_NAME', 'two layers named alike', spec([4], [{ type: 'Dense', units: 2, name: 'a' }, { type: 'Dense', units: 1, name: 'a' }])],
    ['MODEL_TOO_LARGE', 'a layer past 2^53 weights', spec([2 ** 30], [{ type: 'Dense', units: 2 ** 30 }])],
    ['MODEL_TOO_LARGE', 'layers whose sum passes 2^53', spec([3e7], Array.from({ length: 11 }, () => ({ type: 'Dense' as const, units: 3e7 })))],
  ])('%s for %s', async (code, _, model) => {
    expectWorded(await caught(() => inferShapes(model)), code);
  });
});

describe('datasets errors a user meets carry words in the grader locales', () => {
  it('DATA_FILE_NOT_FOUND', async () => {
    expectWorded(await caught(() => sha256File(join(dir, 'absent.csv.gz'))), 'DATA_FILE_NOT_FOUND');
  });

  it('DATA_CHECKSUM_MISMATCH names both sums in pt-BR too', async () => {
    const e = await caught(() => verifySha256(FIXTURES.catsTest.path, '0'.repeat(64)));
    expectWorded(e, 'DATA_CHECKSUM_MISMATCH');
    expect(said(pt, e.words!.message)).toContain(`esperado ${'0'.repeat(64)}, obtido `);
  });

  it('DATA_UNKNOWN_FORMAT', async () => {
    expectWorded(await caught(() => inspectDataFile(file('rows.txt', 'a,b\n'))), 'DATA_UNKNOWN_FORMAT');
  });

  it('DATA_NOT_HDF5', async () => {
    expectWorded(await caught(() => readCatFile(file('text.h5', 'plain text\n'.repeat(100)), { split: 'train' })), 'DATA_NOT_HDF5');
  });

  it('DATA_UNREADABLE_HDF5 for a truncated file', async () => {
    const cut = file('cut.h5', readFileSync(FIXTURES.catsTrain.path).subarray(0, 1_000_000));
    expectWorded(await caught(() => readCatFile(cut, { split: 'train' })), 'DATA_UNREADABLE_HDF5');
  });

  it('DATA_MISSING_KEY for the wrong split, and for a file without the key', async () => {
    const copy = join(dir, 'copy.h5');
    copyFileSync(FIXTURES.catsTrain.path, copy);
    expectWorded(await caught(() => readCatFile(copy, { split: 'test' })), 'DATA_MISSING_KEY');
    const content = tinyCats('train', 1, [1]);
    delete content.list_classes;
    const bare = await writeH5(join(dir, 'bare.h5'), content);
    expectWorded(await caught(() => readCatFile(bare, { split: 'train', requireClasses: true })), 'DATA_MISSING_KEY');
    const empty = await writeH5(join(dir, 'empty.h5'), {});
    expectWorded(await caught(() => readCatFile(empty, { split: 'train' })), 'DATA_MISSING_KEY');
  });

  it('DATA_SHAPE_MISMATCH and DATA_BAD_LABEL of a cat file', async () => {
    const labels = await writeH5(join(dir, 'labels.h5'), tinyCats('test', 4, [0, 1, 1]));
    expectWorded(await caught(() => readCatFile(labels, { split: 'test' })), 'DATA_SHAPE_MISMATCH');
    const badLabel = await writeH5(join(dir, 'label.h5'), tinyCats('train', 3, [0, 7, 1]));
    expectWorded(await caught(() => readCatFile(badLabel, { split: 'train' })), 'DATA_BAD_LABEL');
    const classes = await writeH5(join(dir, 'classes.h5'), { ...tinyCats('train', 1, [1]), list_classes: { data: ['a', 'b', 'c'] } });
    expectWorded(await caught(() => readCatFile(classes, { split: 'train' })), 'DATA_SHAPE_MISMATCH');
    const images = await writeH5(join(dir, 'images.h5'), { ...tinyCats('train', 1, [1]), train_set_x: { data: BigInt64Array.from([1n]), shape: [1] } });
    expectWorded(await caught(() => readCatFile(images, { split: 'train' })), 'DATA_SHAPE_MISMATCH');
  });

  it('DATA_TRUNCATED_GZIP and DATA_CORRUPT_GZIP', async () => {
    const bytes = readFileSync(FIXTURES.higgsFirst10000.path);
    const cut = file('cut.csv.gz', bytes.subarray(0, bytes.length >> 1));
    expectWorded(await caught(() => drain(readHiggsCsv(cut))), 'DATA_TRUNCATED_GZIP');
    const damaged = Buffer.from(bytes);
    damaged.fill(0xff, 5_000, 6_000);
    expectWorded(await caught(() => drain(readHiggsCsv(file('damaged.csv.gz', damaged)))), 'DATA_CORRUPT_GZIP');
  });

  it.each([
    ['DATA_SHORT_ROW', row('1', 27)],
    ['DATA_LONG_ROW', row('1', 29)],
    ['DATA_NOT_NUMERIC', row('yes')],
    ['DATA_NOT_NUMERIC', `${row('1', 3)},x,${row('0.5', 23)}`],
    ['DATA_BAD_LABEL', row('2')],
  ])('%s of a HIGGS CSV', async (code, bad) => {
    const csv = file(`${code}.csv`, `${row('0')}\n${bad}\n`);
    const e = await caught(() => drain(readHiggsCsv(csv)));
    expectWorded(e, code);
    expect(errorLine(e, pt)).toContain(`${csv} linha 2:`);
  });

  it('DATA_TOO_FEW_ROWS', async () => {
    expectWorded(await caught(() => loadHiggsCsv(file('two.csv', `${row('0')}\n${row('1')}\n`), { take: 5 })), 'DATA_TOO_FEW_ROWS');
  });

  it('DATA_BAD_OPTION for a validation fraction that leaves no training data', async () => {
    const data = { x: new Float32Array(2), y: new Float32Array(2), shape: [2, 1] };
    expectWorded(await caught(() => validationSplit(data, { fraction: 1.5, seed: 1 })), 'DATA_BAD_OPTION');
  });
});

describe('download errors carry words in the grader locales', () => {
  let server: Server;
  let base = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/ten') return res.end('0123456789');
      if (req.url === '/silent') return res.writeHead(200, { 'content-length': '10' }).flushHeaders();
      res.writeHead(404, 'Not Found').end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it('DOWNLOAD_HTTP_ERROR', async () => {
    expectWorded(await caught(() => downloadFile({ url: `${base}/missing`, dest: join(dir, 'missing.bin') })), 'DOWNLOAD_HTTP_ERROR');
  });

  it('DOWNLOAD_INTERRUPTED: short of the size, or no byte for too long', async () => {
    expectWorded(await caught(() => downloadFile({ url: `${base}/ten`, dest: join(dir, 'short.bin'), expectedBytes: 20 })), 'DOWNLOAD_INTERRUPTED');
    const e = await caught(() => downloadFile({ url: `${base}/silent`, dest: join(dir, 'silent.bin'), idleTimeoutMs: 100 }));
    expectWorded(e, 'DOWNLOAD_INTERRUPTED');
    expect(said(pt, e.words!.message)).toBe('download interrompido após 0 de 10 bytes (nenhum dado por 0,1 s); a parte baixada foi mantida');
  });

  it('DOWNLOAD_SIZE_MISMATCH and a download with the wrong sum', async () => {
    expectWorded(await caught(() => downloadFile({ url: `${base}/ten`, dest: join(dir, 'long.bin'), expectedBytes: 5 })), 'DOWNLOAD_SIZE_MISMATCH');
    expectWorded(await caught(() => downloadFile({ url: `${base}/ten`, dest: join(dir, 'sum.bin'), sha256: 'ab'.repeat(32) })), 'DATA_CHECKSUM_MISMATCH');
  });
});
