import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { SLOT, chunkBounds } from './protocol.js';
import { kernelWorkerSource } from './worker-source.js';

describe('kernelWorkerSource', () => {
  it('is a script that compiles, with protocol.ts\' slot numbers and functions written in', () => {
    const source = kernelWorkerSource();
    expect(() => new Script(source)).not.toThrow();
    const slots = /const SLOT = (\{[^}]*\});/.exec(source)?.[1];
    expect(JSON.parse(slots ?? 'null')).toEqual(SLOT);
    // The functions it runs are the engine's, callable from the text alone (no imports left in them).
    const bounds = new Function(`return ${chunkBounds.toString()};`)() as typeof chunkBounds;
    expect(bounds(0, 8, 2, 500, 20)).toEqual([0, 500, 16, 20]);
    expect(bounds(12, 0, 1, 30, 16)).toEqual([12, 24, 0, 16]);
    expect(source).not.toMatch(/import|__vi_|require\("\.\//);
  });
});
