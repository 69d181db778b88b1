import type { DataType, TensorInfo } from '@tensorflow/tfjs-core';

/** The parts of tfjs-backend-wasm's backend that fitcheck's kernels use: tensors live in its heap. */
export interface WasmHeapBackend {
  dataIdMap: { get(dataId: object): { memoryOffset: number } | undefined };
  makeOutput(shape: number[], dtype: DataType): TensorInfo;
  disposeData(dataId: object): boolean;
  typedArrayFromHeap(x: TensorInfo): Float32Array | Int32Array | Uint8Array;
}

/** Byte address of a tensor's data in the wasm heap. */
export function heapOffset(backend: WasmHeapBackend, x: TensorInfo): number {
  const data = backend.dataIdMap.get(x.dataId);
  if (data === undefined) throw new Error('a kernel operand is not in the wasm heap');
  return data.memoryOffset;
}
