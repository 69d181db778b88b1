import { cp, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fitcheck, readResults } from '../test-helpers/cli.js';
import { submissionFixture } from '../test-helpers/paths.js';

const scratch = (): Promise<string> => mkdtemp(join(tmpdir(), 'fitcheck-identity-'));

describe('fitcheck grade: where the submission is and who it belongs to (the real CLI)', () => {
  it("finds submission/lab5.yaml in a cloned repository; the course's identity stands and a different student.id is a note for the TA that costs nothing", async () => {
    const root = await scratch();
    const repo = join(root, 'repo');
    await mkdir(join(repo, '.git'), { recursive: true });
    await writeFile(join(repo, 'README.md'), '# my lab 5\n');
    await cp(submissionFixture('reference'), join(repo, 'submission'), { recursive: true });
    const flags = ['--profile', 'smoke', '--quiet', '--lang', 'en'];

    const own = await fitcheck(['grade', repo, '--out', join(root, 'own'), ...flags]);
    const given = await fitcheck(['grade', repo, '--out', join(root, 'given'), ...flags, '--student-id', '2024-9999', '--student-name', 'Ana Lima']);

    expect([own.code, given.code], given.stderr).toEqual([0, 0]);
    const [a, b] = [await readResults(join(root, 'own')), await readResults(join(root, 'given'))];
    expect(a.extra_data.submissionFile).toBe(join(repo, 'submission', 'lab5.yaml'));
    expect(a.extra_data.student).toEqual({ id: '2024-0107', name: 'Ana Lima', source: 'submission', submittedId: '2024-0107' });
    expect(a.extra_data.findings.map((f) => f.code)).not.toContain('STUDENT_ID_MISMATCH');
    expect(b.extra_data.student).toEqual({ id: '2024-9999', name: 'Ana Lima', source: 'roster', submittedId: '2024-0107' });
    const mismatch = b.extra_data.findings.filter((f) => f.code === 'STUDENT_ID_MISMATCH');
    expect(mismatch).toEqual([expect.objectContaining({ owner: 'submission', severity: 'warning', message: expect.stringContaining('"2024-0107", but the roster says 2024-9999') })]);
    expect(mismatch[0]).not.toHaveProperty('item');
    // Never charged: the same scores, item by item.
    expect(b.tests.map((t) => t.score)).toEqual(a.tests.map((t) => t.score));
  }, 120_000);

  it('two submission files in different folders are the student\'s to choose between: invalid, both named', async () => {
    const root = await scratch();
    for (const folder of ['old', 'new']) await cp(submissionFixture('reference'), join(root, 'repo', folder), { recursive: true });
    const run = await fitcheck(['grade', join(root, 'repo'), '--out', join(root, 'out'), '--profile', 'smoke', '--quiet']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('mais de um arquivo de envio, em pastas diferentes: new/lab5.yaml, old/lab5.yaml; mantenha um');
    expect((await readResults(join(root, 'out'))).extra_data.status).toBe('invalid');
  });

  it('--student-name without --student-id is a usage error', async () => {
    const run = await fitcheck(['grade', submissionFixture('reference'), '--out', join(await scratch(), 'out'), '--student-name', 'X']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--student-name precisa de um --student-id');
  });
});
