import { execFile, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const PYTHON = '/usr/bin/python3';
// Beside this file in src/ (the same two levels up from src/bench and dist/bench): bench code has one home.
const SCRIPT = fileURLToPath(new URL('../../src/bench/torch_reference.py', import.meta.url));

/** A warmed-up PyTorch process that runs one Large epoch per call and says how long it took. */
export interface TorchSession {
  /** Seconds of one epoch, timed inside Python. */
  epoch(): Promise<number>;
  close(): void;
}

/**
 * Start `torch_reference.py --serve` (the same Large epoch in PyTorch), or say why not:
 * PyTorch is optional (Debian `apt-get install python3-torch`).
 */
export async function startTorch(): Promise<TorchSession | { skipped: string }> {
  try {
    await run(PYTHON, ['-c', 'import torch']);
  } catch {
    return { skipped: `${PYTHON} cannot import torch (apt-get install python3-torch)` };
  }
  const child = spawn(PYTHON, [SCRIPT, '--serve'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async (): Promise<string> => {
    const { value, done } = await lines.next();
    if (done === true) throw new Error(`${SCRIPT} exited before answering`);
    return String(value);
  };
  if ((await next()) !== 'ready') throw new Error(`${SCRIPT} did not say ready`);
  return {
    async epoch() {
      child.stdin.write('epoch\n');
      const seconds = Number(await next());
      if (!Number.isFinite(seconds)) throw new Error(`${SCRIPT} printed no time for an epoch`);
      return seconds;
    },
    close() {
      child.stdin.end();
    },
  };
}
