import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLab } from '../lab/load-lab.js';
import { referenceModels } from '../report/groups.js';
import { fitcheck, type CliRun } from '../test-helpers/cli.js';
import { JOURNAL_FILE } from './reference-runs.js';

/** One line per run the cache trained (or trained again), as `referenceRuns` appends them. */
interface JournalLine { model: string; pid: number; why: string; profile: string; seed: number }

const journal = (cache: string): JournalLine[] =>
  readFileSync(join(cache, JOURNAL_FILE), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as JournalLine);

/** `fitcheck grade` of the reference submission on the smoke profile with its own cache (progress on stderr, in English). */
async function grade(cache: string): Promise<CliRun & { out: string }> {
  const out = await mkdtemp(join(tmpdir(), 'fitcheck-references-grade-'));
  const run = await fitcheck(['grade', 'fixtures/submissions/reference', '--out', out, '--profile', 'smoke', '--lang', 'en', '--cache', cache]);
  return { ...run, out };
}

const lab = await loadLab('lab5');
const REFERENCES = referenceModels(lab.definition);
const said = (run: CliRun, what: string) => REFERENCES.filter((m) => run.stderr.includes(`reference ${m}: ${what}`));

describe('reference runs, trained once and cached (smoke profile, the real data)', () => {
  const cache = mkdtemp(join(tmpdir(), 'fitcheck-references-'));

  it('a first grade trains every reference the report draws; the second trains none and reads them all from the cache', async () => {
    const dir = await cache;
    const first = await grade(dir);
    expect(first.code).toBe(0);
    // lab5 draws the notebook's 11 models: Tiny…Combined and the four cat models.
    expect(REFERENCES).toHaveLength(11);
    expect(journal(dir).map((l) => l.model).sort()).toEqual([...REFERENCES].sort());
    expect(journal(dir).every((l) => l.why === 'trained: not in the cache' && l.profile === 'smoke' && l.seed === 1)).toBe(true);
    // One plain JSON file per reference, named by lab, model and the key's sha256.
    expect(readdirSync(dir).filter((f) => /^lab5\.[a-z]+\.[a-z0-9]+\.[0-9a-f]{64}\.json$/.test(f))).toHaveLength(11);

    const second = await grade(dir);
    expect(second.code).toBe(0);
    expect(journal(dir)).toHaveLength(11);
    expect(said(second, 'from the cache')).toEqual(REFERENCES);
    expect(said(second, 'trained and cached')).toEqual([]);
  }, 600_000);

  it('every chart of the grade report holds the reference series of its group beside the student\'s runs', async () => {
    const dir = await cache;
    const { out, code } = await grade(dir);
    expect(code).toBe(0);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    const groups = lab.definition.report!.groups;
    let charts = 0;
    for (const group of groups) {
      // Each group's section runs from its heading to the next one.
      const start = html.indexOf(`id="curves-${group.id}"`);
      expect(start).toBeGreaterThan(0);
      const end = html.indexOf('<h3', start + 1);
      const section = html.slice(start, end === -1 ? undefined : end);
      const svgs = section.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
      expect(svgs.length).toBeGreaterThan(0);
      for (const svg of svgs) {
        charts++;
        for (const model of group.references!) expect(svg).toContain(`>${model}</text>`);
      }
    }
    // Sizes (BCE; the log-x chart needs more than 3 epochs), regularizers, cats (BCE and accuracy).
    expect(charts).toBeGreaterThanOrEqual(4);
    // The student's runs are named as theirs: the Giant beside Tiny…Large, the cat models beside the notebook's.
    expect(html).toContain('>higgs.giant (yours)</text>');
    expect(html).toContain('>cats.large (yours)</text>');
    // The diagnosis compares the student's run with the group's baseline in the same setup.
    expect(html).toMatch(/Beside the notebook: your higgs\.giant&#x27;s validation BCE [^<]*higgs\.large&#x27;s/);
  }, 600_000);

  it('a corrupted entry is detected and trained again; the others stay cached', async () => {
    const dir = await cache;
    const file = readdirSync(dir).find((f) => f.startsWith('lab5.higgs.large.'))!;
    const text = readFileSync(join(dir, file), 'utf8');
    // A torn write: the first half of the file.
    writeFileSync(join(dir, file), text.slice(0, text.length >> 1));
    const run = await grade(dir);
    expect(run.code).toBe(0);
    expect(said(run, 'the cached run was corrupt; trained again and cached')).toEqual(['higgs.large']);
    expect(said(run, 'from the cache')).toEqual(REFERENCES.filter((m) => m !== 'higgs.large'));
    const last = journal(dir).at(-1)!;
    expect(last.model).toBe('higgs.large');
    expect(last.why).toMatch(/^retrained: the cached file was corrupt \(not JSON/);
    // The entry is whole again: a fourth grade reads it.
    expect(JSON.parse(readFileSync(join(dir, file), 'utf8'))).toMatchObject({ format: 'fitcheck-reference/1' });
  }, 600_000);

  it('two grades started together train each reference once: one trains, the other waits and reads it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fitcheck-references-concurrent-'));
    const [a, b] = await Promise.all([grade(dir), grade(dir)]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const lines = journal(dir);
    expect(lines.map((l) => l.model).sort()).toEqual([...REFERENCES].sort());
    // Between them, every reference was trained by exactly one grade and read from the cache by the other.
    for (const model of REFERENCES) {
      const trained = [a, b].filter((r) => r.stderr.includes(`reference ${model}: trained and cached`)).length;
      const cached = [a, b].filter((r) => r.stderr.includes(`reference ${model}: from the cache`)).length;
      expect([model, trained, cached]).toEqual([model, 1, 1]);
    }
    // Both reports draw the same reference runs.
    const tiny = (out: string) => readFileSync(join(out, 'report.html'), 'utf8').includes('>higgs.tiny</text>');
    expect([tiny(a.out), tiny(b.out)]).toEqual([true, true]);
  }, 600_000);
});
