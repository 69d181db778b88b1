import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readClassRows } from './class-rows.js';
import { readManifest } from './manifest.js';

/** An OUT with one finished student folder whose batch-entry.json holds `entry`. */
async function outWith(entry: string): Promise<string> {
  const out = await mkdtemp(join(tmpdir(), 'fitcheck-state-'));
  await mkdir(join(out, 'ana'));
  await writeFile(join(out, 'ana', 'batch-entry.json'), entry);
  await writeFile(join(out, 'ana', 'results.json'), '{"score": 1, "tests": []}');
  return out;
}

describe('torn or hand-edited batch state is a typed error naming the file and the fix', () => {
  const good = { folder: 'ana', key: 'ana', studentId: null, studentName: null, status: 'graded', exitCode: 0, signal: null };

  it('reads a sound folder', async () => {
    const rows = await readClassRows(await outWith(JSON.stringify(good)));
    expect(rows.map((r) => r.entry.key)).toEqual(['ana']);
  });

  it.each([
    ['torn', '{"folder": "ana", "key": "an', /^invalid JSON: Unterminated string \(the file is torn or was edited by hand\)$/],
    ['emptied', '{}', /missing the required key "folder"/],
    ['retyped', JSON.stringify({ ...good, status: 'perfect' }), /status is "perfect", which is not one of: graded, invalid, error/],
    ['moved', JSON.stringify({ ...good, key: 'bruno' }), /names the student folder "bruno" but lies in "ana"/],
  ])('a %s batch-entry.json', async (_, text, message) => {
    const out = await outWith(text);
    const error = await readClassRows(out).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'INVALID_BATCH_STATE',
      message: expect.stringMatching(message),
      place: { file: join(out, 'ana', 'batch-entry.json') },
      hint: `delete the folder ${join(out, 'ana')} and run the same fitcheck batch again: it grades that submission again`,
    });
  });

  it('a manifest whose keys are not a list, with its place', async () => {
    const out = await mkdtemp(join(tmpdir(), 'fitcheck-state-'));
    await writeFile(join(out, 'batch-manifest.json'), '{\n  "shard": null,\n  "keys": "ana"\n}\n');
    await expect(readManifest(out)).rejects.toMatchObject({
      code: 'INVALID_BATCH_STATE', message: expect.stringContaining('keys must be an array, got the string "ana"'),
      place: { file: join(out, 'batch-manifest.json'), line: 3, column: 11 },
    });
    await expect(readManifest(join(out, 'nowhere'))).rejects.toMatchObject({ code: 'NOT_A_BATCH_OUTPUT' });
  });
});
