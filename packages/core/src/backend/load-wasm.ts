import { dirname, sep } from 'node:path';
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs-core';
import type { KernelBackend } from '@tensorflow/tfjs-core';
import { installPthreadShim } from './node-pthreads.js';

const nodeRequire = createRequire(import.meta.url);

/** How long the threaded build may take to start its workers before we settle for one thread. */
export const THREADED_START_TIMEOUT_MS = 20_000;

export interface WasmStart {
  /** Threads in XNNPACK's pool. */
  threads: number;
  /** Whether the heap is shared memory (the threaded build), so other workers can use it. */
  shared: boolean;
  version: string;
  /** Why threads were asked for and not used, if they were not. */
  threadsFallback?: string;
}

interface WasmModule {
  setWasmPaths(prefix: string): void;
  setThreadsCount(n: number): void;
  getThreadsCount(): number;
  version_wasm: string;
}

/** Abandon a start that did not finish in time (the workers it waits for are terminated). */
function timeout(ms: number): Promise<never> {
  return new Promise((_resolve, reject) => {
    setTimeout(() => reject(new Error(`threaded wasm did not start within ${ms} ms`)), ms).unref();
  });
}

/**
 * Start tfjs-backend-wasm from its own dist folder (the `.wasm` files are read from disk by path) and
 * make it the active backend. With `threads > 1`, try the threaded SIMD build first (see
 * node-pthreads.ts) and fall back to the single-threaded SIMD build if any worker fails to boot or
 * the start takes longer than `timeoutMs`. The threaded build's memory is shared, which fitcheck's
 * own kernels need for their workers; `poolThreads` (default `threads`) sizes XNNPACK's pool in it.
 * When fitcheck's GEMM does the products, that pool gets one thread: its idle workers spin on the
 * cores the GEMM's workers need (measured: an epoch of the Large model 12–15 % slower with two).
 */
export async function startWasm(threads: number, { timeoutMs = THREADED_START_TIMEOUT_MS, poolThreads = threads } = {}):
  Promise<WasmStart> {
  const bundlePath = nodeRequire.resolve('@tensorflow/tfjs-backend-wasm');
  const wasm = nodeRequire('@tensorflow/tfjs-backend-wasm') as WasmModule;
  wasm.setWasmPaths(dirname(bundlePath) + sep);
  const entry = tf.findBackendFactory('wasm');
  if (entry === null) throw new Error('tfjs-backend-wasm did not register a backend');
  const factory = entry as () => Promise<KernelBackend>;

  let instance: KernelBackend | undefined;
  let threadsFallback: string | undefined;
  if (threads > 1) {
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', true);
    wasm.setThreadsCount(poolThreads);
    const shim = installPthreadShim(bundlePath, threads);
    try {
      instance = await Promise.race([factory(), shim.failed, timeout(timeoutMs)]);
      // Emscripten's message listeners re-ref the workers while they boot: unref once they run,
      // so the pool never keeps a finished process alive.
      for (const w of shim.workers) w.unref();
    } catch (e) {
      threadsFallback = e instanceof Error ? e.message : String(e);
      await shim.terminate();
    } finally {
      shim.uninstall();
    }
  }
  if (instance === undefined) {
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    wasm.setThreadsCount(1);
    instance = await factory();
  }
  // Hand the ready instance to the engine: setBackend then runs every kernel's setup against it.
  const ready = instance;
  tf.removeBackend('wasm');
  tf.registerBackend('wasm', () => ready, 2);
  if (!(await tf.setBackend('wasm'))) throw new Error('the wasm backend started but could not be selected');
  return {
    threads: wasm.getThreadsCount(),
    shared: wasmHeap().memory.buffer instanceof SharedArrayBuffer,
    version: wasm.version_wasm,
    ...(threadsFallback === undefined ? {} : { threadsFallback }),
  };
}

interface EmscriptenHeap {
  /** The threaded build keeps its (shared) memory here. */
  wasmMemory?: WebAssembly.Memory;
  /** The single-threaded build exports its memory from the instance. */
  asm?: { memory?: WebAssembly.Memory };
  _malloc(bytes: number): number;
}

/** tfjs-backend-wasm's heap, where every tensor of the wasm backend lives: for kernels that work in place. */
export function wasmHeap(): { memory: WebAssembly.Memory; malloc: (bytes: number) => number } {
  const backend = tf.findBackend('wasm') as unknown as { wasm?: EmscriptenHeap } | null;
  const module = backend?.wasm;
  const memory = module?.wasmMemory ?? module?.asm?.memory;
  if (module === undefined || memory === undefined) throw new Error('the wasm backend has not started, or hides its memory');
  return { memory, malloc: (bytes) => module._malloc(bytes) >>> 0 };
}
