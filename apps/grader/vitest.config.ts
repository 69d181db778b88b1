import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// One reference-run cache for the whole suite, never the user's: filled before the tests
// (src/test-helpers/fill-references.ts, which reads it from here), read by every grade.
process.env.FITCHECK_CACHE = join(tmpdir(), 'fitcheck-test-references');

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    env: { FITCHECK_CACHE: process.env.FITCHECK_CACHE },
    globalSetup: ['src/test-helpers/fill-references.ts'],
    reporters: ['default', ['json', { outputFile: 'test-results.json' }]],
  },
});
