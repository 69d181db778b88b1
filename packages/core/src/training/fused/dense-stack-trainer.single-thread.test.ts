import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../backend/init-backend.js';
import { buildModel } from '../../model/build-model.js';
import type { ModelSpec } from '../../spec/types.js';
import { fit } from '../fit.js';
import { linearlySeparable } from '../test-helpers.js';

// One thread: tfjs-backend-wasm's single-threaded build, whose memory is not shared, so growing it
// (each new tensor may) detaches every view of the old buffer. The fused step must keep none across
// an allocation; the two-thread suite (shared memory) cannot see that.
beforeAll(async () => {
  const info = await initBackend({ backend: 'wasm', threads: 1 });
  expect(info.gemm?.threads).toBe(1);
});

describe('the fused train step on one thread (an unshared, growing heap)', () => {
  it("trains a 1.1 M-parameter stack for several epochs to the tape's weights and history", async () => {
    const spec: ModelSpec = {
      name: 'wide', inputShape: [28],
      layers: [{ type: 'Dense', units: 1024, activation: 'elu' }, { type: 'Dense', units: 1024, activation: 'elu' }, { type: 'Dense', units: 1 }],
    };
    const data = { train: linearlySeparable(600, 28, 1), validation: linearlySeparable(150, 28, 2) };
    const run = async (fusedStep: boolean) => {
      const net = buildModel(spec, { seed: 4 });
      const result = await fit(net, data, { spec, epochs: 3, batchSize: 50, seed: 1, learningRate: 0.002, fusedStep });
      const weights = net.getWeights().map((w) => Buffer.from((w.dataSync() as Float32Array).buffer));
      net.dispose();
      return { result, weights };
    };
    // Fused first, on a heap that has not yet grown to hold this model's training.
    const fused = await run(true);
    const tape = await run(false);
    expect(fused.result).toEqual(tape.result);
    for (const [i, w] of fused.weights.entries()) expect(w.equals(tape.weights[i]!), `weight ${i}`).toBe(true);
  });
});
