import { GraderError, type GraderErrorCode } from '../errors.js';
import { loadMessages, translate, type Messages } from '../messages/locale.js';
import { renderText, type Text } from '../messages/text.js';

/**
 * A mistake on the command line (a flag's value, a missing flag) as sentences, not words: its
 * message and fix are locale keys with their parts, so the binary's one `catch` says it in the
 * reader's language (`describeIn`); `message` and `hint` hold the English, for code that reads them.
 */
export class FlagError extends GraderError {
  constructor(code: GraderErrorCode, readonly said: Text, readonly fix: Text) {
    const en = loadMessages('en');
    super(code, renderText(en, said), {}, renderText(en, fix));
  }

  /** `message\n  fix: hint` in the language of `messages`. */
  describeIn(messages: Messages): string {
    return `${renderText(messages, this.said)}\n  ${translate(messages, 'cli.fixLabel')}: ${renderText(messages, this.fix)}`;
  }
}
