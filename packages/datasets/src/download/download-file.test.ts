import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FitcheckError } from '@fitcheck/core/errors';
import { FIXTURES } from '../fixtures.js';
import { fetchHiggs } from '../higgs/fetch-higgs.js';
import { tempDir } from '../test-helpers/golden.js';
import { downloadFile } from './download-file.js';

const body = readFileSync(FIXTURES.higgsFirst10000.path);
const { sha256, bytes } = FIXTURES.higgsFirst10000;

/** A real HTTP server on 127.0.0.1 serving the fixture with Range support; it can cut a response short. */
let server: Server;
let base = '';
const requests: { path: string; range: string | undefined }[] = [];
let cutAfter: number | undefined;

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push({ path: req.url ?? '', range: req.headers.range });
    if (req.url === '/missing') {
      res.writeHead(404).end();
      return;
    }
    const ignoreRanges = req.url === '/norange';
    const m = /bytes=(\d+)-/.exec(req.headers.range ?? '');
    const start = m && !ignoreRanges ? Number(m[1]) : 0;
    if (start >= body.length) {
      res.writeHead(416, { 'Content-Range': `bytes */${body.length}` }).end();
      return;
    }
    const headers = { 'Content-Length': String(body.length - start), 'Accept-Ranges': 'bytes' };
    if (m && !ignoreRanges) res.writeHead(206, { ...headers, 'Content-Range': `bytes ${start}-${body.length - 1}/${body.length}` });
    else res.writeHead(200, headers);
    if (cutAfter !== undefined) {
      const n = cutAfter;
      cutAfter = undefined;
      // A clean FIN after n bytes (destroy() could reset the socket before the client read them).
      res.write(body.subarray(start, start + n), () => res.socket?.end());
      return;
    }
    res.end(body.subarray(start));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((ok) => server.close(ok));
});

async function failure(p: Promise<unknown>): Promise<FitcheckError> {
  const e: unknown = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(FitcheckError);
  return e as FitcheckError;
}

describe('downloadFile against a loopback server', () => {
  it('downloads, checks size and sha256, and reports progress', async () => {
    const dest = join(tempDir(), 'HIGGS.csv.gz');
    const seen: number[] = [];
    const r = await downloadFile({ url: `${base}/f`, dest, expectedBytes: bytes, sha256, onProgress: (p) => seen.push(p.received), idleTimeoutMs: 5_000 });
    expect(r).toEqual({ file: dest, bytes, sha256, resumedFrom: 0, alreadyPresent: false });
    expect(readFileSync(dest).equals(body)).toBe(true);
    expect(seen.at(-1)).toBe(bytes);
    expect(existsSync(`${dest}.part`)).toBe(false);
    const again = await downloadFile({ url: `${base}/f`, dest, sha256 });
    expect(again.alreadyPresent).toBe(true);
  });

  it('resumes after an interruption with a Range request and ends with the right bytes', async () => {
    const dir = tempDir();
    requests.length = 0;
    cutAfter = 200_000;
    const e = await failure(fetchHiggs({ destDir: dir, url: `${base}/f`, expectedBytes: bytes, sha256, idleTimeoutMs: 5_000 }));
    expect(e.code).toBe('DOWNLOAD_INTERRUPTED');
    expect(e.hint).toBe('run the same command again to resume');
    // Every byte fetch handed over is on disk; fetch may drop the last buffered chunk when the
    // connection ends early, so the part holds at most the 200,000 bytes the server sent.
    const kept = statSync(join(dir, 'HIGGS.csv.gz.part')).size;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThanOrEqual(200_000);
    expect(readFileSync(join(dir, 'HIGGS.csv.gz.part')).equals(body.subarray(0, kept))).toBe(true);

    const r = await fetchHiggs({ destDir: dir, url: `${base}/f`, expectedBytes: bytes, sha256, idleTimeoutMs: 5_000 });
    expect(r.resumedFrom).toBe(kept);
    expect(r.sha256).toBe(sha256);
    expect(requests.map((q) => q.range)).toEqual([undefined, `bytes=${kept}-`]);
    expect(readFileSync(join(dir, 'HIGGS.csv.gz')).equals(body)).toBe(true);
  });

  it('restarts from zero when the server ignores the range', async () => {
    const dest = join(tempDir(), 'x.gz');
    writeFileSync(`${dest}.part`, body.subarray(0, 1_000));
    const r = await downloadFile({ url: `${base}/norange`, dest, sha256, idleTimeoutMs: 5_000 });
    expect(readFileSync(dest).equals(body)).toBe(true);
    expect(r.sha256).toBe(sha256);
  });

  it('a part that is already complete is only checked (416 from the server)', async () => {
    const dest = join(tempDir(), 'x.gz');
    writeFileSync(`${dest}.part`, body);
    const r = await downloadFile({ url: `${base}/f`, dest, sha256, idleTimeoutMs: 5_000 });
    expect([r.bytes, r.resumedFrom]).toEqual([bytes, bytes]);
  });

  it('a checksum mismatch names both sums and deletes the part', async () => {
    const dest = join(tempDir(), 'x.gz');
    const wrong = '0'.repeat(64);
    const e = await failure(downloadFile({ url: `${base}/f`, dest, sha256: wrong, idleTimeoutMs: 5_000 }));
    expect(e.code).toBe('DATA_CHECKSUM_MISMATCH');
    expect(e.message).toContain(`expected ${wrong}, got ${sha256}`);
    expect(existsSync(`${dest}.part`) || existsSync(dest)).toBe(false);
  });

  it('an HTTP error is typed', async () => {
    const e = await failure(downloadFile({ url: `${base}/missing`, dest: join(tempDir(), 'x'), idleTimeoutMs: 5_000 }));
    expect(e.code).toBe('DOWNLOAD_HTTP_ERROR');
    expect(e.message).toContain('HTTP 404');
  });
});
