import type { DataType, TensorInfo } from '@tensorflow/tfjs-core';

/** The parts of tfjs-backend-wasm's backend that fitcheck's kernels use: tensors live in its heap. */
export interface WasmHeapBackend {
  dataIdMap: { get(dataId: object): { id: number; memoryOffset: number } | undefined };
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

/**
 * A float32 buffer the backend allocated and registered as a tensor (so that its own C++ kernels can
 * address it by `id`), held outside any tf.Tensor: its owner frees it with {@link releaseBuffer}.
 */
export interface HeapBuffer {
  readonly info: TensorInfo;
  /** The backend's tensor id (what its C++ kernels take). */
  readonly id: number;
  /** Byte address in the heap. */
  readonly at: number;
  readonly length: number;
}

/** Allocate `length` floats (at least one) as a backend tensor. */
export function allocateBuffer(backend: WasmHeapBackend, length: number): HeapBuffer {
  const info = backend.makeOutput([Math.max(1, length)], 'float32');
  const data = backend.dataIdMap.get(info.dataId);
  if (data === undefined) throw new Error('the wasm backend did not register a buffer it made');
  return { info, id: data.id, at: data.memoryOffset, length };
}

export function releaseBuffer(backend: WasmHeapBackend, buffer: HeapBuffer): void {
  backend.disposeData(buffer.info.dataId);
}
