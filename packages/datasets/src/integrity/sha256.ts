import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { DataError } from '../error-codes.js';
import { SHIPPED_FIXTURES, type FixtureFile } from '../fixtures.js';
import { assertFileExists } from './file-exists.js';

/** Hex sha256 of a file's bytes, streamed (the full HIGGS file is 2.6 GB). */
export async function sha256File(file: string): Promise<string> {
  await assertFileExists(file);
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Throws `DATA_CHECKSUM_MISMATCH`, naming the file and both sums, unless `file` hashes to `expected`. */
export async function verifySha256(file: string, expected: string): Promise<string> {
  const actual = await sha256File(file);
  if (actual !== expected.toLowerCase()) {
    throw new DataError(
      'DATA_CHECKSUM_MISMATCH',
      `sha256 mismatch: expected ${expected.toLowerCase()}, got ${actual}`,
      { file },
      'the file is damaged or not the shipped one: restore it (git checkout, or fetch it again)',
      {
        message: { key: 'errCore.data.checksum', params: { expected: expected.toLowerCase(), actual } },
        hint: { key: 'errCore.data.checksumFix' },
      },
    );
  }
  return actual;
}

/** The shipped fixture a file claims to be by its name, if any. */
export function knownFixture(file: string): FixtureFile | undefined {
  const name = basename(file);
  return SHIPPED_FIXTURES.find((f) => basename(f.path) === name);
}

/**
 * Checks a file against the sum it must have: `expected` when given, else the shipped
 * fixture of the same name. Returns the sum it checked, or undefined when there is none to check.
 */
export async function verifyIfKnown(file: string, expected?: string): Promise<string | undefined> {
  const sum = expected ?? knownFixture(file)?.sha256;
  return sum === undefined ? undefined : verifySha256(file, sum);
}
