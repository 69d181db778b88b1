import { adamFunction } from './adam-wat.js';
import { columnFunction } from './column-wat.js';
import { dropoutFunction } from './dropout-wat.js';
import { eluGradFunction } from './elu-grad-wat.js';
import { eluFunction } from './elu-wat.js';
import { gemmFunctions } from './gemm-wat.js';
import { jobsFunction } from './jobs-wat.js';
import { penaltyFunctions } from './penalty-wat.js';
import { rowFunctions } from './rows-wat.js';

export interface ModuleWatOptions {
  /** GEMM with `f32x4.relaxed_madd` (fused where the CPU has FMA); otherwise multiply, then add. */
  fma: boolean;
  /** Import the memory as shared (tfjs-backend-wasm's threaded build) or not (its single-threaded build). */
  shared: boolean;
}

/** fitcheck's wasm kernels as one module over tfjs-backend-wasm's memory: exports `gemm`, `packb`, `adam`, `colsum`, `addrow`, `gatherrows`, `dropoutmask`, `elu`, `elugrad`, `l2sum`, `column` and `run` (a chunk of a threaded job). */
export function moduleWat({ fma, shared }: ModuleWatOptions): string {
  const gemm = gemmFunctions(fma);
  return `(module
(import "env" "memory" (memory 1 ${shared ? '65536 shared' : ''}))
${gemm.tileType}
(table ${gemm.table.length} funcref)
(elem (i32.const 0) ${gemm.table.join(' ')})
${gemm.code}
${adamFunction()}
${rowFunctions()}
${dropoutFunction()}
${eluGradFunction()}
${eluFunction()}
${penaltyFunctions()}
${columnFunction()}
${jobsFunction()}
)`;
}
