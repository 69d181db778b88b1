import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fitcheck, type CliRun } from '../test-helpers/cli.js';




// Keras' model.count_params() for each Lab 5 model (LAB.md).
const LAB_TOTALS: [string, string][] = [
  ['tiny', '481 (1.88 KB)'],
  ['small', '753 (2.94 KB)'],
  ['medium', '10,241 (40.00 KB)'],
  ['large', '803,329 (3.06 MB)'],
  ['l2', '803,329 (3.06 MB)'],
  ['dropout', '803,329 (3.06 MB)'],
  ['combined', '803,329 (3.06 MB)'],
  ['giant', '3,179,521 (12.13 MB)'],
  ['cat-small', '1,573,121 (6.00 MB)'],
  ['cat-medium', '3,277,825 (12.50 MB)'],
  ['cat-large', '15,733,761 (60.02 MB)'],
  ['cat-regularized', '15,733,761 (60.02 MB)'],
];

describe('fitcheck summary (built binary)', () => {
  const runs = new Map<string, CliRun>();
  beforeAll(async () => {
    const results = await Promise.all(LAB_TOTALS.map(([name]) => fitcheck(['summary', `fixtures/models/${name}.yaml`])));
    LAB_TOTALS.forEach(([name], i) => runs.set(name, results[i]!));
  });

  it.each(LAB_TOTALS)('%s.yaml: Total params %s', (name, total) => {
    const { code: status, stdout } = runs.get(name)!;
    expect(status).toBe(0);
    expect(stdout).toContain(`\n Total params: ${total}\n Trainable params: ${total}\n Non-trainable params: 0 (0.00 B)\n`);
    expect(stdout).toMatch(/^Model: "/);
    expect(stdout).toContain('┃ Layer (type)                         ┃ Output Shape                ┃         Param # ┃');
  });

  it('prints the dropout model with Dropout rows between the Dense ones', () => {
    const { stdout } = runs.get('dropout')!;
    expect(stdout).toContain('│ dense (Dense)                        │ (None, 512)                 │          14,848 │');
    expect(stdout).toContain('│ dropout (Dropout)                    │ (None, 512)                 │               0 │');
    expect(stdout).toContain('│ dropout_3 (Dropout)                  │ (None, 512)                 │               0 │');
    expect(stdout).toContain('│ dense_4 (Dense)                      │ (None, 1)                   │             513 │');
  });

  it('--json prints the inferred layers and totals', async () => {
    const { code: status, stdout } = await fitcheck(['summary', 'fixtures/models/cat-small.yaml', '--json']);
    expect(status).toBe(0);
    const model = JSON.parse(stdout) as { totalParams: number; flopsPerSample: number; layers: { name: string; outputShape: unknown; params: number }[] };
    expect(model.totalParams).toBe(1_573_121);
    expect(model.layers.map((l) => [l.name, l.outputShape, l.params])).toEqual([
      ['flatten', [null, 12288], 0],
      ['dense', [null, 128], 1_572_992],
      ['dense_1', [null, 1], 129],
    ]);
    expect(model.flopsPerSample).toBe(2 * 12288 * 128 + 2 * 128);
  });

  it('exits 2 with file:line:col for an invalid model file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fitcheck-summary-'));
    const file = join(dir, 'student.yaml');
    writeFileSync(file, 'inputShape: [28]\nlayers:\n  - type: Dense\n    units: 16\n    activaton: elu\n  - type: Dense\n    units: 1\n');
    const { code: status, stdout, stderr } = await fitcheck(['summary', file, '--lang', 'en']);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${file}:5:5: unknown key "activaton" in layers[0]`);
    expect(stderr).toContain('(did you mean "activation"?)');
    // The lab's language says the same issue in its own words.
    const pt = await fitcheck(['summary', file]);
    expect(pt.code).toBe(2);
    expect(pt.stderr).toContain(`${file}:5:5: layers[0]: chave desconhecida "activaton"`);
    expect(pt.stderr).toContain('(você quis dizer "activation"?)');
  });

  it('refuses a FIFO at once (it used to wait forever for a writer) and a UTF-16 file without echoing it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fitcheck-summary-'));
    execFileSync('mkfifo', [join(dir, 'model.yaml')]);
    const fifo = await fitcheck(['summary', join(dir, 'model.yaml'), '--lang', 'en']);
    expect(fifo.code).toBe(2);
    expect(fifo.stderr).toContain(`${join(dir, 'model.yaml')} is a FIFO (named pipe), not a regular file`);
    writeFileSync(join(dir, 'utf16.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('inputShape: [28]\n'.repeat(200), 'utf16le')]));
    const utf16 = await fitcheck(['summary', join(dir, 'utf16.yaml'), '--lang', 'en']);
    expect(utf16.code).toBe(2);
    expect(utf16.stderr).toContain('utf16.yaml is UTF-16 text');
    expect(utf16.stderr.length).toBeLessThan(500);
  });
});
