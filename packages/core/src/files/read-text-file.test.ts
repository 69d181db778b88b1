import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTextFile } from './read-text-file.js';

function folder(): string {
  const root = mkdtempSync(join(tmpdir(), 'fitcheck-read-'));
  mkdirSync(join(root, 'inside'));
  return root;
}

const refusal = (path: string, options: Parameters<typeof readTextFile>[1]) => readTextFile(path, options).then(() => undefined, (e: unknown) => e);

describe('readTextFile', () => {
  it('reads a regular UTF-8 file inside its root, also through a link that stays inside', async () => {
    const root = folder();
    writeFileSync(join(root, 'inside', 'a.yaml'), 'lab: lab5\n');
    symlinkSync('a.yaml', join(root, 'inside', 'b.yaml'));
    expect(await readTextFile(join(root, 'inside', 'b.yaml'), { root: join(root, 'inside'), maxBytes: 100 })).toBe('lab: lab5\n');
  });

  it('refuses a FIFO at once (no writer needed), and devices, whatever link leads to them', async () => {
    const root = folder();
    execFileSync('mkfifo', [join(root, 'inside', 'fifo.yaml')]);
    symlinkSync('/dev/zero', join(root, 'zero.yaml'));
    expect(await refusal(join(root, 'inside', 'fifo.yaml'), { maxBytes: 100, shownAs: 'fifo.yaml' }))
      .toMatchObject({ code: 'FILE_NOT_REGULAR', message: 'fifo.yaml is a FIFO (named pipe), not a regular file' });
    expect(await refusal(join(root, 'zero.yaml'), { maxBytes: 100, shownAs: 'zero.yaml' }))
      .toMatchObject({ code: 'FILE_NOT_REGULAR', message: 'zero.yaml is a character device, not a regular file' });
    expect(await refusal(root, { maxBytes: 100, shownAs: 'x' })).toMatchObject({ code: 'FILE_NOT_REGULAR', message: 'x is a folder, not a regular file' });
  });

  it('refuses a link that leads outside the root, and a dangling one', async () => {
    const root = folder();
    writeFileSync(join(root, 'secret.yaml'), 'id: someone-else\n');
    symlinkSync('../secret.yaml', join(root, 'inside', 'lab5.yaml'));
    symlinkSync('nowhere.yaml', join(root, 'inside', 'dangling.yaml'));
    const options = { root: join(root, 'inside'), rootName: 'the submission folder', maxBytes: 100 };
    expect(await refusal(join(root, 'inside', 'lab5.yaml'), { ...options, shownAs: 'lab5.yaml' })).toMatchObject({
      code: 'FILE_OUTSIDE_FOLDER', message: 'lab5.yaml leads outside the submission folder; only files inside it are read',
    });
    expect(await refusal(join(root, 'inside', 'dangling.yaml'), { ...options, shownAs: 'dangling.yaml' }))
      .toMatchObject({ code: 'FILE_NOT_FOUND', message: 'dangling.yaml is a link to nothing that can be read' });
  });

  it('refuses a file over the size limit unread', async () => {
    const root = folder();
    writeFileSync(join(root, 'big.yaml'), 'x'.repeat(101));
    expect(await refusal(join(root, 'big.yaml'), { maxBytes: 100, shownAs: 'big.yaml' }))
      .toMatchObject({ code: 'FILE_TOO_LARGE', message: 'big.yaml is 101 bytes; at most 100 are read' });
  });

  it('refuses UTF-16 by its byte-order mark and binary by its first NUL, with the place', async () => {
    const root = folder();
    writeFileSync(join(root, 'u.yaml'), Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('lab: lab5', 'utf16le')]));
    writeFileSync(join(root, 'b.yaml'), Buffer.from('lab: lab5\nstudent:\n  id: é\u0000x\n'));
    expect(await refusal(join(root, 'u.yaml'), { maxBytes: 100, shownAs: 'u.yaml' })).toMatchObject({ code: 'FILE_NOT_TEXT', place: { line: 1, column: 1 } });
    expect(await refusal(join(root, 'b.yaml'), { maxBytes: 100, shownAs: 'b.yaml' })).toMatchObject({ code: 'FILE_NOT_TEXT', place: { file: 'b.yaml', line: 3, column: 8 } });
  });
});
