import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import picomatch from 'picomatch';

/** How deep below the folder a submission file is looked for (`submission/<file>` is 1). */
export const MAX_SEARCH_DEPTH = 6;
/** Most folder entries looked at: a repository of a million files is refused quickly, not walked. */
export const MAX_SEARCH_ENTRIES = 20_000;
/** Folders never looked into: version control and installed packages hold no submission. */
const SKIPPED = new Set(['node_modules', '__pycache__']);

/**
 * The glob a lab's submission file names make: `**\/x.{yaml,yml,json}` for `x.yaml`,
 * `x.yml`, `x.json` (one stem, several extensions), else `**\/{a,b}`.
 */
export function submissionGlob(files: readonly string[]): string {
  const stems = new Set(files.map((f) => f.replace(/\.[^.]*$/, '')));
  const [stem] = stems;
  if (stems.size === 1 && stem !== undefined && files.every((f) => f.length > stem.length)) {
    const exts = files.map((f) => f.slice(stem.length + 1));
    return `**/${stem}.${exts.length > 1 ? `{${exts.join(',')}}` : exts[0]}`;
  }
  return `**/${files.length > 1 ? `{${files.join(',')}}` : files[0]}`;
}

export interface SearchOptions {
  /** What to look for, relative to the folder (default: the lab's `submissionGlob`). */
  glob?: string;
  maxDepth?: number;
  maxEntries?: number;
}

/** Where the search ended: the file (relative to the folder), or why there is none. */
export type SearchResult =
  | { found: string }
  | { found?: undefined; ambiguous: string[] }
  | { found?: undefined; none: true; truncated: boolean };

/**
 * Looks for a lab's submission file anywhere under `root` (a real path): a student's upload, a
 * cloned repository with `submission/<file>`. Breadth first, so the shallowest match wins; at
 * most `maxDepth` levels and `maxEntries` entries; hidden folders (`.git`), `node_modules` and
 * every link to a folder are never entered, so the search cannot leave `root`. A link, a FIFO or
 * a device with a matching name is found like a file: the safe read that follows
 * (`readSubmissionFile`) refuses it with its reason, never waits on it. Within one folder the
 * lab's order of names decides (`x.yaml` before `x.json` when it lists them so); matches in two folders of the
 * same depth are ambiguous — which one the student meant is theirs to say.
 */
export async function findSubmissionFile(root: string, files: readonly string[], options: SearchOptions = {}): Promise<SearchResult> {
  const glob = options.glob ?? submissionGlob(files);
  const matches = picomatch(glob, { dot: false });
  const maxDepth = options.maxDepth ?? MAX_SEARCH_DEPTH;
  const maxEntries = options.maxEntries ?? MAX_SEARCH_ENTRIES;
  let level = [''];
  let seen = 0;
  for (let depth = 0; depth <= maxDepth && level.length > 0; depth++) {
    const found: string[] = [];
    const next: string[] = [];
    for (const folder of level) {
      let entries: Dirent[];
      try {
        entries = await readdir(join(root, folder), { withFileTypes: true });
      } catch {
        continue;
      }
      for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
        if (++seen > maxEntries) return { none: true, truncated: true };
        const path = folder === '' ? entry.name : `${folder}/${entry.name}`;
        if (entry.isDirectory()) {
          if (!entry.name.startsWith('.') && !SKIPPED.has(entry.name)) next.push(path);
        } else if (matches(path)) {
          found.push(path);
        }
      }
    }
    if (found.length > 0) return pick(found, files);
    level = next;
  }
  return { none: true, truncated: false };
}

/** One match per folder by the lab's order of names; two folders are ambiguous. */
function pick(found: string[], files: readonly string[]): SearchResult {
  const folders = new Set(found.map((p) => dirname(p)));
  if (folders.size > 1) return { ambiguous: found };
  const rank = (p: string): number => {
    const i = files.indexOf(p.slice(p.lastIndexOf('/') + 1));
    return i === -1 ? files.length : i;
  };
  return { found: [...found].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1))[0]! };
}
