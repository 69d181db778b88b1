import type { KernelConfig, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import type { KernelEngine } from './engine.js';
import { heapOffset } from './heap.js';
import type { WasmHeapBackend } from './heap.js';

/** The kernel AdamWithSchedule runs when the active backend registers it (wasm with fast kernels). */
export const FUSED_ADAM = 'FitcheckFusedAdam';

export interface FusedAdamAttrs extends NamedAttrMap {
  beta1: number;
  beta2: number;
  epsilon: number;
  learningRate: number;
}

/**
 * Inputs `w, g, m, v` (one variable, its gradient and moments, all the same shape) and the float32
 * scalars `d1 = 1 − β1ᵗ`, `d2 = 1 − β2ᵗ`; outputs `[w', m', v']` from one pass (see adam-wat.ts).
 */
export function fusedAdamKernel(engine: KernelEngine): KernelConfig {
  return {
    kernelName: FUSED_ADAM,
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const heap = backend as unknown as WasmHeapBackend;
      const { w, g, m, v, d1, d2 } = inputs;
      if (w === undefined || g === undefined || m === undefined || v === undefined || d1 === undefined || d2 === undefined) {
        throw new Error(`${FUSED_ADAM} needs inputs w, g, m, v, d1 and d2`);
      }
      const n = w.shape.reduce((p, d) => p * d, 1);
      for (const x of [g, m, v]) {
        if (x.dtype !== 'float32' || x.shape.reduce((p, d) => p * d, 1) !== n) {
          throw new Error(`${FUSED_ADAM}: gradient and moments must be float32 of shape [${w.shape.join(',')}]`);
        }
      }
      const outputs = [w, m, v].map((x) => heap.makeOutput([...x.shape], 'float32'));
      const at = (x: TensorInfo): number => heapOffset(heap, x);
      const [w2, m2, v2] = outputs as [TensorInfo, TensorInfo, TensorInfo];
      const { beta1, beta2, epsilon, learningRate } = attrs as FusedAdamAttrs;
      engine.adam({ w: at(w), g: at(g), m: at(m), v: at(v), w2: at(w2), m2: at(m2), v2: at(v2) }, n, {
        beta1, beta2, epsilon, learningRate,
        d1: heap.typedArrayFromHeap(d1)[0] ?? Number.NaN,
        d2: heap.typedArrayFromHeap(d2)[0] ?? Number.NaN,
      });
      return outputs;
    },
  };
}
