import { readFileSync } from 'node:fs';
import { resolveObjectURL } from 'node:buffer';
import { createRequire } from 'node:module';
import { MessageChannel, Worker as NodeWorker } from 'node:worker_threads';
import type { WorkerOptions } from 'node:worker_threads';
import { PTHREAD_WORKER_BOOT } from './pthread-worker-boot.js';

// The threaded wasm build asks for its pthread workers with `new Worker('blob:…')`, where `Worker`
// is the global it sets to worker_threads' Worker while it starts. While installed, this module
// answers that global with a Worker that boots from PTHREAD_WORKER_BOOT instead, and reports the
// first worker that fails, so the caller can give up on threads rather than hang.

const nodeRequire = createRequire(import.meta.url);
const os = nodeRequire('node:os') as { cpus: () => unknown[] };

/** The bundle's `var require$$N = require('x');` lines: names its factory source uses unbound. */
export function bundleRequires(bundleSource: string): [string, string][] {
  const found: [string, string][] = [];
  for (const m of bundleSource.matchAll(/^var (require\$\$\d+) = require\('([^']+)'\);$/gm)) {
    if (m[1] !== undefined && m[2] !== undefined) found.push([m[1], m[2]]);
  }
  return found;
}

export interface PthreadShim {
  /** Rejects with the first worker's boot failure; never resolves. */
  failed: Promise<never>;
  /** Every worker this shim started. */
  workers: NodeWorker[];
  /** Stop answering `Worker` and reporting `os.cpus()` twice over; the workers keep running. */
  uninstall(): void;
  /** Terminate every worker (after a failed or abandoned start). */
  terminate(): Promise<void>;
}

/**
 * Make the threaded SIMD build of tfjs-backend-wasm start under Node: serve its pthread workers and
 * report `2 × threads` logical cores while it starts, because its C++ side sizes the XNNPACK pool at
 * `min(requested, logicalCores / 2)` (it assumes two hyper-threads per core).
 */
export function installPthreadShim(bundlePath: string, threads: number): PthreadShim {
  const requires = bundleRequires(readFileSync(bundlePath, 'utf8').slice(0, 4096));
  const workers: NodeWorker[] = [];
  const ports: MessageChannel[] = [];
  let reportFailure: (e: Error) => void = () => {};
  const failed = new Promise<never>((_resolve, reject) => {
    reportFailure = reject;
  });
  failed.catch(() => {}); // observed by the caller's race; never an unhandled rejection

  class BootingWorker extends NodeWorker {
    constructor(url: string | URL, options?: WorkerOptions) {
      const glue = typeof url === 'string' && url.startsWith('blob:') ? resolveObjectURL(url) : undefined;
      if (glue === undefined) {
        super(url, options);
      } else {
        const channel = new MessageChannel();
        ports.push(channel);
        super(PTHREAD_WORKER_BOOT, {
          ...options,
          eval: true,
          workerData: { glue, requires, status: channel.port2 },
          transferList: [channel.port2],
        });
        channel.port1.on('message', (s: { ok: boolean; error?: string }) => {
          if (!s.ok) reportFailure(new Error(`wasm pthread worker failed to start: ${s.error ?? ''}`));
        });
        channel.port1.unref();
      }
      this.once('exit', (code) => reportFailure(new Error(`wasm pthread worker exited with code ${code}`)));
      workers.push(this);
    }
  }

  const realCpus = os.cpus;
  const previousWorker = Object.getOwnPropertyDescriptor(globalThis, 'Worker');
  const oneCore = realCpus()[0];
  os.cpus = () => Array.from({ length: 2 * threads }, () => oneCore);
  Object.defineProperty(globalThis, 'Worker', {
    configurable: true,
    get: () => BootingWorker,
    set: () => {},
  });

  return {
    failed,
    workers,
    uninstall() {
      os.cpus = realCpus;
      if (previousWorker === undefined) Reflect.deleteProperty(globalThis, 'Worker');
      else Object.defineProperty(globalThis, 'Worker', previousWorker);
      for (const c of ports) c.port1.close();
    },
    async terminate() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
