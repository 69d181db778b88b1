import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { discoverModules, type Registry } from './discover-modules.js';

interface Entry { kind: 'entry'; name: string }
const registry: Registry<Entry> = {
  is: (v): v is Entry => typeof v === 'object' && v !== null && (v as Entry).kind === 'entry',
  fileOf: (e) => e.name,
};

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A folder of plain ESM modules, one per `files` entry. */
function folder(files: Record<string, string>): URL {
  dir = mkdtempSync(join(tmpdir(), 'fitcheck-discover-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return pathToFileURL(`${dir}/`);
}

const entry = (name: string): string => `export const e = { kind: 'entry', name: '${name}' };\n`;

describe('discoverModules', () => {
  it('finds the entry of each module, in file order, skipping helpers, the index, tests, declarations and maps', async () => {
    const url = folder({
      'zeta.js': entry('zeta'),
      'alpha.js': `${entry('alpha')}export const helper = 1;\n`,
      'helpers.js': 'export const shared = { kind: "other" };\n',
      'index.js': entry('index'),
      'beta.test.js': entry('beta.test'),
      'gamma.d.ts': 'export {};\n',
      'alpha.js.map': '{}',
    });
    const found = await discoverModules(url, (u) => import(u), registry);
    expect(found.map((e) => e.name)).toEqual(['alpha', 'zeta']);
  });

  it('refuses a module whose entry is named for another file, naming the file to rename it to', async () => {
    const url = folder({ 'alpha.js': entry('omega') });
    await expect(discoverModules(url, (u) => import(u), registry)).rejects.toThrow(/alpha\.js declares omega: rename the file omega\.js/);
  });

  it('refuses a module that exports two entries', async () => {
    const url = folder({ 'alpha.js': `${entry('alpha')}export const f = { kind: 'entry', name: 'alpha2' };\n` });
    await expect(discoverModules(url, (u) => import(u), registry)).rejects.toThrow(/alpha\.js exports 2 registry entries \(alpha, alpha2\): give each its own file/);
  });
});
