import { availableParallelism } from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import { version_cpu } from '@tensorflow/tfjs-backend-cpu';
import { FitcheckError } from '../errors.js';
import { BackendStartError, startNode } from './load-node.js';
import { startWasm, wasmHeap } from './load-wasm.js';
import { startKernels } from './kernels/engine.js';
import type { KernelEngine } from './kernels/engine.js';
import { backendEnvironment } from './environment.js';
import { installFastKernels, fastKernelsInstalled, uninstallFastKernels } from './fast-kernels.js';
import { BACKEND_NAMES } from './types.js';
import { probeWasmInternals, stockKernelsLine } from './wasm-internals.js';
import type { BackendInfo, BackendName, InitBackendOptions } from './types.js';

/** XNNPACK's pool gains nothing past four threads on the widths this lab trains. */
const MAX_THREADS = 4;

/** Backends started in this process; a wasm module cannot be restarted with another thread count. */
const started = new Map<BackendName, BackendInfo>();
/** Threads the wasm start was asked for (1 when the heap is not shared): the GEMM's thread count. */
let wasmThreads = 1;
/** Threads in XNNPACK's pool inside the wasm backend. */
let wasmPoolThreads = 1;
/** The GEMM started on the wasm heap (once: it holds workers and scratch in that heap); null if it cannot. */
let gemm: Promise<KernelEngine | null> | undefined;
/** Whether tfjs-backend-wasm's internals are what the fast kernels expect: probed once, on first use. */
let internalsMatch: boolean | undefined;
let active: BackendInfo | null = null;
let queue: Promise<unknown> = Promise.resolve();

/** `BACKEND_UNAVAILABLE` for `name`, failed on `e`: its reason said in the reader's language when core has words for it, else as the library said it. */
function unavailable(name: BackendName, e: unknown): FitcheckError {
  const why = e instanceof Error ? e.message : String(e);
  const backends = BACKEND_NAMES.join(', ');
  const hint = name === 'node'
    ? 'tfjs-node needs its native TensorFlow library (it downloads it on install); use FITCHECK_BACKEND=wasm'
    : `unset FITCHECK_BACKEND (or pick another of ${backends}) to let fitcheck choose`;
  return new FitcheckError('BACKEND_UNAVAILABLE', `the TF.js ${name} backend cannot start: ${why}`, {}, hint, {
    message: { key: 'errCore.backend.cannotStart', params: { name, why: e instanceof BackendStartError ? e.words : why } },
    hint: name === 'node' ? { key: 'errCore.backend.nodeFix' } : { key: 'errCore.backend.otherFix', params: { backends } },
  });
}

function forcedBackend(options: InitBackendOptions): BackendName | undefined {
  return backendEnvironment().backend ?? options.backend;
}

/**
 * Threads to ask wasm for: `FITCHECK_THREADS`, the option, or one per core (`auto`), within 1..4.
 * @throws FitcheckError `INVALID_ENVIRONMENT` for a FITCHECK_THREADS that is not a thread count.
 */
export function resolveThreads(requested: number | 'auto' | undefined): number {
  const wanted = backendEnvironment().threads ?? requested ?? 'auto';
  const n = wanted === 'auto' ? availableParallelism() : wanted;
  if (!Number.isInteger(n) || n < 1) {
    throw new FitcheckError('BACKEND_UNAVAILABLE', `thread count ${String(wanted)} is not a positive integer`, {}, "use a whole number of threads or 'auto'", {
      message: { key: 'errCore.backend.threadCount', params: { wanted: String(wanted) } },
      hint: { key: 'errCore.backend.threadCountFix' },
    });
  }
  return Math.min(n, MAX_THREADS);
}

function fastKernelsWanted(options: InitBackendOptions): boolean {
  return backendEnvironment().fastKernels ?? options.fastKernels ?? true;
}

async function start(name: BackendName, options: InitBackendOptions): Promise<BackendInfo> {
  const known = started.get(name);
  if (known !== undefined) {
    if (!(await tf.setBackend(tfName(name)))) throw new Error(`could not switch back to ${name}`);
    return known;
  }
  let info: BackendInfo;
  if (name === 'node') {
    const { version } = await startNode();
    info = { name, threads: 1, fastKernels: true, version };
  } else if (name === 'wasm') {
    const threads = resolveThreads(options.threads);
    // fitcheck's GEMM brings its own workers: XNNPACK keeps one thread unless the fast kernels are off.
    const start = await startWasm(threads, { poolThreads: fastKernelsWanted(options) ? 1 : threads });
    wasmThreads = start.shared ? threads : 1;
    wasmPoolThreads = start.threads;
    info = { name, threads: start.threads, fastKernels: false, version: start.version };
  } else {
    if (!(await tf.setBackend('cpu'))) throw new Error('the cpu backend failed to initialize');
    info = { name, threads: 1, fastKernels: false, version: version_cpu };
  }
  started.set(name, info);
  return info;
}

function tfName(name: BackendName): string {
  return name === 'node' ? 'tensorflow' : name;
}

async function select(options: InitBackendOptions): Promise<BackendInfo> {
  // A bad FITCHECK_* value is an error before any backend is tried, never a fall back to a slower one.
  backendEnvironment();
  const forced = forcedBackend(options);
  if (active !== null && (forced === undefined || forced === active.name)) return withFastKernels(active, options);
  if (forced !== undefined) {
    try {
      return withFastKernels(await start(forced, options), options);
    } catch (e) {
      if (e instanceof FitcheckError) throw e;
      throw unavailable(forced, e);
    }
  }
  for (const name of BACKEND_NAMES) {
    try {
      return withFastKernels(await start(name, options), options);
    } catch (e) {
      if (name === 'cpu') throw unavailable(name, e);
      if (process.env.FITCHECK_DEBUG) process.stderr.write(`fitcheck: skipping ${name} backend: ${String(e)}\n`);
    }
  }
  throw unavailable('cpu', new BackendStartError('no backend could start', { key: 'errCore.backend.noneStarted' }));
}

/** Start fitcheck's GEMM on the wasm heap once; a failure leaves training on XNNPACK (and says why under FITCHECK_DEBUG). */
function wasmGemm(threads: number): Promise<KernelEngine | null> {
  gemm ??= (async () => {
    try {
      return await startKernels({ ...wasmHeap(), threads });
    } catch (e) {
      if (process.env.FITCHECK_DEBUG) process.stderr.write(`fitcheck: GEMM unavailable, using XNNPACK: ${String(e)}\n`);
      return null;
    }
  })();
  return gemm;
}

/**
 * Probe the internals the fast kernels use once (wasm-internals.ts); on a mismatch say so in one line
 * and keep the stock kernels for the life of the process.
 */
function wasmInternalsMatch(): boolean {
  if (internalsMatch === undefined) {
    const probe = probeWasmInternals();
    internalsMatch = probe.ok;
    if (!probe.ok) process.stderr.write(stockKernelsLine(probe.mismatch));
  }
  return internalsMatch;
}

/** Apply the fast-kernel choice to wasm and record the backend as the active one. */
async function withFastKernels(info: BackendInfo, options: InitBackendOptions): Promise<BackendInfo> {
  let result = info;
  if (info.name === 'wasm') {
    const { gemm: _previous, ...base } = info;
    let engine: KernelEngine | null = null;
    if (fastKernelsWanted(options) && wasmInternalsMatch()) {
      engine = await wasmGemm(wasmThreads);
      installFastKernels(engine ?? undefined);
    } else {
      uninstallFastKernels();
    }
    // Threads: the GEMM's when it does the products, else XNNPACK's pool.
    result = {
      ...base,
      threads: engine?.threads ?? wasmPoolThreads,
      fastKernels: fastKernelsInstalled(),
      ...(engine === null ? {} : { gemm: { threads: engine.threads, fma: engine.fma } }),
    };
    started.set('wasm', result);
  }
  active = result;
  return result;
}

/**
 * Start the fastest TF.js backend that works here and make it the active one.
 *
 * Order: `FITCHECK_BACKEND` or `options.backend` forces one (failing with `BACKEND_UNAVAILABLE` if it
 * cannot start); otherwise `@tensorflow/tfjs-node` (native TensorFlow), then
 * `@tensorflow/tfjs-backend-wasm` (XNNPACK, SIMD, threads when they start — see load-wasm.ts), then
 * the pure-JS `cpu` backend. On wasm, fitcheck's fast kernels are registered unless turned off, or
 * unless the tfjs-backend-wasm internals they use are not what they expect (probed once at start:
 * wasm-internals.ts), in which case one line on stderr says so and the stock kernels train.
 *
 * Idempotent: a later call without a forced backend returns the active one; a call forcing another
 * backend switches to it (a backend started once is reused, so wasm keeps its first thread count).
 */
export function initBackend(options: InitBackendOptions = {}): Promise<BackendInfo> {
  const next = queue.then(() => select(options));
  queue = next.catch(() => {});
  return next;
}

/** The active backend, or null before `initBackend` has finished. */
export function backendInfo(): BackendInfo | null {
  return active;
}
