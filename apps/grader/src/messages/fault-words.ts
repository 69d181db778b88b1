import type { FaultWords } from '../errors.js';
import { langOf, type Messages } from './locale.js';

/**
 * The words a fault is said in for `messages`' reader: its locale texts in another language; none in
 * English, where the fault's own message and hint say more (a checksum, a backend's install hint).
 */
export function faultWordsIn(messages: Messages, words: FaultWords | undefined): FaultWords | undefined {
  return langOf(messages) === 'en' ? undefined : words;
}
