import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GradescopeResults } from '../results/gradescope.js';
import { submissionFixture } from '../test-helpers/paths.js';
import { runCli, sandbox } from './test-helpers/sandbox.js';

/**
 * The fields of results.json that measure time, and only those: `execution_time` (the whole
 * grade) and `extra_data.models[].seconds` (each model's training). Everything else is a
 * function of the submission, the seed and the backend.
 */
function withoutTiming(results: GradescopeResults): unknown {
  return {
    ...results,
    execution_time: null,
    extra_data: { ...results.extra_data, models: results.extra_data.models.map((m) => ({ ...m, seconds: null })) },
  };
}

describe('same submission, seed and backend → the same results.json', () => {
  it('grades the reference twice (separate processes, training children) into byte-identical results apart from timing', async () => {
    const grade = async (): Promise<string> => {
      const box = await sandbox();
      const run = await runCli(box, ['grade', submissionFixture('reference'), '--out', box.out, '--profile', 'smoke', '--seed', '7', '--quiet']);
      expect(run.code, run.stderr).toBe(0);
      return readFile(join(box.out, 'results.json'), 'utf8');
    };
    const [first, second] = await Promise.all([grade(), grade()]);
    const a = JSON.parse(first) as GradescopeResults;
    const b = JSON.parse(second) as GradescopeResults;
    expect(a.extra_data.backend).toBe('wasm');
    expect(a.extra_data.models.filter((m) => m.epochsRun !== null)).toHaveLength(3);
    // Byte-identical once the timing fields are blanked in both.
    expect(JSON.stringify(withoutTiming(b), null, 2)).toBe(JSON.stringify(withoutTiming(a), null, 2));
    // And the timing fields are the only difference: put b's timings into a and the texts match exactly.
    const timed = { ...a, execution_time: b.execution_time, extra_data: { ...a.extra_data, models: a.extra_data.models.map((m, i) => ({ ...m, seconds: b.extra_data.models[i]!.seconds })) } };
    expect(`${JSON.stringify(timed, null, 2)}\n`).toBe(second);
  });
});
