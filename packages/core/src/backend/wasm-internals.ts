import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs-core';
import {
  Add, BatchMatMul, Elu, EluGrad, GatherV2, Identity, Sum, _FusedMatMul, getKernel,
} from '@tensorflow/tfjs-core';
import { allocateBuffer, heapOffset, releaseBuffer } from './kernels/heap.js';
import type { WasmHeapBackend } from './kernels/heap.js';
import { STOCK_UNARY_FUNCTIONS, stockUnary } from './kernels/stock-unary.js';
import type { StockUnaryBackend } from './kernels/stock-unary.js';
import { wasmHeap } from './load-wasm.js';
import { bundleRequires } from './node-pthreads.js';

const nodeRequire = createRequire(import.meta.url);
/** Probe variables need names of their own (TF.js refuses a second variable of one name). */
let probes = 0;

/**
 * What fitcheck's kernels take from tfjs-backend-wasm and tfjs-core beyond their public API, as
 * data: the one place that says which internals they rely on. `probeWasmInternals` checks each once.
 */
export interface WasmInternals {
  /** The tfjs-backend-wasm version the kernels were written and tested against (`version_wasm`). */
  version: string;
  /** Stock wasm kernels fitcheck wraps (fast-kernels.ts): each must be registered. */
  kernels: readonly string[];
  /** Methods of the wasm backend object the kernels call (kernels/heap.ts, identity-kernel.ts). */
  backendMethods: readonly string[];
  /** Private fields of tfjs-core's AdamOptimizer that AdamWithSchedule's fused step reads and writes. */
  adamFields: readonly string[];
  /** tfjs-backend-wasm's C functions the fused train step calls by tensor id (kernels/stock-unary.ts). */
  stockFunctions: readonly string[];
}

export const EXPECTED_WASM_INTERNALS: WasmInternals = {
  version: '4.22.0',
  kernels: [BatchMatMul, _FusedMatMul, Identity, GatherV2, Sum, Add, Elu, EluGrad],
  backendMethods: ['makeOutput', 'disposeData', 'typedArrayFromHeap', 'incRef'],
  adamFields: ['accBeta1', 'accBeta2', 'accumulatedFirstMoment', 'accumulatedSecondMoment'],
  stockFunctions: STOCK_UNARY_FUNCTIONS,
};

export type WasmInternalsProbe = { ok: true } | { ok: false; mismatch: string };

interface Probe {
  name: string;
  /** Undefined when the internal is as expected, else what differs. */
  check(expected: WasmInternals): string | undefined;
}

function versionProbe(expected: WasmInternals): string | undefined {
  const { version_wasm: version } = nodeRequire('@tensorflow/tfjs-backend-wasm') as { version_wasm: string };
  return version === expected.version ? undefined : `tfjs-backend-wasm is ${version}, not ${expected.version}`;
}

/** The threaded build's pthread workers are booted with the bundle's `require` lines (node-pthreads.ts). */
function symbolsProbe(expected: WasmInternals): string | undefined {
  const missing = expected.kernels.filter((name) => getKernel(name, 'wasm') === undefined);
  if (missing.length > 0) return `wasm registers no ${missing.join(', ')} kernel`;
  const bundle = readFileSync(nodeRequire.resolve('@tensorflow/tfjs-backend-wasm'), 'utf8').slice(0, 4096);
  if (bundleRequires(bundle).length === 0) return 'the wasm bundle has no `var require$$N = require(...)` lines';
  return undefined;
}

/**
 * A tensor's bytes are where `dataIdMap` says in the memory fitcheck instantiates its module on, and
 * an output made by `makeOutput` is read back by `typedArrayFromHeap` from there.
 */
function heapProbe(expected: WasmInternals): string | undefined {
  const backend = tf.findBackend('wasm') as unknown as (WasmHeapBackend & Record<string, unknown>) | null;
  if (backend === null) return 'the wasm backend is not registered';
  const missing = expected.backendMethods.filter((name) => typeof backend[name] !== 'function');
  if (missing.length > 0) return `the wasm backend has no ${missing.join(', ')} method`;
  if (typeof backend.dataIdMap?.get !== 'function') return 'the wasm backend has no dataIdMap';
  if (tf.getBackend() !== 'wasm') return 'the wasm backend is not the active one';
  const { memory } = wasmHeap();
  // The engine allocates its scratch with the module's own allocator.
  if (typeof (backend.wasm as { _malloc?: unknown } | undefined)?._malloc !== 'function') return 'the wasm module has no _malloc';
  const values = [1.5, -2, 3.25, 4];
  const x = tf.tensor1d(values, 'float32');
  const out = backend.makeOutput([4], 'float32');
  try {
    const inHeap = Array.from(new Float32Array(memory.buffer, heapOffset(backend, x), 4));
    if (inHeap.join() !== values.join()) return 'a tensor is not where dataIdMap says in the heap';
    new Float32Array(memory.buffer, heapOffset(backend, out), 4).set(values);
    if (Array.from(backend.typedArrayFromHeap(out)).join() !== values.join()) return 'makeOutput\'s tensor is not in the heap';
    return undefined;
  } finally {
    backend.disposeData(out.dataId);
    x.dispose();
  }
}

/** One real Adam step on a probe variable leaves the private fields in the shapes the fused step keeps. */
function adamProbe(expected: WasmInternals): string | undefined {
  const optimizer = new tf.AdamOptimizer(0.001, 0.9, 0.999, 1e-7);
  const fields = optimizer as unknown as Record<string, unknown>;
  const variable = tf.variable(tf.ones([4]), true, `fitcheck_adam_probe_${probes++}`);
  try {
    const missing = expected.adamFields.filter((name) => !(name in fields));
    if (missing.length > 0) return `tf.AdamOptimizer has no ${missing.join(', ')} field`;
    if (typeof fields.incrementIterations !== 'function') return 'tf.AdamOptimizer has no incrementIterations';
    tf.tidy(() => optimizer.applyGradients([{ name: variable.name, tensor: tf.fill([4], 0.5) }]));
    for (const name of expected.adamFields) {
      const field = fields[name];
      if (Array.isArray(field)) {
        const entry = field[0] as { originalName?: unknown; variable?: unknown } | undefined;
        if (!(entry?.variable instanceof tf.Variable) || typeof entry.originalName !== 'string') {
          return `tf.AdamOptimizer.${name} does not hold { originalName, variable } per variable`;
        }
      } else if (!(field instanceof tf.Variable)) {
        return `tf.AdamOptimizer.${name} is not a variable`;
      }
    }
    return undefined;
  } finally {
    optimizer.dispose();
    variable.dispose();
  }
}

/**
 * The C functions the fused step calls give the registered Exp and Log1p kernels' bits when called on
 * buffers registered as tensors (so their ids and argument order are what kernels/stock-unary.ts uses).
 */
function stockUnaryProbe(expected: WasmInternals): string | undefined {
  const backend = tf.findBackend('wasm') as unknown as StockUnaryBackend | null;
  if (backend === null || typeof backend.wasm?.cwrap !== 'function') return 'the wasm module has no cwrap';
  const module = backend.wasm as unknown as Record<string, unknown>;
  const missing = expected.stockFunctions.filter((name) => typeof module[`_${name}`] !== 'function');
  if (missing.length > 0) return `the wasm module exports no ${missing.join(', ')}`;
  const { memory } = wasmHeap();
  const values = [-0.1, -1.5, -17.25, -88.5, 0, 0.3];
  const x = allocateBuffer(backend, values.length);
  const out = allocateBuffer(backend, values.length);
  const unary = stockUnary(backend);
  try {
    for (const [name, call] of [['exp', unary.exp], ['log1p', unary.log1p]] as const) {
      new Float32Array(memory.buffer, x.at, values.length).set(name === 'exp' ? values : values.map(Math.abs));
      call(x.id, out.id);
      const direct = Array.from(new Float32Array(memory.buffer, out.at, values.length));
      const input = tf.tensor1d(new Float32Array(memory.buffer, x.at, values.length).slice());
      const stock = tf.tidy(() => Array.from((name === 'exp' ? tf.exp(input) : tf.log1p(input)).dataSync()));
      input.dispose();
      if (direct.join() !== stock.join()) return `calling ${name} by tensor id does not give the ${name} kernel's values`;
    }
    return undefined;
  } finally {
    releaseBuffer(backend, x);
    releaseBuffer(backend, out);
  }
}

const PROBES: readonly Probe[] = [
  { name: 'version', check: versionProbe },
  { name: 'symbols', check: symbolsProbe },
  { name: 'heap', check: heapProbe },
  { name: 'adam', check: adamProbe },
  { name: 'stock unary', check: stockUnaryProbe },
];

/**
 * Check every tfjs-backend-wasm and tfjs-core internal fitcheck's kernels use, with the wasm backend
 * active: the first mismatch (or a probe that throws) is reported, so the caller can step aside to
 * the stock kernels before training rather than fail mid-training as the student's TRAINING_FAILED.
 */
export function probeWasmInternals(expected: WasmInternals = EXPECTED_WASM_INTERNALS): WasmInternalsProbe {
  for (const probe of PROBES) {
    let mismatch: string | undefined;
    try {
      mismatch = probe.check(expected);
    } catch (e) {
      mismatch = `${probe.name} probe failed: ${e instanceof Error ? e.message : String(e)}`;
    }
    if (mismatch !== undefined) return { ok: false, mismatch };
  }
  return { ok: true };
}

let columnMatches: boolean | undefined;

/**
 * Whether tfjs-backend-wasm's `_FusedMatMul` (XNNPACK) computes a one-unit Dense layer's output as
 * kernels/column-wat.ts reproduces it — bias + Σ x·w from the bias in k order, float32 — checked once
 * on real rows (5 × 28, the row count the GEMM does not take). Only the fused train step's batches of
 * rows not a multiple of 4 rely on it; when it does not hold they train on the tape.
 */
export function xnnpackColumnMatches(): boolean {
  if (columnMatches === undefined) {
    const [rows, k] = [5, 28];
    const x = Float32Array.from({ length: rows * k }, (_, i) => Math.sin(i * 1.7) * 2);
    const w = Float32Array.from({ length: k }, (_, i) => Math.cos(i * 0.9) / 3);
    const bias = Math.fround(0.37);
    try {
      const stock = tf.tidy(() => tf.fused.matMul({ a: tf.tensor2d(x, [rows, k]), b: tf.tensor2d(w, [k, 1]), bias: tf.tensor1d([bias]) }).dataSync());
      columnMatches = Array.from({ length: rows }, (_, i) => {
        let acc = bias;
        for (let q = 0; q < k; q++) acc = Math.fround(acc + Math.fround(x[i * k + q]! * w[q]!));
        return acc === stock[i];
      }).every(Boolean);
    } catch {
      columnMatches = false;
    }
  }
  return columnMatches;
}

/** The line fitcheck prints once when it steps aside. */
export function stockKernelsLine(mismatch: string): string {
  return `fitcheck: tfjs-backend-wasm is not what fitcheck's kernels expect (${mismatch}); training on its stock kernels\n`;
}
