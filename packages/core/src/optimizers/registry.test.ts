import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as ComposeOptimizerSchemaModule from '../spec/compose-optimizer-schema.js';
import { copyOfPackage } from '../test-helpers/copy-of-package.js';
import { exportsOf } from '../test-helpers/exports-of.js';
import { useCpu } from '../training/test-helpers.js';
import type * as IndexModule from './index.js';
import { OPTIMIZER_TYPES, OPTIMIZERS } from './index.js';
import type * as SchemaModule from './schema.js';
import { stepsOf } from './test-helpers.js';
import type { OptimizerSpec } from './types.js';

beforeAll(useCpu);

// "One file" holds only if an optimizer module written and not registered fails here.
describe('OPTIMIZERS holds every optimizer module of optimizers/', () => {
  it('each exported { type, schema, defaultLearningRate, create } of a file is registered, in file order', async () => {
    const defined = (await exportsOf(new URL('./', import.meta.url))).filter(([, value]) => {
      const v = value as Record<string, unknown> | null;
      return typeof v === 'object' && v !== null && typeof v.type === 'string' && typeof v.defaultLearningRate === 'number' && typeof v.create === 'function';
    });
    expect(defined.map(([file]) => file).sort()).toEqual(['adam.ts', 'rmsprop.ts', 'sgd.ts']);
    for (const [file, module] of defined) expect(OPTIMIZERS as readonly unknown[], file).toContain(module);
    expect(OPTIMIZER_TYPES).toEqual(['Adam', 'RMSprop', 'SGD']);
  });

  // Keras' Adagrad written into a copy of core: one file, no list touched.
  const copy = copyOfPackage(fileURLToPath(new URL('../../', import.meta.url)), ['src', 'schemas'], ['node_modules', 'package.json']);
  afterAll(() => copy.remove());

  it('an optimizer module added to optimizers/ is registered, created from a spec and in the schema the build writes', async () => {
    writeFileSync(join(copy.dir, 'src', 'optimizers', 'adagrad.ts'), `import * as tf from '@tensorflow/tfjs-core';
import type { LearningRateSchedule } from '../schedules/types.js';
import { gradientEntries, Slots, variableNamed } from './slots.js';
import { defineOptimizer, type ScheduledOptimizer } from './types.js';

declare module './types.js' {
  interface OptimizerSpecs {
    Adagrad: AdagradSpec;
  }
}

export interface AdagradSpec {
  type: 'Adagrad';
  learningRate?: number;
}

// Keras 3's Adagrad: a ← a + g² (a starts at 0.1); w ← w − lr·g / √(a + 1e-7).
class KerasAdagrad extends tf.Optimizer implements ScheduledOptimizer {
  static readonly className = 'KerasAdagrad';
  private step = 0;
  private readonly sums = new Slots();
  constructor(private readonly schedule: LearningRateSchedule) {
    super();
  }
  get steps(): number {
    return this.step;
  }
  override applyGradients(grads: Parameters<tf.Optimizer['applyGradients']>[0]): void {
    const lr = this.schedule(this.step);
    tf.tidy(() => {
      for (const [name, g] of gradientEntries(grads)) {
        if (g == null) continue;
        const w = variableNamed(name);
        const sum = this.sums.of(name, w);
        sum.assign(tf.add(sum, tf.square(g)));
        w.assign(tf.sub(w, tf.div(tf.mul(g, lr), tf.sqrt(tf.add(sum, 0.1 + 1e-7)))));
      }
    });
    this.step += 1;
  }
  override dispose(): void {
    super.dispose();
    this.sums.dispose();
  }
  override getConfig(): tf.serialization.ConfigDict {
    return {};
  }
}

export const adagrad = defineOptimizer<AdagradSpec>({
  type: 'Adagrad',
  schema: { type: 'object', additionalProperties: false, required: ['type'], properties: { type: { const: 'Adagrad' }, learningRate: { $ref: '#/definitions/learningRate' } } },
  defaultLearningRate: 0.001,
  create: (_spec, schedule) => new KerasAdagrad(schedule),
});
`);
    const src = join(copy.dir, 'src');
    const { OPTIMIZER_TYPES: typesOfCopy, createOptimizer, learningRateOf } = (await import(join(src, 'optimizers', 'index.ts'))) as typeof IndexModule;
    const { composeOptimizerSchema } = (await import(join(src, 'spec', 'compose-optimizer-schema.ts'))) as typeof ComposeOptimizerSchemaModule;
    const { optimizerSchema } = (await import(join(src, 'optimizers', 'schema.ts'))) as typeof SchemaModule;
    expect(typesOfCopy).toEqual(['Adagrad', 'Adam', 'RMSprop', 'SGD']);
    const spec = { type: 'Adagrad' } as unknown as OptimizerSpec;
    expect(learningRateOf(spec)).toBe(0.001);
    // w = 1, g = 1, lr = 0.1: a = 1.1, w = 1 − 0.1/√1.1 = 0.904654; then a = 2.1, w −= 0.1/√2.1.
    const [first, second] = stepsOf(createOptimizer(spec, () => 0.1), [1], [[1], [1]]).map(([w]) => w!);
    expect(first).toBeCloseTo(1 - 0.1 / Math.sqrt(1.1), 6);
    expect(second).toBeCloseTo(1 - 0.1 / Math.sqrt(1.1) - 0.1 / Math.sqrt(2.1), 6);
    const schema = composeOptimizerSchema(optimizerSchema()) as { definitions: Record<string, { properties?: { type?: { enum?: string[] } }; allOf?: unknown[] }> };
    expect(schema.definitions.optimizer?.properties?.type?.enum).toEqual(['Adagrad', 'Adam', 'RMSprop', 'SGD']);
    expect(schema.definitions.optimizer?.allOf).toHaveLength(4);
    expect(schema.definitions.Adagrad).toMatchObject({ required: ['type'], additionalProperties: false });
  });
});
