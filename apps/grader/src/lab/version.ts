import { readFileSync } from 'node:fs';

/** The grader's package version, recorded in every results.json (same path from src/ and dist/). */
export const GRADER_VERSION: string = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
