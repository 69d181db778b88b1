import {
  Add, BatchMatMul, Elu, EluGrad, GatherV2, Identity, Sum, _FusedMatMul, getKernel, registerKernel, unregisterKernel,
} from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc } from '@tensorflow/tfjs-core';
import { FUSED_ADAM, fusedAdamKernel } from './kernels/adam-kernel.js';
import { biasAdd, columnSum, elu, eluGrad } from './kernels/dense-kernels.js';
import { DROPOUT_MASK, dropoutMaskKernel } from './kernels/dropout-kernel.js';
import type { KernelEngine } from './kernels/engine.js';
import { rowGather } from './kernels/gather-kernel.js';
import { sharingIdentity } from './kernels/identity-kernel.js';
import { gemmBatchMatMul, gemmFusedMatMul } from './kernels/matmul-kernel.js';
import { untransposing } from './kernels/untransposing.js';
import { wasmHeap } from './load-wasm.js';

const BACKEND = 'wasm';

/** The wasm kernels fitcheck replaces, and what replaces each (given the original and the engine, if any). */
const OVERRIDES: readonly { name: string; make(original: KernelFunc, engine?: KernelEngine): KernelFunc }[] = [
  {
    name: BatchMatMul,
    make: (original, engine) => (engine === undefined
      ? untransposing(original)
      : gemmBatchMatMul(engine, untransposing(original))),
  },
  {
    name: _FusedMatMul,
    make: (original, engine) => (engine === undefined
      ? untransposing(original)
      : gemmFusedMatMul(engine, untransposing(original))),
  },
  { name: Identity, make: (original) => sharingIdentity(original) },
  { name: GatherV2, make: (original) => rowGather(() => wasmHeap().memory.buffer, original) },
  { name: Sum, make: (original, engine) => (engine === undefined ? original : columnSum(engine, original)) },
  { name: Add, make: (original, engine) => (engine === undefined ? original : biasAdd(engine, original)) },
  { name: Elu, make: (original, engine) => (engine === undefined ? original : elu(engine, original)) },
  { name: EluGrad, make: (original, engine) => (engine === undefined ? original : eluGrad(engine, original)) },
];

/** Kernels fitcheck adds (TF.js has none like them): the fused Adam step and dropout masks. */
const ADDED = [FUSED_ADAM, DROPOUT_MASK] as const;

function removeAdded(): void {
  for (const name of ADDED) if (getKernel(name, BACKEND) !== undefined) unregisterKernel(name, BACKEND);
}

/** The kernels wasm registered itself, kept to restore them and to call them. */
const originals = new Map<string, KernelConfig>();
/** The engine the kernels run on, when one was given. */
let installedEngine: KernelEngine | undefined;

/**
 * Register fitcheck's fast kernels on wasm. Without `engine`: matmuls with a transposed operand are
 * transposed first so that they stay on XNNPACK (kernels/untransposing.ts), `Identity` shares
 * instead of copying, and a gather of whole rows copies rows. With `engine` (docs/decisions/0005),
 * both matmul kernels multiply on fitcheck's GEMM wherever it applies (kernels/matmul-kernel.ts),
 * a Dense layer's bias add, bias gradient, ELU and ELU gradient run on its kernels (kernels/dense-kernels.ts),
 * and the fused Adam step and dropout masks are registered for AdamWithSchedule and SeededDropout.
 * Idempotent; a later call may add or drop the engine. Call after tfjs-backend-wasm is imported.
 * @returns false when the wasm kernels are not registered (nothing to patch).
 */
export function installFastKernels(engine?: KernelEngine): boolean {
  if (fastKernelsInstalled() && installedEngine === engine) return true;
  for (const { name, make } of OVERRIDES) {
    const original = originals.get(name) ?? getKernel(name, BACKEND);
    if (original === undefined) return false;
    originals.set(name, original);
    unregisterKernel(name, BACKEND);
    registerKernel({ ...original, kernelFunc: make(original.kernelFunc, engine) });
  }
  removeAdded();
  if (engine !== undefined) {
    registerKernel(fusedAdamKernel(engine));
    registerKernel(dropoutMaskKernel(engine));
  }
  installedEngine = engine;
  return true;
}

/** Put back the kernels tfjs-backend-wasm registered (used to compare both paths). */
export function uninstallFastKernels(): void {
  for (const [name, original] of originals) {
    unregisterKernel(name, BACKEND);
    registerKernel(original);
  }
  originals.clear();
  removeAdded();
  installedEngine = undefined;
}

/** Whether fitcheck's kernels are registered now. */
export function fastKernelsInstalled(): boolean {
  return originals.size === OVERRIDES.length;
}

/** The engine the kernels run on now, if any. */
export function fastKernelsEngine(): KernelEngine | undefined {
  return fastKernelsInstalled() ? installedEngine : undefined;
}
