import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitcheck } from '../test-helpers/cli.js';
import { FIXTURES } from '@fitcheck/datasets';

describe('fitcheck data inspect', () => {
  it('--json on the HIGGS fixture and the cat training file', async () => {
    const [higgs, cats] = await Promise.all([
      fitcheck(['data', 'inspect', 'fixtures/datasets/higgs/HIGGS_first_10000.csv.gz', '--json']),
      fitcheck(['data', 'inspect', 'fixtures/datasets/catvnoncat/train_catvnoncat.h5', '--json']),
    ]);
    expect(higgs.code).toBe(0);
    expect(JSON.parse(higgs.stdout)).toEqual({
      format: 'higgs-csv',
      shape: [10_000, 28],
      labelCounts: { '0': 4_705, '1': 5_295 },
      sha256: FIXTURES.higgsFirst10000.sha256,
    });
    expect(cats.code).toBe(0);
    expect(JSON.parse(cats.stdout)).toEqual({
      format: 'hdf5',
      shape: [209, 64, 64, 3],
      labelCounts: { '0': 137, '1': 72 },
      sha256: FIXTURES.catsTrain.sha256,
      classes: ['non-cat', 'cat'],
    });
  });

  it("says what a file holds in the course's language (pt-BR), or --lang's", async () => {
    const [pt, en] = await Promise.all([
      fitcheck(['data', 'inspect', 'fixtures/datasets/higgs/HIGGS_first_10000.csv.gz']),
      fitcheck(['data', 'inspect', 'fixtures/datasets/catvnoncat/train_catvnoncat.h5', '--lang', 'en']),
    ]);
    expect(pt.stdout).toBe([
      'fixtures/datasets/higgs/HIGGS_first_10000.csv.gz: CSV do HIGGS (rótulo + 28 atributos)',
      '  atributos  [10000, 28]',
      '  rótulos    0: 4.705, 1: 5.295',
      `  sha256     ${FIXTURES.higgsFirst10000.sha256}`,
      '',
    ].join('\n'));
    expect(en.stdout).toBe([
      'fixtures/datasets/catvnoncat/train_catvnoncat.h5: HDF5 cat/non-cat images',
      '  features  [209, 64, 64, 3]',
      '  labels    0: 137, 1: 72',
      '  classes   0 = non-cat, 1 = cat',
      `  sha256    ${FIXTURES.catsTrain.sha256}`,
      '',
    ].join('\n'));
  });

  it('bad input: exit 2 and one paragraph naming file, row and column, no stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fitcheck-data-'));
    const csv = join(dir, 'bad.csv');
    writeFileSync(csv, `1,${'0.5,'.repeat(27)}0.5\n0,${'0.5,'.repeat(10)}oops,${'0.5,'.repeat(16)}0.5\n`);
    const fake = join(dir, 'fake.h5');
    writeFileSync(fake, 'not hdf5');
    const [bad, badPt, notH5, missing] = await Promise.all([
      fitcheck(['data', 'inspect', csv, '--json', '--lang', 'en']),
      fitcheck(['data', 'inspect', csv]),
      fitcheck(['data', 'inspect', fake]),
      fitcheck(['data', 'inspect', join(dir, 'nope.csv.gz'), '--lang', 'en']),
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain(`${csv} row 2: column 12: expected a number (feature 11 of 28), found "oops"`);
    for (const run of [bad, badPt, notH5, missing]) {
      expect(run.code).toBe(2);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
    // The course's language (pt-BR) unless --lang says otherwise.
    expect(badPt.stderr).toBe(`fitcheck: ${csv} linha 2: coluna 12: esperava-se um número (o atributo 11 de 28), mas há "oops"\n  como corrigir: corrija ou recrie o arquivo de dados\n`);
    expect(notH5.stderr).toContain('não é um arquivo HDF5');
    expect(missing.stderr).toContain('no such data file');
  });
});

describe('fitcheck data fetch higgs against 127.0.0.1', () => {
  const body = readFileSync(FIXTURES.higgsFirst10000.path);
  let server: Server;
  let url = '';
  const ranges: (string | undefined)[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      ranges.push(req.headers.range);
      const start = Number(/bytes=(\d+)-/.exec(req.headers.range ?? '')?.[1] ?? 0);
      const headers = { 'Content-Length': String(body.length - start) };
      if (start > 0) res.writeHead(206, { ...headers, 'Content-Range': `bytes ${start}-${body.length - 1}/${body.length}` });
      else res.writeHead(200, headers);
      res.end(body.subarray(start));
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/HIGGS.csv.gz`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((ok) => server.close(ok));
  });

  it('resumes a partial download and checks the sha256', async () => {
    const dest = mkdtempSync(join(tmpdir(), 'fitcheck-fetch-'));
    writeFileSync(join(dest, 'HIGGS.csv.gz.part'), body.subarray(0, 300_000));
    const sha = FIXTURES.higgsFirst10000.sha256;
    const run = await fitcheck(['data', 'fetch', 'higgs', '--dest', dest, '--url', url, '--sha256', sha]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    // Said in the course's language (pt-BR), or in --lang's.
    expect(run.stdout).toBe(`${join(dest, 'HIGGS.csv.gz')}: retomado no byte 300000, ${body.length} bytes, sha256 ${sha}\n`);
    expect(ranges).toEqual(['bytes=300000-']);
    expect(readFileSync(join(dest, 'HIGGS.csv.gz')).equals(body)).toBe(true);
    const again = await fitcheck(['data', 'fetch', 'higgs', '--dest', dest, '--url', url, '--sha256', sha, '--lang', 'en']);
    expect(again.stdout).toBe(`${join(dest, 'HIGGS.csv.gz')}: already present, ${body.length} bytes, sha256 ${sha}\n`);
    expect(ranges).toEqual(['bytes=300000-']);

    const wrong = await fitcheck(['data', 'fetch', 'higgs', '--dest', mkdtempSync(join(tmpdir(), 'fitcheck-fetch-')), '--url', url, '--sha256', 'ab'.repeat(32)]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain(`o sha256 não confere: esperado ${'ab'.repeat(32)}, obtido ${sha}`);
  });

  it('downloads only what a dataset kind declares: cats ships in the repository', async () => {
    const run = await fitcheck(['data', 'fetch', 'cats', '--dest', mkdtempSync(join(tmpdir(), 'fitcheck-fetch-'))]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('fitcheck: [dataset]: conjunto de dados desconhecido "cats": só é possível baixar "higgs" (os demais já vêm em fixtures/datasets)\n');
  });
});
