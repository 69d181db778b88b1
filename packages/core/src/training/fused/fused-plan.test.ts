import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../model/build-model.js';
import { createOptimizer } from '../../optimizers/index.js';
import type { LayerSpec } from '../../spec/types.js';
import { useCpu } from '../test-helpers.js';
import { fusedPlan } from './fused-plan.js';
import type { FusedPlanInput } from './fused-plan.js';

beforeAll(useCpu);

const adam = createOptimizer({ type: 'Adam' }, () => 0.001);
afterAll(() => adam.dispose());

function input(layers: LayerSpec[], overrides: Partial<FusedPlanInput> = {}): FusedPlanInput {
  const model = buildModel({ name: 'm', inputShape: [28], layers }, { seed: 1 });
  return { model, optimizer: adam, shape: [1000, 28], batchSize: 500, kernelsReady: true, anyRows: false, ...overrides };
}
const elu = (units: number, extra: Partial<LayerSpec> = {}): LayerSpec => ({ type: 'Dense', units, activation: 'elu', ...extra } as LayerSpec);
const logits: LayerSpec = { type: 'Dense', units: 1 };
const reason = (choice: ReturnType<typeof fusedPlan>): string | undefined => ('reason' in choice ? choice.reason : undefined);

describe('fusedPlan', () => {
  it("takes the lab's HIGGS stacks: Dense ELU with an L2 kernel penalty, Dropout, Dense(1) logits, Adam with its settings", () => {
    const choice = fusedPlan(input([elu(16, { kernelRegularizer: { l2: 0.001 } }), { type: 'Dropout', rate: 0.5 }, logits]));
    if (!('plan' in choice)) throw new Error(choice.reason);
    const { plan } = choice;
    expect(plan.features).toBe(28);
    expect(plan.layers.map((l) => (l.kind === 'dense' ? [l.inputs, l.units, l.elu, l.l2] : [l.width, l.rate])))
      .toEqual([[28, 16, true, 0.001], [16, 0.5], [16, 1, false, 0]]);
    expect(plan.layers[0]?.kind === 'dense' && plan.layers[0].kernel.shape).toEqual([28, 16]);
    expect({ ...plan.adam, schedule: plan.adam.schedule(3) }).toEqual({ beta1: 0.9, beta2: 0.999, epsilon: 1e-7, schedule: 0.001 });
  });

  it('leaves everything else to the tape, saying why', () => {
    const tiny = [elu(16), logits];
    const sgd = createOptimizer({ type: 'SGD' }, () => 0.01);
    expect(reason(fusedPlan(input(tiny, { kernelsReady: false })))).toBe("fitcheck's wasm kernels are not running");
    expect(reason(fusedPlan(input(tiny, { optimizer: sgd })))).toBe('the optimizer is not Adam');
    expect(reason(fusedPlan(input(tiny, { batchSize: 50 })))).toBe('a batch whose rows are not a multiple of 4');
    expect(reason(fusedPlan(input(tiny, { shape: [1002, 28] })))).toBe('a batch whose rows are not a multiple of 4');
    // …which it takes where XNNPACK's one-column product is the one column-wat.ts repeats.
    expect(fusedPlan(input(tiny, { batchSize: 50, anyRows: true }))).toHaveProperty('plan.anyRows', true);
    expect(reason(fusedPlan(input(tiny, { shape: [1000, 28, 1] })))).toBe('the samples are not vectors');
    expect(reason(fusedPlan(input(tiny, { shape: [1000, 32] })))).toMatch(/a kernel of shape \[28, 16\] for 32 inputs$/);
    const frozen = input(tiny);
    frozen.model.layers[0]!.trainable = false;
    expect(reason(fusedPlan(frozen))).toMatch(/no trainable kernel or bias$/);
    expect(reason(fusedPlan(input([elu(16, { activation: 'relu' }), logits])))).toMatch(/activation relu$/);
    expect(reason(fusedPlan(input([elu(10), logits])))).toMatch(/a width that is not a multiple of 4$/);
    expect(reason(fusedPlan(input([elu(16, { kernelRegularizer: { l1: 0.01 } }), logits])))).toMatch(/an L1 penalty$/);
    expect(reason(fusedPlan(input([elu(16, { biasRegularizer: { l2: 0.01 } }), logits])))).toMatch(/bias or activity regularizer/);
    expect(reason(fusedPlan(input([elu(16), { type: 'Dense', units: 2 }])))).toBe('the last layer is not Dense(1) emitting logits');
    expect(reason(fusedPlan(input([elu(16), { type: 'Dense', units: 1, activation: 'sigmoid' }])))).toMatch(/activation sigmoid$/);
    sgd.dispose();
  });
});
