import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Every value the non-test modules of a folder export, with its file: a registry test finds what a
 * folder defines and checks the registry holds it ("one file" holds only if forgetting fails a test).
 */
export async function exportsOf(folder: URL): Promise<[file: string, value: unknown][]> {
  const files = readdirSync(fileURLToPath(folder)).filter((f) => /\.ts$/.test(f) && !/\.test\.ts$|^index\.ts$/.test(f));
  const found: [string, unknown][] = [];
  for (const file of files) {
    const module = (await import(new URL(file, folder).href)) as Record<string, unknown>;
    for (const value of Object.values(module)) found.push([file, value]);
  }
  return found;
}
