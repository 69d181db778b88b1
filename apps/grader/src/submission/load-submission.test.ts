import { mkdtemp, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatIssue, inferShapes } from '@fitcheck/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLab } from '../lab/load-lab.js';
import type { LabDefinition } from '../lab/types.js';
import { submissionFixture } from '../test-helpers/paths.js';
import { loadSubmission } from './load-submission.js';

let lab: LabDefinition;
beforeAll(async () => {
  lab = (await loadLab('lab5')).definition;
});

describe('loadSubmission', () => {
  it('loads the reference: every model resolved with the lab input shapes and Keras parameter counts', async () => {
    const loaded = await loadSubmission(submissionFixture('reference'), lab);
    expect(loaded.errors).toEqual([]);
    expect(loaded.submission?.student.id).toBe('2024-0107');
    const params = Object.fromEntries(
      Object.entries(loaded.models).map(([k, m]) => [k, m ? inferShapes(m.spec).totalParams : null]),
    );
    // Keras: 4 × Dense(1024, elu) on 28 inputs = 3,179,521 (LAB.md's Giant example).
    expect(params).toEqual({
      'higgs.giant': 3_179_521,
      'cats.small': 98_321,
      'cats.medium': 394_337,
      'cats.large': 1_606_145,
      'cats.regularized': 1_606_145,
    });
    expect(loaded.models['cats.small']?.spec.inputShape).toEqual([64, 64, 3]);
    expect(loaded.models['higgs.giant']?.spec.inputShape).toEqual([28]);
  });

  it('accepts the starter with every ToDo left null', async () => {
    const loaded = await loadSubmission(join(submissionFixture('reference'), '..', '..', '..', 'submission'), lab);
    expect(loaded.errors).toEqual([]);
    expect(Object.values(loaded.models)).toEqual([null, null, null, null, null]);
  });

  it('reports invalid YAML at its line and column', async () => {
    const { errors } = await loadSubmission(submissionFixture('invalid-yaml'), lab);
    expect(errors).toHaveLength(1);
    expect(formatIssue(errors[0]!)).toMatch(/^.*fixtures\/submissions\/invalid-yaml\/lab5\.yaml:\d+:\d+: /);
    expect(errors[0]!.keyword).toBe('syntax');
  });

  it('names an unknown layer type with its position and the closest layer', async () => {
    const { errors } = await loadSubmission(submissionFixture('unknown-layer'), lab);
    const dence = errors.find((e) => e.instancePath === '/cats/models/medium/layers/1/type');
    expect(dence).toMatchObject({ line: 28, suggestion: 'Dense' });
    expect(formatIssue(dence!)).toContain('lab5.yaml:28:');
  });

  it('names typo\'d keys with their positions and "did you mean"', async () => {
    const { errors } = await loadSubmission(submissionFixture('typo-key'), lab);
    const lines = errors.map(formatIssue);
    expect(lines.find((l) => l.includes('"validaton"'))).toMatch(/lab5\.yaml:18:3: .*\(did you mean "validation"\?\)$/);
    expect(lines.find((l) => l.includes('"kernelRegulariser"'))).toMatch(/lab5\.yaml:43:\d+: .*\(did you mean "kernelRegularizer"\?\)$/);
  });

  it('imports Keras model.to_json() documents from a file (Keras 3) and inline (Keras 2)', async () => {
    const loaded = await loadSubmission(submissionFixture('keras'), lab);
    expect(loaded.errors).toEqual([]);
    const giant = loaded.models['higgs.giant']!;
    expect(giant.from).toBe('keras');
    expect(giant.declaredInputShape).toEqual([28]);
    expect(inferShapes(giant.spec).totalParams).toBe(3_179_521);
    const small = loaded.models['cats.small']!;
    expect(small.declaredInputShape).toEqual([64, 64, 3]);
    // The Activation layer folds into the Dense before it; the float32 L2 factor reads back as typed.
    expect(small.spec.layers).toEqual([
      { type: 'Flatten', name: 'flatten' },
      { type: 'Dense', units: 16, activation: 'relu', kernelRegularizer: { l2: 0.001 }, name: 'dense_5' },
      { type: 'Dense', units: 1, activation: 'sigmoid', name: 'dense_6' },
    ]);
  });

  it('refuses a Keras path that leads outside the submission folder', async () => {
    const { errors, models } = await loadSubmission(submissionFixture('outside-path'), lab);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toContain('outside the submission folder');
    expect(errors[0]).toMatchObject({ line: 6 });
    expect(models['higgs.giant']).toBeNull();
  });

  it('refuses a symlink inside the folder that points outside it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fitcheck-sub-'));
    const outside = await mkdtemp(join(tmpdir(), 'fitcheck-out-'));
    await writeFile(join(outside, 'secret.json'), '{"class_name":"Sequential","config":{"layers":[]}}');
    await mkdir(join(dir, 'models'));
    await symlink(join(outside, 'secret.json'), join(dir, 'models', 'giant.json'));
    const text = (await import('node:fs/promises')).readFile(join(submissionFixture('outside-path'), 'lab5.yaml'), 'utf8');
    await writeFile(join(dir, 'lab5.yaml'), (await text).replace('../keras/giant.json', 'models/giant.json'));
    const { errors } = await loadSubmission(dir, lab);
    expect(errors.map((e) => e.message)).toEqual([expect.stringContaining('leads outside the submission folder')]);
  });

  it('reports a missing folder and a folder without lab5.yaml as errors, not exceptions', async () => {
    const missing = await loadSubmission('/nonexistent/fitcheck-submission', lab);
    expect(missing.errors[0]!.message).toContain('no submission folder');
    const empty = await mkdtemp(join(tmpdir(), 'fitcheck-empty-'));
    expect((await loadSubmission(empty, lab)).errors[0]!.message).toContain('no lab5.yaml / lab5.yml / lab5.json');
  });

  it("refuses a lab 6 schedule whose parts disagree at its file:line:col (the schema cannot tell; training would blame the grader)", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fitcheck-lab6-schedule-'));
    const reference = await readFile(join(submissionFixture('lab6-reference'), 'lab6.yaml'), 'utf8');
    const broken = reference.replace(
      "optimizer: { type: Adam }\n",
      "optimizer: { type: Adam, learningRate: { type: PiecewiseConstantDecay, boundaries: [100, 200], values: [0.01, 0.001] } }\n",
    );
    expect(broken).not.toBe(reference);
    await writeFile(join(dir, 'lab6.yaml'), broken);
    const loaded = await loadSubmission(dir, (await loadLab('lab6')).definition);
    expect(loaded.errors.map(formatIssue)).toEqual([
      `${join(dir, 'lab6.yaml')}:24:46: PiecewiseConstantDecay: the length of boundaries should be 1 less than the length of values (got 2 boundaries and 2 values)`,
    ]);
  });
});
