import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fitcheck, readResults } from '../test-helpers/cli.js';

describe('fitcheck (the binary)', () => {
  it('--backend names the TF.js backend for any command; an unknown one is a flag error (exit 2)', async () => {
    const bad = await fitcheck(['summary', 'fixtures/models/tiny.yaml', '--backend', 'gpu']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--backend gpu: unknown backend');
    expect(bad.stderr).toContain('use one of: node, wasm, cpu');

    const ok = await fitcheck(['summary', '--backend=cpu', 'fixtures/models/tiny.yaml']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('Total params: 481');
  });

  it('a forced backend reaches the training children and is recorded in results.json', async () => {
    const out = await mkdtemp(join(tmpdir(), 'fitcheck-backend-'));
    try {
      const run = await fitcheck(['grade', 'fixtures/submissions/reference', '--out', out, '--profile', 'smoke', '--lang', 'en', '--backend', 'cpu']);
      expect(run.code).toBe(0);
      expect(run.stderr.match(/TF\.js backend: cpu/g)).toHaveLength(1);
      const results = await readResults(out);
      expect(results.extra_data.backend).toBe('cpu');
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it('--help works at any depth and an unknown command exits 2', async () => {
    const help = await fitcheck(['data', 'inspect', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('inspect');
    const unknown = await fitcheck(['nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command');
  });
});
