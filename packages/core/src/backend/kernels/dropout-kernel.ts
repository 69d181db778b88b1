import type { KernelConfig, NamedAttrMap } from '@tensorflow/tfjs-core';
import type { KernelEngine } from './engine.js';
import { heapOffset } from './heap.js';
import type { WasmHeapBackend } from './heap.js';

/** The kernel SeededDropout runs when the active backend registers it (wasm with fast kernels). */
export const DROPOUT_MASK = 'FitcheckDropoutMask';

export interface DropoutMaskAttrs extends NamedAttrMap {
  shape: number[];
  rate: number;
}

/**
 * Input `state`: int32[4], a xoroshiro128+ state in pure-rand's order. Outputs `[mask, next]`: the
 * float32 mask of `shape` (1/(1 − rate) kept, 0 dropped) and the state after its draws.
 */
export function dropoutMaskKernel(engine: KernelEngine): KernelConfig {
  return {
    kernelName: DROPOUT_MASK,
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const heap = backend as unknown as WasmHeapBackend;
      const state = inputs.state;
      if (state === undefined || state.dtype !== 'int32' || state.shape.join() !== '4') {
        throw new Error(`${DROPOUT_MASK} needs an int32[4] generator state`);
      }
      const { shape, rate } = attrs as DropoutMaskAttrs;
      const mask = heap.makeOutput([...shape], 'float32');
      const n = shape.reduce((p, d) => p * d, 1);
      const at = heapOffset(heap, mask);
      const next = engine.dropoutMask(at, n, Array.from(heap.typedArrayFromHeap(state)), rate);
      const nextState = heap.makeOutput([4], 'int32');
      heap.typedArrayFromHeap(nextState).set(next);
      return [mask, nextState];
    },
  };
}
