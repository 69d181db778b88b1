import { isFitcheckError, type FitcheckError } from '@fitcheck/core/errors';
import { NotGradedError, type FaultWords } from '../errors.js';
import { issueLine } from './issue-line.js';
import { langOf, type Messages } from './locale.js';
import { text, type Param, type Text } from './text.js';

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

/**
 * What an error says, as the detail of a fault's sentence (`fault.datasetFileNotLoaded`): its words
 * (or, without words, its English: a library's message) after the row or key it happened at. The
 * file is the sentence's own placeholder.
 */
export function placedDetail(e: FitcheckError<string>): Param {
  const said: Param = e.words?.message ? (e.words.message as Text) : e.message;
  const { row, key } = e.place;
  if (row !== undefined) return text('errCore.fault.atRow', { row, said: key === undefined ? said : text('errCore.fault.atKey', { key, said }) });
  return key === undefined ? said : text('errCore.fault.atKey', { key, said });
}
