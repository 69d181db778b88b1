import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FitcheckError } from '../errors.js';
import { loadModelSpec, parseModelSpec } from './parse-model-spec.js';

const fixtures = fileURLToPath(new URL('../../../../fixtures/models/', import.meta.url));

async function rejection(p: Promise<unknown>): Promise<FitcheckError> {
  const e: unknown = await p.then(() => undefined, (err: unknown) => err);
  if (e instanceof FitcheckError) return e;
  throw new Error(`expected a FitcheckError, got ${String(e)}`);
}

describe('parseModelSpec / loadModelSpec', () => {
  it('loads every Lab 5 fixture', async () => {
    const files = readdirSync(fixtures).filter((f) => f.endsWith('.yaml')).sort();
    expect(files).toEqual([
      'cat-large.yaml', 'cat-medium.yaml', 'cat-regularized.yaml', 'cat-small.yaml', 'combined.yaml', 'dropout.yaml',
      'giant.yaml', 'l2.yaml', 'large.yaml', 'medium.yaml', 'small.yaml', 'tiny.yaml',
    ]);
    const combined = await loadModelSpec(`${fixtures}combined.yaml`);
    expect(combined.layers[0]).toEqual({ type: 'Dense', units: 512, activation: 'elu', kernelRegularizer: { l2: 0.0001 } });
    expect(combined.layers[1]).toEqual({ type: 'Dropout', rate: 0.5 });
  });

  it('throws INVALID_MODEL_SPEC listing every issue with file:line:col', async () => {
    const text = 'inputShape: [28]\nlayers:\n  - type: Dense\n    unit: 16\n  - type: Dense\n    units: 1\n    activation: sigmod\n';
    const e = await rejection(Promise.resolve().then(() => parseModelSpec(text, 'student.yaml')));
    expect(e.code).toBe('INVALID_MODEL_SPEC');
    expect(e.place).toEqual({ file: 'student.yaml', line: 3, column: 5 });
    expect(e.describe().split('\n').slice(0, 3)).toEqual([
      'student.yaml:3:5: layers[0] is missing the required key "units"',
      expect.stringMatching(/^student\.yaml:4:5: unknown key "unit" in layers\[0\]; .*\(did you mean "units"\?\)$/),
      expect.stringMatching(/^student\.yaml:7:17: layers\[1\]\.activation is "sigmod", .*\(did you mean "sigmoid"\?\)$/),
    ]);
  });

  it('locates SHAPE_MISMATCH at the layer in the file', () => {
    const text = 'inputShape: [12]\nlayers:\n  - type: Flatten\n  - type: Reshape\n    targetShape: [5, 3]\n';
    let error: unknown;
    try {
      parseModelSpec(text, 'r.yaml');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FitcheckError);
    expect((error as FitcheckError).code).toBe('SHAPE_MISMATCH');
    expect((error as FitcheckError).place).toMatchObject({ file: 'r.yaml', line: 4, column: 5 });
  });

  it('reports a missing file as INVALID_MODEL_SPEC', async () => {
    const e = await rejection(loadModelSpec(`${fixtures}nope.yaml`));
    expect(e.code).toBe('INVALID_MODEL_SPEC');
    expect(e.message).toMatch(/cannot read model spec: .*nope.yaml does not exist/);
  });
});
