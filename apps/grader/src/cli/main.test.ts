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
      // --no-references: the cpu backend's reference runs (a key of their own) would train the notebook's eleven models on pure JS.
      const run = await fitcheck(['grade', 'fixtures/submissions/reference', '--out', out, '--profile', 'smoke', '--lang', 'en', '--backend', 'cpu', '--no-references']);
      expect(run.code).toBe(0);
      expect(run.stderr.match(/TF\.js backend: cpu/g)).toHaveLength(1);
      const results = await readResults(out);
      expect(results.extra_data.backend).toBe('cpu');
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it('--help works at any depth', async () => {
    const help = await fitcheck(['data', 'inspect', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('inspect');
  });

  // citty's usage errors, by their codes (E_NO_COMMAND, E_UNKNOWN_COMMAND, EARG), and unknown flags: the
  // user's input, exit 2, with what the command takes — never "internal error", exit 1.
  it.each([
    [['lab'], 'fitcheck: lab needs a command\n  fix: use one of: run\n', /COMMANDS\s+run\s+Train every model/],
    [['lab', 'nope'], 'fitcheck: lab: unknown command nope\n  fix: use one of: run\n', /COMMANDS\s+run\s/],
    [['nope'], 'fitcheck: unknown command nope\n  fix: use one of: batch, check, data, demo, github, grade, gradescope, lab, merge, regrade, summary, template\n', /COMMANDS[\s\S]*grade\s+Grade a submission folder/],
    [['data'], 'fitcheck: data needs a command\n  fix: use one of: inspect, fetch\n', /COMMANDS/],
    [['grade', '--out', 'x'], 'fitcheck: Missing required positional argument: DIR\n', /USAGE fitcheck grade \[OPTIONS\] <DIR>/],
    [['grade', 'fixtures/submissions/reference', '--out', 'x', '--prfile', 'ci'], 'fitcheck: unknown flag --prfile\n  fix: this command takes --out, --profile, --lab, ', /OPTIONS/],
  ])('fitcheck %j is a usage error: exit 2, the subcommands or flags listed', async (args, message, usage) => {
    const { code, stderr } = await fitcheck(args);
    expect(code).toBe(2);
    expect(stderr.startsWith(message)).toBe(true);
    expect(stderr).toMatch(usage);
    expect(stderr).not.toContain('internal error');
  });
});
