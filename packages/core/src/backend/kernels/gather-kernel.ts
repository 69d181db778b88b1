import type { KernelFunc, NamedAttrMap } from '@tensorflow/tfjs-core';
import { heapOffset } from './heap.js';
import type { WasmHeapBackend } from './heap.js';

interface GatherAttrs extends NamedAttrMap {
  axis: number;
  batchDims: number;
}

/**
 * `GatherV2` of whole rows (axis 0, no batch dims, 4-byte elements, 1-D int32 indices), as the
 * training loop takes each shuffled batch from the data: one copy per row within the heap. The stock
 * kernel computes every element's address through generic strides (0.6 ms for a 500 × 28 batch).
 * Indices are checked as the stock kernel checks them; every other gather goes to `original`.
 */
export function rowGather(memory: () => ArrayBufferLike, original: KernelFunc): KernelFunc {
  return (args) => {
    const { x, indices } = args.inputs;
    const { axis, batchDims } = (args.attrs ?? {}) as GatherAttrs;
    const rows = x?.shape[0];
    if (x === undefined || indices === undefined || rows === undefined || (axis !== 0 && axis !== -x.shape.length)
      || batchDims !== 0 || (x.dtype !== 'float32' && x.dtype !== 'int32') || indices.dtype !== 'int32'
      || indices.shape.length !== 1) {
      return original(args);
    }
    const backend = args.backend as WasmHeapBackend;
    // A copy: the output's allocation may grow the heap, which detaches views of an unshared one.
    const picks = Int32Array.from(backend.typedArrayFromHeap(indices) as Int32Array);
    for (const index of picks) {
      if (!(index >= 0 && index <= rows - 1)) throw new Error(`GatherV2: the index value ${index} is not in [0, ${rows - 1}]`);
    }
    const rowBytes = 4 * x.shape.slice(1).reduce((p, d) => p * d, 1);
    const out = backend.makeOutput([picks.length, ...x.shape.slice(1)], x.dtype as 'float32');
    const [from, to] = [heapOffset(backend, x), heapOffset(backend, out)];
    const heap = new Uint8Array(memory());
    for (const [i, index] of picks.entries()) heap.copyWithin(to + i * rowBytes, from + index * rowBytes, from + (index + 1) * rowBytes);
    return out;
  };
}
