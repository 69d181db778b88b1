import { isFitcheckError } from '@fitcheck/core/errors';
import { NotGradedError, type FaultWords } from '../errors.js';
import { issueLine } from './issue-line.js';
import { langOf, type Messages } from './locale.js';
import { text, type Text } from './text.js';

/**
 * The words a fault is said in for `messages`' reader: its locale texts in another language; none in
 * English, where the fault's own message and hint say more (a checksum, a backend's install hint).
 */
export function faultWordsIn(messages: Messages, words: FaultWords | undefined): FaultWords | undefined {
  return langOf(messages) === 'en' ? undefined : words;
}

/**
 * {@link faultWordsIn} of a thrown value: a fault's or an error's own words, or the config issues an
 * error reports (a broken lab.yaml), each said in the reader's language, then their fix.
 */
export function faultWordsOf(messages: Messages, e: unknown): FaultWords | undefined {
  if (e instanceof NotGradedError) return faultWordsIn(messages, e.words);
  if (!isFitcheckError(e)) return undefined;
  const hint = e.words?.hint as Text | undefined;
  if (e.issues) {
    const issues = e.issues.map((i) => issueLine(i, messages)).join('\n');
    return faultWordsIn(messages, { message: text('errLab.issues', { issues }), ...(hint && { hint }) });
  }
  return e.words?.message ? faultWordsIn(messages, { message: e.words.message as Text, ...(hint && { hint }) }) : undefined;
}
