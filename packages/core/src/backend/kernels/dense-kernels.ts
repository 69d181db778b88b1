import type { KernelFunc, NamedAttrMap } from '@tensorflow/tfjs-core';

// The elementwise kernels of a Dense layer's training step that tfjs-backend-wasm runs slowly at the
// lab's shapes, each a single pass on fitcheck's module and the same to the bit as the stock kernel:
// the bias add, the bias gradient (a sum over the batch) and ELU's gradient; and ELU itself (within
// 2 ulp of exact, not XNNPACK's bits).
import type { KernelEngine } from './engine.js';
import { heapOffset as offset } from './heap.js';
import type { WasmHeapBackend } from './heap.js';

interface SumAttrs extends NamedAttrMap {
  axis: number | number[];
  keepDims: boolean;
}

const size = (shape: readonly number[]): number => shape.reduce((p, d) => p * d, 1);

/**
 * `Sum` over axis 0 of a float32 matrix (a bias gradient: dY summed over the batch) on
 * fitcheck's column sum (rows-wat.ts); every other reduction goes to `original`.
 */
export function columnSum(engine: KernelEngine, original: KernelFunc): KernelFunc {
  return (args) => {
    const x = args.inputs.x;
    const { axis, keepDims } = (args.attrs ?? {}) as SumAttrs;
    const axes = (Array.isArray(axis) ? axis : [axis]).map((a) => (a < 0 ? a + 2 : a));
    const [m, n] = x?.shape ?? [];
    if (x === undefined || x.dtype !== 'float32' || x.shape.length !== 2 || axes.length !== 1 || axes[0] !== 0
      || m === undefined || n === undefined || n === 0) {
      return original(args);
    }
    const backend = args.backend as WasmHeapBackend;
    const out = backend.makeOutput(keepDims ? [1, n] : [n], 'float32');
    engine.colsum(offset(backend, x), offset(backend, out), m, n);
    return out;
  };
}

/**
 * `Add` of a float32 tensor whose last axis is N and a bias of shape [N] (either order) on
 * fitcheck's row-broadcast add (rows-wat.ts); every other sum goes to `original`.
 */
export function biasAdd(engine: KernelEngine, original: KernelFunc): KernelFunc {
  return (args) => {
    const { a, b } = args.inputs;
    if (a === undefined || b === undefined || a.dtype !== 'float32' || b.dtype !== 'float32') return original(args);
    const [x, bias] = b.shape.length === 1 && a.shape.length >= 2 ? [a, b] : [b, a];
    const n = bias.shape[0] ?? 0;
    if (bias.shape.length !== 1 || x.shape.length < 2 || x.shape[x.shape.length - 1] !== n || n === 0) {
      return original(args);
    }
    const backend = args.backend as WasmHeapBackend;
    const out = backend.makeOutput([...x.shape], 'float32');
    engine.addrow(offset(backend, x), offset(backend, bias), offset(backend, out), size(x.shape) / n, n);
    return out;
  };
}

/** `EluGrad` (inputs dy and the ELU's output y, float32, same shape) on fitcheck's kernel (elu-grad-wat.ts). */
export function eluGrad(engine: KernelEngine, original: KernelFunc): KernelFunc {
  return (args) => {
    const { dy, y } = args.inputs;
    if (dy === undefined || y === undefined || dy.dtype !== 'float32' || y.dtype !== 'float32'
      || dy.shape.join() !== y.shape.join()) {
      return original(args);
    }
    const backend = args.backend as WasmHeapBackend;
    const out = backend.makeOutput([...y.shape], 'float32');
    engine.eluGrad(offset(backend, dy), offset(backend, y), offset(backend, out), size(y.shape));
    return out;
  };
}

/** `Elu` of a float32 tensor on fitcheck's kernel (elu-wat.ts), split across the threads. */
export function elu(engine: KernelEngine, original: KernelFunc): KernelFunc {
  return (args) => {
    const x = args.inputs.x;
    if (x === undefined || x.dtype !== 'float32') return original(args);
    const backend = args.backend as WasmHeapBackend;
    const out = backend.makeOutput([...x.shape], 'float32');
    engine.elu(offset(backend, x), offset(backend, out), size(x.shape));
    return out;
  };
}
