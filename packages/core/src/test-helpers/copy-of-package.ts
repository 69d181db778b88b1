import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A copy of a workspace package beside it (`<parent>/.registry-test-…/`, at the depth its paths to
 * the repository assume): `copy` copied (sources without their tests), `link` linked. A registry
 * test adds a module to the copy and imports the copy's registry: adding a file is all it takes.
 * Returns the copy's folder and a `remove` for afterAll.
 */
export function copyOfPackage(pkg: string, copy: readonly string[], link: readonly string[]): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(pkg, '..', '.registry-test-'));
  for (const name of copy) cpSync(join(pkg, name), join(dir, name), { recursive: true, filter: (from) => !from.endsWith('.test.ts') });
  for (const name of link) symlinkSync(join(pkg, name), join(dir, name));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
