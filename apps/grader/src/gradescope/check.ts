import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import { isFitcheckError } from '@fitcheck/core/errors';
import { verifyIfKnown } from '@fitcheck/datasets';
import { GraderError, type FaultWords } from '../errors.js';
import { chooseLab } from '../lab/choose-lab.js';
import { loadLab } from '../lab/load-lab.js';
import type { Lab } from '../lab/types.js';
import { text, type Text } from '../messages/text.js';
import { REPO_ROOT } from '../lab/paths.js';
import { labDataPaths } from './build.js';
import { readPackConfig } from './pack-config.js';

/**
 * What `setup.sh` runs last, so that an autograder whose fitcheck cannot start, whose lab is
 * wrong or whose data is missing or damaged fails when Gradescope builds it, not at the first
 * student's submission: the pack's configuration, the lab and its profile, every data file
 * (checked against its known sha256). Returns what it checked, as sentences to say in the lab's language.
 * @throws GraderError `INVALID_LAB` naming what is wrong.
 */
export async function checkAutograder(labRef?: string): Promise<{ lab: Lab; lines: Text[] }> {
  const pack = await readPackConfig(REPO_ROOT);
  const lab = await loadLab(await chooseLab({ lab: labRef ?? pack?.lab }));
  const profile = pack?.profile ?? lab.definition.gradescope?.profile ?? 'gradescope';
  if (!(profile in lab.definition.profiles)) throw new GraderError('INVALID_LAB', text('errLab.gsCheckNoProfile', { lab: lab.definition.id, profile }), { file: join(lab.dir, 'lab.yaml') }, text('errLab.gsCheckNoProfileHint'));
  const lines = [pack ? text('cli.gradescopeCheckLabTimeout', { lab: lab.definition.id, profile, minutes: pack.timeoutMinutes }) : text('cli.gradescopeCheckLab', { lab: lab.definition.id, profile })];
  for (const path of labDataPaths(lab)) {
    const at = isAbsolute(path) ? path : join(REPO_ROOT, path);
    if (!existsSync(at)) throw new GraderError('INVALID_LAB', text('errLab.gsDataMissing', { path }), { file: at }, text('errLab.gsCheckDataMissingHint'));
    const files = (await stat(at)).isDirectory() ? (await readdir(at)).sort().map((name) => join(at, name)) : [at];
    for (const file of files) {
      const sum = await verifyIfKnown(file).catch((e: unknown) => {
        // The datasets' words when they carry them, else their English inside a sentence of the reader's language.
        const words = isFitcheckError(e) ? (e.words as FaultWords | undefined) : undefined;
        const problem = words?.message ?? text('errLab.gsDataDamaged', { problem: e instanceof Error ? e.message : String(e) });
        throw new GraderError('INVALID_LAB', problem, { file }, text('errLab.gsDataDamagedHint'));
      });
      const shown = relative(REPO_ROOT, file);
      lines.push(sum === undefined ? text('cli.gradescopeFilePresent', { file: shown }) : text('cli.gradescopeFileShipped', { file: shown, sum: sum.slice(0, 12) }));
    }
  }
  return { lab, lines };
}
