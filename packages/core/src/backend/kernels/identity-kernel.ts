import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';

interface RefCountingBackend {
  incRef(dataId: object): void;
}

/**
 * `Identity` that shares the input's buffer (one more reference) instead of copying it, as the cpu
 * backend does and as wasm's own `Reshape` does. TF.js clones every tensor its gradient tape saves,
 * so on wasm a training step copied each layer's activations a few times over (12 MiB a step for
 * the lab's Large model). Sharing is safe because no kernel writes into its inputs: a variable's
 * `assign` swaps buffers. Strings keep the original kernel.
 */
export function sharingIdentity(original: KernelFunc): KernelFunc {
  return (args) => {
    const x = args.inputs.x;
    if (x === undefined || x.dtype === 'string') return original(args);
    (args.backend as RefCountingBackend).incRef(x.dataId);
    const shared: TensorInfo = { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
    return shared;
  };
}
