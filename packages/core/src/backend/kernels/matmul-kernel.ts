import { getKernel } from '@tensorflow/tfjs-core';
import type { KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import type { KernelEngine } from './engine.js';
import { TRANS_A, TRANS_B } from './gemm-wat.js';
import { heapOffset } from './heap.js';
import type { WasmHeapBackend } from './heap.js';

interface MatMulAttrs extends NamedAttrMap {
  transposeA: boolean;
  transposeB: boolean;
}

interface FusedMatMulAttrs extends MatMulAttrs {
  activation: string;
  leakyreluAlpha: number;
}

/**
 * How fitcheck's GEMM computes `op(a)·op(b)` (M×N), or undefined when it does not (batches,
 * non-float32). `direct`: N % 4 == 0, C = op(A)·op(B). `swapped`: N == 1 and M % 4 == 0 — a column
 * has the memory of a row, so C is computed as the 1×M row op(B)ᵀ·op(A)ᵀ (a Dense layer with one
 * unit: the lab's output layer).
 */
export function gemmPlan(a: TensorInfo, b: TensorInfo, { transposeA, transposeB }: MatMulAttrs):
  { m: number; n: number; k: number; swapped: boolean } | undefined {
  if (a.dtype !== 'float32' || b.dtype !== 'float32' || a.shape.length < 2 || a.shape.length !== b.shape.length) return undefined;
  const rank = a.shape.length;
  if (a.shape.slice(0, -2).some((d) => d !== 1) || b.shape.slice(0, -2).some((d) => d !== 1)) return undefined;
  const [a0, a1] = [a.shape[rank - 2] ?? 0, a.shape[rank - 1] ?? 0];
  const [b0, b1] = [b.shape[rank - 2] ?? 0, b.shape[rank - 1] ?? 0];
  const [m, k] = transposeA ? [a1, a0] : [a0, a1];
  const [kb, n] = transposeB ? [b1, b0] : [b0, b1];
  if (k !== kb || m === 0 || k === 0 || n === 0) return undefined;
  if (n % 4 === 0) return { m, n, k, swapped: false };
  if (n === 1 && m % 4 === 0) return { m, n, k, swapped: true };
  return undefined;
}

/** op(a)·op(b) on the GEMM into a new tensor, or undefined when the GEMM does not take it. */
function multiply(engine: KernelEngine, backend: WasmHeapBackend, a: TensorInfo, b: TensorInfo, attrs: MatMulAttrs):
  TensorInfo | undefined {
  const plan = gemmPlan(a, b, attrs);
  if (plan === undefined) return undefined;
  const { m, n, k, swapped } = plan;
  const at = (x: TensorInfo): number => heapOffset(backend, x);
  const out = backend.makeOutput([...a.shape.slice(0, -2), m, n], 'float32');
  try {
    if (!swapped) {
      engine.multiply(at(a), at(b), at(out), m, n, k, (attrs.transposeA ? TRANS_A : 0) | (attrs.transposeB ? TRANS_B : 0));
    } else {
      // The 1×M row op(b)ᵀ·op(a)ᵀ: op(b)ᵀ is b's vector in either layout; op(a)ᵀ is a itself when a
      // is transposed (K×M), and a read as transposed otherwise.
      engine.multiply(at(b), at(a), at(out), 1, m, k, attrs.transposeA ? 0 : TRANS_B);
    }
  } catch (e) {
    backend.disposeData(out.dataId);
    throw e;
  }
  return out;
}

/**
 * A `BatchMatMul` kernel that multiplies on fitcheck's GEMM (see gemm-wat.ts) in place in the wasm
 * heap, and hands every product it does not take to `fallback`.
 */
export function gemmBatchMatMul(engine: KernelEngine, fallback: KernelFunc): KernelFunc {
  return (args) => {
    const { a, b } = args.inputs;
    const attrs = (args.attrs ?? {}) as MatMulAttrs;
    const out = a === undefined || b === undefined
      ? undefined
      : multiply(engine, args.backend as WasmHeapBackend, a, b, attrs);
    return out ?? fallback(args);
  };
}

/** tfjs activations a fused product may name, as the wasm kernels that apply them. */
const ACTIVATION_KERNELS: Record<string, string> = {
  relu: 'Relu', relu6: 'Relu6', elu: 'Elu', sigmoid: 'Sigmoid', leakyrelu: 'LeakyRelu',
};

/**
 * A `_FusedMatMul` kernel (a Dense layer's forward pass outside training, and its one-unit output
 * layer always): the product on fitcheck's GEMM, then the backend's own `Add` for the bias and its
 * activation kernel. PReLU and everything the GEMM does not take go to `fallback`.
 */
export function gemmFusedMatMul(engine: KernelEngine, fallback: KernelFunc): KernelFunc {
  return (args) => {
    const { a, b, bias, preluActivationWeights } = args.inputs;
    const attrs = (args.attrs ?? {}) as FusedMatMulAttrs;
    const activation = attrs.activation === 'linear' ? undefined : ACTIVATION_KERNELS[attrs.activation];
    const supported = preluActivationWeights === undefined && (attrs.activation === 'linear' || activation !== undefined);
    const backend = args.backend as WasmHeapBackend;
    const product = !supported || a === undefined || b === undefined
      ? undefined
      : multiply(engine, backend, a, b, attrs);
    if (product === undefined) return fallback(args);
    let out = product;
    const then = (kernel: string, inputs: Record<string, TensorInfo>, kernelAttrs: NamedAttrMap = {}): void => {
      const config = getKernel(kernel, 'wasm');
      if (config === undefined) throw new Error(`wasm ${kernel} kernel is not registered`);
      const next = config.kernelFunc({ inputs, backend: args.backend, attrs: kernelAttrs }) as TensorInfo;
      backend.disposeData(out.dataId);
      out = next;
    };
    if (bias !== undefined) then('Add', { a: out, b: bias });
    if (activation !== undefined) {
      then(activation, { x: out }, activation === 'LeakyRelu' ? { alpha: attrs.leakyreluAlpha ?? 0.2 } : {});
    }
    return out;
  };
}
