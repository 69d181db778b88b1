import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfigFile } from '@fitcheck/core';
import { GraderError } from '../errors.js';
import { text } from '../messages/text.js';

/** Written at the autograder's root by `gradescope build`; read by `gradescope run` (and `setup.sh`, for `pdf`). */
export const PACK_CONFIG_FILE = 'fitcheck-gradescope.json';

/** What `gradescope build` was asked for: the lab, its profile, the assignment's timeout, PDFs. */
export interface PackConfig {
  lab: string;
  profile: string;
  timeoutMinutes: number;
  pdf: boolean;
  /** The fitcheck that built it. */
  version: string;
}

const SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['lab', 'profile', 'timeoutMinutes', 'pdf', 'version'],
  properties: {
    lab: { type: 'string' },
    profile: { type: 'string' },
    timeoutMinutes: { type: 'number', exclusiveMinimum: 1, maximum: 40 },
    pdf: { type: 'boolean' },
    version: { type: 'string' },
  },
} as const;

/**
 * The pack's configuration in `root`, when `root` is an unpacked autograder; undefined in a
 * repository. One edited by hand into nonsense is the lab's (the instructor's) problem: `INVALID_LAB`.
 */
export async function readPackConfig(root: string): Promise<PackConfig | undefined> {
  const file = join(root, PACK_CONFIG_FILE);
  if (!existsSync(file)) return undefined;
  const { value, errors } = await loadConfigFile(file, SCHEMA);
  if (errors.length > 0) {
    throw new GraderError('INVALID_LAB', errors, {}, text('errLab.gsPackConfigHint'));
  }
  return value as PackConfig;
}
