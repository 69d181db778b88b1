import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import { verifyIfKnown } from '@fitcheck/datasets';
import { GraderError } from '../errors.js';
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
  if (!(profile in lab.definition.profiles)) throw new GraderError('INVALID_LAB', `lab ${lab.definition.id} has no profile "${profile}"`, { file: join(lab.dir, 'lab.yaml') }, 'build the autograder again with a profile the lab has');
  const lines = [pack ? text('cli.gradescopeCheckLabTimeout', { lab: lab.definition.id, profile, minutes: pack.timeoutMinutes }) : text('cli.gradescopeCheckLab', { lab: lab.definition.id, profile })];
  for (const path of labDataPaths(lab)) {
    const at = isAbsolute(path) ? path : join(REPO_ROOT, path);
    if (!existsSync(at)) throw new GraderError('INVALID_LAB', `the lab's data file ${path} is not there`, { file: at }, 'build the autograder again from a repository that has the data');
    const files = (await stat(at)).isDirectory() ? (await readdir(at)).sort().map((name) => join(at, name)) : [at];
    for (const file of files) {
      const sum = await verifyIfKnown(file).catch((e: unknown) => {
        throw new GraderError('INVALID_LAB', e instanceof Error ? e.message : String(e), { file }, 'build the autograder again from undamaged data');
      });
      const shown = relative(REPO_ROOT, file);
      lines.push(sum === undefined ? text('cli.gradescopeFilePresent', { file: shown }) : text('cli.gradescopeFileShipped', { file: shown, sum: sum.slice(0, 12) }));
    }
  }
  return { lab, lines };
}
