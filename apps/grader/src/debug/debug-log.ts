import { join } from 'node:path';
import { appendFileNoFollow, prepareOut } from '../out/write-out.js';

/**
 * Where stack traces and child-process output go: `OUT/debug.log` with `--debug`, nowhere
 * without it. A student or a CI log never sees a stack trace; a maintainer who asks does.
 */
export interface DebugLog {
  readonly enabled: boolean;
  /** Records one entry (a title line, then the detail) to be written by `flush`. */
  note(title: string, detail: string): void;
  /** Appends the recorded entries to `OUT/debug.log` (nothing without `--debug`). */
  flush(): Promise<void>;
}

export function debugLog(out: string, enabled: boolean): DebugLog {
  const entries: string[] = [];
  return {
    enabled,
    note(title, detail) {
      if (enabled) entries.push(`== ${new Date().toISOString()} ${title}\n${detail.trimEnd()}\n`);
    },
    async flush() {
      if (!enabled || entries.length === 0) return;
      await prepareOut(out);
      await appendFileNoFollow(join(out, 'debug.log'), entries.splice(0).join('\n'));
    },
  };
}
