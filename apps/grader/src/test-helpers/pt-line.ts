import { isFitcheckError } from '@fitcheck/core';
import { errorLine } from '../messages/error-line.js';
import { loadMessages } from '../messages/locale.js';

const pt = loadMessages('pt-BR');

// Words of fitcheck's English error sentences that Brazilian Portuguese never writes.
const ENGLISH = /\b(the|is|are|not|and|of|has|have|run|delete|pass|fix|folder|file|row|column|columns|shard|shards|submissions?|again|hand|listed|twice|must|got|expected|invalid|string)\b/gi;

/** A thrown error as a pt-BR reader is told it (`errorLine`); anything but a FitcheckError fails the test. */
export function ptLine(e: unknown): string {
  if (!isFitcheckError(e)) throw new Error(`expected a FitcheckError, got ${String(e)}`);
  return errorLine(e, pt);
}

/**
 * The English words of `line`, paths and a source excerpt's lines (`  3 | …`) left out: they are
 * data, and a temp folder's name is anything.
 */
export function englishIn(line: string): string[] {
  const words = line.split('\n').filter((l) => !/^\s*\d*\s*\|/.test(l)).join(' ').split(/\s+/);
  return words.filter((w) => !w.includes('/')).join(' ').match(ENGLISH) ?? [];
}
