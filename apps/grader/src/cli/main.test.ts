import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fitcheck, readResults } from '../test-helpers/cli.js';

describe('fitcheck (the binary)', () => {
  it('--backend names the TF.js backend for any command; an unknown one is a flag error (exit 2)', async () => {
    const bad = await fitcheck(['summary', 'fixtures/models/tiny.yaml', '--backend', 'gpu', '--lang', 'en']);
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

  it('--help works at any depth, in the course\'s language unless --lang says otherwise', async () => {
    const help = await fitcheck(['data', 'inspect', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('USO fitcheck data inspect [OPÇÕES] <FILE>');
    const en = await fitcheck(['data', 'inspect', '--help', '--lang', 'en']);
    expect(en.stdout).toContain('USAGE fitcheck data inspect [OPTIONS] <FILE>');
  });

  // citty's usage errors, by their codes (E_NO_COMMAND, E_UNKNOWN_COMMAND, EARG), and unknown flags: the
  // user's input, exit 2, with what the command takes — never "internal error", exit 1.
  it.each([
    [['lab', '--lang', 'en'], 'fitcheck: lab needs a command\n  fix: use one of: run\n', /COMMANDS\s+run\s+Train every model/],
    [['lab', 'nope', '--lang', 'en'], 'fitcheck: lab: unknown command nope\n  fix: use one of: run\n', /COMMANDS\s+run\s/],
    [['nope', '--lang', 'en'], 'fitcheck: unknown command nope\n  fix: use one of: batch, check, data, demo, github, grade, gradescope, lab, merge, regrade, summary, template\n', /COMMANDS[\s\S]*grade\s+Grade a submission folder/],
    [['data', '--lang=en'], 'fitcheck: data needs a command\n  fix: use one of: inspect, fetch\n', /COMMANDS/],
    [['grade', '--out', 'x', '--lang', 'en'], 'fitcheck: missing required argument DIR\n  fix: see the usage below\n', /USAGE fitcheck grade \[OPTIONS\] <DIR>/],
    [['grade', 'fixtures/submissions/reference', '--out', 'x', '--prfile', 'ci', '--lang', 'en'], 'fitcheck: unknown flag --prfile\n  fix: this command takes --out, --profile, --lab, ', /OPTIONS/],
    // Without --lang: the lab's language (the submission's lab5), else the course's (every lab is pt-BR).
    [['lab'], 'fitcheck: lab precisa de um comando\n  como corrigir: use um destes: run\n', /COMANDOS\s+run\s+Treina todos os modelos/],
    [['grade', '--out', 'x'], 'fitcheck: falta o argumento obrigatório DIR\n  como corrigir: veja o uso abaixo\n', /USO fitcheck grade \[OPÇÕES\] <DIR>/],
    [['grade', 'fixtures/submissions/reference', '--out', 'x', '--prfile', 'ci'], 'fitcheck: opção desconhecida --prfile\n  como corrigir: este comando aceita --out, --profile, --lab, ', /OPÇÕES/],
  ])('fitcheck %j is a usage error: exit 2, the subcommands or flags listed', async (args, message, usage) => {
    const { code, stderr } = await fitcheck(args);
    expect(code).toBe(2);
    expect(stderr.startsWith(message)).toBe(true);
    expect(stderr).toMatch(usage);
    expect(stderr).not.toContain('internal error');
  });
});
