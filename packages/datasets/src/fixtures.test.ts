import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, SHIPPED_FIXTURES, findRepoRoot } from './fixtures.js';
import { sha256File } from './integrity/sha256.js';
import { assertFileExists } from './integrity/file-exists.js';

describe('FIXTURES', () => {
  it('finds the repo root by pnpm-workspace.yaml', () => {
    expect(existsSync(join(FIXTURES.root, 'pnpm-workspace.yaml'))).toBe(true);
    expect(findRepoRoot('/')).toBeUndefined();
  });

  it('every shipped file exists with the size and sha256 of SOURCES.md', async () => {
    for (const f of SHIPPED_FIXTURES) {
      expect(await assertFileExists(f.path), f.path).toBe(f.bytes);
      expect(await sha256File(f.path), f.path).toBe(f.sha256);
    }
  });
});
