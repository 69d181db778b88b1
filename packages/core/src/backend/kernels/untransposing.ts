import { Transpose, getKernel } from '@tensorflow/tfjs-core';
import type { KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';

// tfjs-backend-wasm 4.x hands XNNPACK only matmuls with neither operand transposed; any transpose
// falls to a scalar loop 10–20× slower. A Dense layer's backward pass is exactly that:
// dX = dY·Wᵀ and dW = Xᵀ·dY. Materialising the transpose first (the wasm `Transpose` kernel costs
// well under a millisecond for the lab's shapes) and then multiplying untransposed keeps every
// matmul on XNNPACK. The result is the same product, computed in a different order of additions.

interface MatMulAttrs extends NamedAttrMap {
  transposeA: boolean;
  transposeB: boolean;
}

interface DisposingBackend {
  disposeData(dataId: object): boolean;
}

/** Swap the last two axes with the wasm backend's own Transpose kernel. */
function transposeLastTwo(x: TensorInfo, backend: object): TensorInfo {
  const transpose = getKernel(Transpose, 'wasm');
  if (transpose === undefined) throw new Error('wasm Transpose kernel is not registered');
  const rank = x.shape.length;
  const perm = [...Array(rank).keys()];
  perm[rank - 2] = rank - 1;
  perm[rank - 1] = rank - 2;
  return transpose.kernelFunc({ inputs: { x }, backend, attrs: { perm } }) as TensorInfo;
}

/** Wrap an original matmul kernel (`BatchMatMul`, `_FusedMatMul`) so that it never sees a transposed operand. */
export function untransposing(original: KernelFunc): KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const { transposeA, transposeB } = (attrs ?? {}) as MatMulAttrs;
    const a = inputs.a;
    const b = inputs.b;
    if ((!transposeA && !transposeB) || a === undefined || b === undefined) {
      return original({ inputs, backend, ...(attrs === undefined ? {} : { attrs }) });
    }
    const aReady = transposeA ? transposeLastTwo(a, backend) : a;
    const bReady = transposeB ? transposeLastTwo(b, backend) : b;
    try {
      return original({
        inputs: { ...inputs, a: aReady, b: bReady },
        backend,
        attrs: { ...attrs, transposeA: false, transposeB: false },
      });
    } finally {
      // Kernels own the intermediates they make: release them on the backend, not through the engine.
      const owner = backend as DisposingBackend;
      if (aReady !== a) owner.disposeData(aReady.dataId);
      if (bReady !== b) owner.disposeData(bReady.dataId);
    }
  };
}
