import { GraderError, type GraderErrorCode } from '../errors.js';
import type { Text } from '../messages/text.js';

/**
 * A mistake on the command line (a flag's value, a missing flag): a grader error that always says
 * how to fix it, in the reader's language (`errorLine`).
 */
export class FlagError extends GraderError {
  constructor(code: GraderErrorCode, said: Text, fix: Text) {
    super(code, said, {}, fix);
  }
}
