import { cp, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { prepareOut, syncDir } from '../out/write-out.js';
import { acquireBatchLock } from './batch-lock.js';
import { WORK_DIR } from './batch-entry.js';
import { writeClassReports } from './class-reports.js';
import { finishedKeys, readClassRows } from './class-rows.js';
import type { ClassRow } from './class-rows.js';
import type { Lang } from '../messages/locale.js';
import { readManifest, writeManifest } from './manifest.js';
import type { BatchManifest } from './manifest.js';
import { GraderError } from '../errors.js';
import { text } from '../messages/text.js';

/**
 * Joins the outputs of `fitcheck batch --shard I/N` (I = 1…N) into OUT: every student folder is
 * copied over and the gradebook and summary are written from them exactly as an unsharded batch
 * writes them, so the two are byte-identical. Refuses an incomplete class: a shard missing or
 * given twice, a mix of shard counts, a shard with ungraded submissions, or one student in two
 * shards.
 */
export async function mergeShards(shardOuts: readonly string[], out: string, lang?: Lang): Promise<ClassRow[]> {
  if (shardOuts.some((s) => resolve(s) === resolve(out))) {
    throw new GraderError('INVALID_MERGE', text('errBatch.mergeIntoShard'), { file: out }, text('errBatch.mergeIntoShardFix'));
  }
  const manifests = await Promise.all(shardOuts.map(async (dir) => ({ dir, manifest: await readManifest(dir) })));
  checkCoverage(manifests);
  const owner = new Map<string, string>();
  for (const { dir, manifest } of manifests) {
    // Each shard's folders are checked where they are, so a torn one is named in its shard.
    await readClassRows(dir);
    const finished = new Set(await finishedKeys(dir));
    const missing = manifest.keys.filter((k) => !finished.has(k));
    if (missing.length > 0) {
      throw new GraderError('MERGE_INCOMPLETE', text('errBatch.shardUnfinished', { count: missing.length, keys: missing.slice(0, 5).join(', ') }), { file: dir },
        text('errBatch.shardUnfinishedFix'));
    }
    for (const key of manifest.keys) {
      const other = owner.get(key);
      if (other !== undefined) throw new GraderError('INVALID_MERGE', text('errBatch.inTwoShards', { key, other, dir }), { file: dir }, text('errBatch.inTwoShardsFix'));
      owner.set(key, dir);
    }
  }

  await prepareOut(out);
  const release = await acquireBatchLock(out);
  try {
    const work = join(out, WORK_DIR);
    await rm(work, { recursive: true, force: true });
    for (const [key, dir] of owner) {
      const temp = join(work, key);
      await cp(join(dir, key), temp, { recursive: true });
      await rm(join(out, key), { recursive: true, force: true });
      await rename(temp, join(out, key));
    }
    await rm(work, { recursive: true, force: true });
    await syncDir(out);
    const keys = [...owner.keys()].sort();
    await writeManifest(out, { shard: null, keys });
    const wanted = new Set(keys);
    const rows = (await readClassRows(out)).filter((r) => wanted.has(r.entry.key));
    await writeClassReports(out, rows, lang);
    return rows;
  } finally {
    await release();
  }
}

function checkCoverage(manifests: readonly { dir: string; manifest: BatchManifest }[]): void {
  const counts = new Set(manifests.map((m) => m.manifest.shard?.count ?? 1));
  if (counts.size > 1) throw new GraderError('INVALID_MERGE', text('errBatch.mixedSplits', { counts: [...counts].join(', ') }), {}, text('errBatch.mixedSplitsFix'));
  const count = [...counts][0] ?? 0;
  const seen = manifests.map((m) => m.manifest.shard?.index ?? 1).sort((a, b) => a - b);
  const expected = Array.from({ length: count }, (_, i) => i + 1);
  if (seen.join() !== expected.join()) {
    throw new GraderError('MERGE_INCOMPLETE', text('errBatch.shardsMissing', { seen: seen.join(', '), count }), {}, text('errBatch.shardsMissingFix', { count }));
  }
}
