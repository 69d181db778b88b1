import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { discoverSubmissions } from './discover.js';

const CLASS = fileURLToPath(new URL('../../../../fixtures/class/', import.meta.url));
const FILES = ['lab5.yaml', 'lab5.yml', 'lab5.json'];

describe('discoverSubmissions', () => {
  it('names each output folder after the sanitized student id of fixtures/class', async () => {
    const found = await discoverSubmissions(CLASS, FILES);
    expect(found.map(({ folder, key, studentId, studentName }) => ({ folder, key, studentId, studentName }))).toEqual([
      { folder: 'ana-lima', key: '2024-0107', studentId: '2024-0107', studentName: 'Ana Lima' },
      { folder: 'bruno-souza', key: '2024-0213', studentId: '2024-0213', studentName: 'Bruno Souza' },
      { folder: 'carla-dias', key: '2024-0388', studentId: '2024-0388', studentName: 'Carla Dias' },
      { folder: 'dan', key: 'x-9cdf6a50', studentId: '../../x', studentName: "=cmd|' /C calc'!A0" },
    ]);
  });

  it('falls back to the folder name, and tells apart two submissions claiming one id', async () => {
    const root = await mkdtemp(join(tmpdir(), 'fitcheck-class-'));
    for (const [folder, text] of [['p1', 'student: { id: twin, name: A }\n'], ['p2', 'student: { id: twin, name: B }\n'], ['Zé', 'lab: [\n'], ['.git', '']] as const) {
      await mkdir(join(root, folder));
      if (text) await writeFile(join(root, folder, 'lab5.yaml'), text);
    }
    await writeFile(join(root, 'notes.txt'), 'not a submission');
    const found = await discoverSubmissions(root, FILES);
    // python3: hashlib.sha256('Zé'.encode()).hexdigest()[:8] = d2005ff7, b'p1' → f64551fc, b'p2' → 3946ca64
    expect(found.map((s) => [s.folder, s.key])).toEqual([
      ['Zé', 'z-d2005ff7'],
      ['p1', 'twin~f64551fc'],
      ['p2', 'twin~3946ca64'],
    ]);
  });
});
