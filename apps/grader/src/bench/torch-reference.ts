import { execFile, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { ModelSpec } from '@fitcheck/core';

const run = promisify(execFile);
const PYTHON = '/usr/bin/python3';
// Beside this file in src/ (the same two levels up from src/bench and dist/bench): bench code has one home.
const SCRIPT = fileURLToPath(new URL('../../src/bench/torch_reference.py', import.meta.url));

/** One layer as torch_reference.py builds it. */
export type TorchLayer = { units: number; activation?: string } | { dropout: number };

/** One epoch for torch_reference.py: the same model, data sizes, batch and optimizer as ours. */
export interface TorchEpoch {
  key: string;
  inputs: number;
  layers: TorchLayer[];
  train: number;
  validation: number;
  batch: number;
  lo: number;
  hi: number;
}

/**
 * PyTorch's best setting on this machine (measured with `pnpm bench`'s pairs, 2026-11-30, on
 * Debian's python3-torch 1.13 over libopenblas0-pthread — without OpenBLAS, Debian's reference BLAS
 * makes its products 20× slower): one intra-op thread and one OpenBLAS thread (two threads fight
 * each other on two cores), and glibc's malloc told to keep its memory (PyTorch frees and maps its
 * big buffers every step, and a fresh page costs ~3 ms a MB to fault in on this VM).
 */
export const TORCH_SETTING = {
  threads: 1,
  env: {
    OPENBLAS_NUM_THREADS: '1',
    MALLOC_MMAP_THRESHOLD_: '4294967296',
    MALLOC_TRIM_THRESHOLD_: '4294967296',
    MALLOC_TOP_PAD_: '1073741824',
  },
} as const;

/** The same model in PyTorch's terms, or undefined for what the reference script does not build (weight penalties). */
export function torchLayers(spec: ModelSpec): { inputs: number; layers: TorchLayer[] } | undefined {
  const layers: TorchLayer[] = [];
  for (const layer of spec.layers) {
    if (layer.type === 'Dense') {
      if (layer.kernelRegularizer !== undefined || layer.biasRegularizer !== undefined || layer.useBias === false) return undefined;
      layers.push({ units: layer.units, ...(layer.activation === undefined ? {} : { activation: layer.activation }) });
    } else if (layer.type === 'Dropout') {
      layers.push({ dropout: layer.rate });
    } else if (layer.type !== 'Flatten') {
      return undefined;
    }
  }
  return { inputs: spec.inputShape.reduce((p, d) => p * d, 1), layers };
}

/** A warmed-up PyTorch process that runs one epoch per call and says how long it took. */
export interface TorchSession {
  /** The setting it runs with, for the bench's first line. */
  readonly setting: string;
  /** Wall and CPU seconds of one epoch of `epoch`, timed inside Python (built and warmed up on first use). */
  epoch(epoch: TorchEpoch): Promise<{ wall: number; cpu: number }>;
  close(): void;
}

/**
 * Start `torch_reference.py --serve` with TORCH_SETTING, or say why not: PyTorch is optional
 * (Debian `apt-get install python3-torch libopenblas0-pthread`).
 */
export async function startTorch(): Promise<TorchSession | { skipped: string }> {
  try {
    await run(PYTHON, ['-c', 'import torch']);
  } catch {
    return { skipped: `${PYTHON} cannot import torch (apt-get install python3-torch libopenblas0-pthread)` };
  }
  const child = spawn(PYTHON, [SCRIPT, '--serve', '--threads', String(TORCH_SETTING.threads)],
    { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, ...TORCH_SETTING.env } });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async (): Promise<string> => {
    const { value, done } = await lines.next();
    if (done === true) throw new Error(`${SCRIPT} exited before answering`);
    return String(value);
  };
  if ((await next()) !== 'ready') throw new Error(`${SCRIPT} did not say ready`);
  return {
    setting: `${TORCH_SETTING.threads} thread, ${Object.entries(TORCH_SETTING.env).map(([k, v]) => `${k}=${v}`).join(' ')}`,
    async epoch(epoch) {
      child.stdin.write(`${JSON.stringify(epoch)}\n`);
      const [wall, cpu] = (await next()).split(' ').map(Number);
      if (!Number.isFinite(wall) || !Number.isFinite(cpu)) throw new Error(`${SCRIPT} printed no time for an epoch of ${epoch.key}`);
      return { wall: wall!, cpu: cpu! };
    },
    close() {
      child.stdin.end();
    },
  };
}
