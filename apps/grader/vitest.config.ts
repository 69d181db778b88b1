import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // One reference-run cache for the whole suite, never the user's: trained by the first grade, read by the rest.
    env: { FITCHECK_CACHE: join(tmpdir(), 'fitcheck-test-references') },
    reporters: ['default', ['json', { outputFile: 'test-results.json' }]],
  },
});
