import type { KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import type { GemmEngine } from './gemm-engine.js';

interface MatMulAttrs extends NamedAttrMap {
  transposeA: boolean;
  transposeB: boolean;
}

/** The parts of tfjs-backend-wasm's backend this kernel uses. */
export interface WasmHeapBackend {
  dataIdMap: { get(dataId: object): { memoryOffset: number } | undefined };
  makeOutput(shape: number[], dtype: 'float32'): TensorInfo;
  disposeData(dataId: object): boolean;
}

/** Swap the last two axes (the backend's own Transpose kernel, passed in). */
export type TransposeLastTwo = (x: TensorInfo, backend: object) => TensorInfo;

/** M, N, K of `op(a)·op(b)` when fitcheck's kernel takes it: float32, no batch, N % 4 == 0. */
export function gemmShape(a: TensorInfo, b: TensorInfo, { transposeA, transposeB }: MatMulAttrs):
  { m: number; n: number; k: number } | undefined {
  if (a.dtype !== 'float32' || b.dtype !== 'float32' || a.shape.length < 2 || a.shape.length !== b.shape.length) return undefined;
  const rank = a.shape.length;
  if (a.shape.slice(0, -2).some((d) => d !== 1) || b.shape.slice(0, -2).some((d) => d !== 1)) return undefined;
  const [a0, a1] = [a.shape[rank - 2] ?? 0, a.shape[rank - 1] ?? 0];
  const [b0, b1] = [b.shape[rank - 2] ?? 0, b.shape[rank - 1] ?? 0];
  const [m, k] = transposeA ? [a1, a0] : [a0, a1];
  const [kb, n] = transposeB ? [b1, b0] : [b0, b1];
  if (k !== kb || m === 0 || k === 0 || n === 0 || n % 4 !== 0) return undefined;
  return { m, n, k };
}

/**
 * A `BatchMatMul` kernel that multiplies on fitcheck's GEMM (see gemm-wat.ts) in place in the wasm
 * heap, and hands every product it does not take (batched, integer, N % 4 ≠ 0) to `fallback`.
 * A transposed operand is materialised first with the backend's Transpose kernel.
 */
export function gemmBatchMatMul(engine: GemmEngine, transpose: TransposeLastTwo, fallback: KernelFunc): KernelFunc {
  return (args) => {
    const { inputs, attrs } = args;
    const backend = args.backend as WasmHeapBackend;
    const a = inputs.a;
    const b = inputs.b;
    const matmulAttrs = (attrs ?? {}) as MatMulAttrs;
    const shape = a === undefined || b === undefined ? undefined : gemmShape(a, b, matmulAttrs);
    if (shape === undefined || a === undefined || b === undefined) return fallback(args);
    const aReady = matmulAttrs.transposeA ? transpose(a, backend) : a;
    const bReady = matmulAttrs.transposeB ? transpose(b, backend) : b;
    const at = (x: TensorInfo): number => {
      const data = backend.dataIdMap.get(x.dataId);
      if (data === undefined) throw new Error('matMul operand is not in the wasm heap');
      return data.memoryOffset;
    };
    try {
      const out = backend.makeOutput([...a.shape.slice(0, -2), shape.m, shape.n], 'float32');
      try {
        engine.multiply(at(aReady), at(bReady), at(out), shape.m, shape.n, shape.k);
      } catch (e) {
        backend.disposeData(out.dataId);
        throw e;
      }
      return out;
    } finally {
      if (aReady !== a) backend.disposeData(aReady.dataId);
      if (bReady !== b) backend.disposeData(bReady.dataId);
    }
  };
}
