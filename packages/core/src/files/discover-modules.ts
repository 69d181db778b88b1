import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A module of a registry folder: `dense.ts` under vitest, `dense.js` once built; never a test, a `.d.ts`, a map or the index. */
const MODULE_FILE = /^(?!index\.)([^.]+)\.(?:ts|js)$/;

/**
 * What a registry's `define…` (defineCheck, defineLayer, …) made, remembered so that `is` tells an
 * entry from any other export of a module by its origin, not by its shape.
 */
export function entries<T extends object>(): { add<V extends T>(entry: V): V; is(value: unknown): value is T } {
  const made = new WeakSet<object>();
  return {
    add: (entry) => {
      made.add(entry);
      return entry;
    },
    is: (value): value is T => typeof value === 'object' && value !== null && made.has(value),
  };
}

/** How a registry recognizes its entries among a folder's exports. */
export interface Registry<T> {
  /** True for the values the registry's `define…` made (a check, a layer type), whatever else a module exports. */
  is(value: unknown): value is T;
  /** The file an entry must live in, without extension (`valid-model` for the check `valid-model`): a name leads to its file. */
  fileOf(entry: T): string;
}

/**
 * Every entry a folder's modules export, in file-name order — the registry of a plugin folder, so
 * that adding a plugin is adding its file (docs/decisions/0012-discovered-registries.md). A module
 * that exports none is a helper of the folder and is skipped. `load` is the caller's own
 * `(url) => import(url)`: under vitest an import written in the caller's file goes through
 * vitest's transform, so the folder's TypeScript sources load as its built JavaScript does.
 * @throws Error when a module exports two entries, or one whose name is not its file's.
 */
export async function discoverModules<T>(folder: URL, load: (url: string) => Promise<unknown>, registry: Registry<T>): Promise<T[]> {
  const files = readdirSync(fileURLToPath(folder)).filter((f) => MODULE_FILE.test(f)).sort();
  const modules = await Promise.all(files.map(async (file) => [file, (await load(new URL(file, folder).href)) as Record<string, unknown>] as const));
  const found: T[] = [];
  for (const [file, module] of modules) {
    const entries = [...new Set(Object.values(module).filter((v) => registry.is(v)))];
    const path = fileURLToPath(new URL(file, folder));
    if (entries.length > 1) {
      throw new Error(`${path} exports ${entries.length} registry entries (${entries.map((e) => registry.fileOf(e)).join(', ')}): give each its own file`);
    }
    const [entry] = entries;
    if (entry === undefined) continue;
    const stem = MODULE_FILE.exec(file)![1]!;
    if (registry.fileOf(entry) !== stem) {
      throw new Error(`${path} declares ${registry.fileOf(entry)}: rename the file ${registry.fileOf(entry)}${file.slice(stem.length)} (an entry lives in the file of its name)`);
    }
    found.push(entry);
  }
  return found;
}
