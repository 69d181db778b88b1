import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs-core';
import type { Sentence } from '../errors.js';

const nodeRequire = createRequire(import.meta.url);

/** Why a backend could not start, in English and as a sentence of the grader's locales (`BACKEND_UNAVAILABLE` says it). */
export class BackendStartError extends Error {
  constructor(message: string, readonly words: Sentence) {
    super(message);
  }
}

/** Why tfjs-node cannot run here, or null when its native binding is on disk. */
export function nodeBindingProblem(): string | null {
  return nodeBindingReason()?.message ?? null;
}

function nodeBindingReason(): BackendStartError | null {
  let pkgJson: string;
  try {
    pkgJson = nodeRequire.resolve('@tensorflow/tfjs-node/package.json');
  } catch {
    return new BackendStartError('@tensorflow/tfjs-node is not installed', { key: 'errCore.backend.nodeMissing' });
  }
  // node-pre-gyp puts the addon in lib/napi-v<N>/; without it, importing only costs a second and throws.
  const lib = join(dirname(pkgJson), 'lib');
  const found = existsSync(lib) && readdirSync(lib).some((d) => existsSync(join(lib, d, 'tfjs_binding.node')));
  return found ? null : new BackendStartError(
    `@tensorflow/tfjs-node is installed without its native binding (no ${lib}/napi-v*/tfjs_binding.node)`,
    { key: 'errCore.backend.nodeNoBinding', params: { lib } },
  );
}

/**
 * Load tfjs-node and make its `tensorflow` backend active.
 *
 * tfjs-node registers that backend on the tfjs-core that `@tensorflow/tfjs` resolves to. All three
 * packages are CommonJS without an `exports` map, so Node loads one `dist/tf-core.node.js` for both
 * fitcheck's `import` and tfjs-node's `require` — one engine — as long as the package manager
 * installed a single tfjs-core 4.22.0. We check rather than assume: if the backend is missing from
 * our engine after the import, a second tfjs-core was loaded and the backend is reported unusable.
 */
export async function startNode(): Promise<{ version: string }> {
  const problem = nodeBindingReason();
  if (problem !== null) throw problem;
  const tfn = nodeRequire('@tensorflow/tfjs-node') as { version?: { 'tfjs-node'?: string } };
  if (tf.findBackendFactory('tensorflow') === null) {
    throw new Error('tfjs-node registered its backend on a different copy of @tensorflow/tfjs-core');
  }
  if (!(await tf.setBackend('tensorflow'))) throw new Error('the tensorflow backend failed to initialize');
  return { version: tfn.version?.['tfjs-node'] ?? 'unknown' };
}
