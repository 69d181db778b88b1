import type { FitcheckError } from '@fitcheck/core/errors';
import type { FaultWords } from '../errors.js';
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
