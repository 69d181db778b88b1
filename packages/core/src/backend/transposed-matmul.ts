import {
  BatchMatMul, Transpose, _FusedMatMul, getKernel, registerKernel, unregisterKernel,
} from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import type { GemmEngine } from './gemm/gemm-engine.js';
import { gemmBatchMatMul } from './gemm/gemm-kernel.js';

// tfjs-backend-wasm 4.x hands XNNPACK only matmuls with neither operand transposed; any transpose
// falls to a scalar loop 10–20× slower. A Dense layer's backward pass is exactly that:
// dX = dY·Wᵀ and dW = Xᵀ·dY. Materialising the transpose first (the wasm `Transpose` kernel costs
// well under a millisecond for the lab's shapes) and then multiplying untransposed keeps every
// matmul on XNNPACK. The result is the same product, computed in a different order of additions.
const OVERRIDDEN = [BatchMatMul, _FusedMatMul] as const;
const BACKEND = 'wasm';

/** The kernels wasm registered itself, kept to restore them and to call them. */
const originals = new Map<string, KernelConfig>();
/** The GEMM engine `BatchMatMul` multiplies on, when one was given. */
let installedEngine: GemmEngine | undefined;

interface MatMulAttrs extends NamedAttrMap {
  transposeA: boolean;
  transposeB: boolean;
}

interface DisposingBackend {
  disposeData(dataId: object): boolean;
}

/** Swap the last two axes with the backend's own Transpose kernel. */
function transposeLastTwo(x: TensorInfo, backend: object): TensorInfo {
  const transpose = getKernel(Transpose, BACKEND);
  if (transpose === undefined) throw new Error('wasm Transpose kernel is not registered');
  const rank = x.shape.length;
  const perm = [...Array(rank).keys()];
  perm[rank - 2] = rank - 1;
  perm[rank - 1] = rank - 2;
  return transpose.kernelFunc({ inputs: { x }, backend, attrs: { perm } }) as TensorInfo;
}

/** Wrap an original matmul kernel so that it never sees a transposed operand. */
function untransposing(original: KernelFunc): KernelFunc {
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

/**
 * Re-register the wasm `BatchMatMul` and `_FusedMatMul` kernels so that a transposed operand is
 * transposed first and the product runs on XNNPACK: `op(A)·op(B) = A'·B'` with `A' = op(A)`
 * materialised. With `engine`, `BatchMatMul` (every product of training) multiplies on fitcheck's
 * GEMM instead wherever it applies (gemm/gemm-kernel.ts). Idempotent; a later call may add or drop
 * the engine. Call after `@tensorflow/tfjs-backend-wasm` has been imported.
 * @returns false when the wasm kernels are not registered (nothing to patch).
 */
export function installTransposedMatMul(engine?: GemmEngine): boolean {
  if (transposedMatMulInstalled() && installedEngine === engine) return true;
  for (const name of OVERRIDDEN) {
    const original = originals.get(name) ?? getKernel(name, BACKEND);
    if (original === undefined) return false;
    if (originals.has(name)) unregisterKernel(name, BACKEND);
    else {
      originals.set(name, original);
      unregisterKernel(name, BACKEND);
    }
    const untransposed = untransposing(original.kernelFunc);
    const kernelFunc = name === BatchMatMul && engine !== undefined
      ? gemmBatchMatMul(engine, transposeLastTwo, untransposed)
      : untransposed;
    registerKernel({ ...original, kernelFunc });
  }
  installedEngine = engine;
  return true;
}

/** Put back the kernels tfjs-backend-wasm registered (used to compare both paths). */
export function uninstallTransposedMatMul(): void {
  for (const [name, original] of originals) {
    unregisterKernel(name, BACKEND);
    registerKernel(original);
  }
  originals.clear();
  installedEngine = undefined;
}

/** Whether the transposed-matmul fix is registered now. */
export function transposedMatMulInstalled(): boolean {
  return originals.size === OVERRIDDEN.length;
}

/** The GEMM engine `BatchMatMul` runs on now, if any. */
export function gemmEngineInstalled(): GemmEngine | undefined {
  return transposedMatMulInstalled() ? installedEngine : undefined;
}
