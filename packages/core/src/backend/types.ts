/** The TF.js backends fitcheck knows how to start, fastest first. */
export const BACKEND_NAMES = ['node', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

/** What is running the tensors: reported in every bench figure and run log. */
export interface BackendInfo {
  name: BackendName;
  /** Threads the matrix products use (wasm: fitcheck's GEMM, or XNNPACK's pool without it; node: reported as 1). */
  threads: number;
  /** True when fitcheck's faster kernels are registered (on wasm: fast-kernels.ts; on node: native code). */
  fastKernels: boolean;
  /** Version of the package that provides the backend. */
  version: string;
  /** fitcheck's GEMM, when training's matrix products run on it (wasm with fast kernels). */
  gemm?: { threads: number; fma: boolean };
}

export interface InitBackendOptions {
  /** Force one backend; `FITCHECK_BACKEND` in the environment wins over this. */
  backend?: BackendName;
  /** wasm threads: a count, or 'auto' (one per core the process may use). `FITCHECK_THREADS` wins over this. */
  threads?: number | 'auto';
  /** Register fitcheck's fast kernels on wasm (default true; `FITCHECK_FAST_KERNELS=0` turns them off). */
  fastKernels?: boolean;
}
