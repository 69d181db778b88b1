import type { WasmHeapBackend } from './heap.js';

// The fused train step's sigmoid cross-entropy needs eˣ and log(1 + x) with the bits TF.js' loss
// gets from tfjs-backend-wasm: its Exp is the C library's expf and its Log1p is logf(x + 1.0), whose
// exact results no hand-written polynomial reproduces. So they are called, not rewritten: the same
// compiled C++ functions the stock kernels call, on buffers registered as tensors (heap.ts).

/** tfjs-backend-wasm's `CppDType.float32`. */
const CPP_FLOAT32 = 0;

/** The C functions called here, as tfjs-backend-wasm exports them (wasm-internals.ts probes them). */
export const STOCK_UNARY_FUNCTIONS = ['Exp', 'Log1p'] as const;

export interface StockUnaryBackend extends WasmHeapBackend {
  wasm: { cwrap(name: string, returns: null, args: string[]): (...args: number[]) => void };
}

/** out = f(x) over the whole registered size of `x` (backend tensor ids). */
export interface StockUnary {
  exp(xId: number, outId: number): void;
  log1p(xId: number, outId: number): void;
}

export function stockUnary(backend: StockUnaryBackend): StockUnary {
  const [exp, log1p] = STOCK_UNARY_FUNCTIONS.map((name) => backend.wasm.cwrap(name, null, ['number', 'number', 'number']));
  if (exp === undefined || log1p === undefined) throw new Error('tfjs-backend-wasm exports no Exp or Log1p');
  return {
    exp: (xId, outId) => exp(xId, CPP_FLOAT32, outId),
    log1p: (xId, outId) => log1p(xId, CPP_FLOAT32, outId),
  };
}
