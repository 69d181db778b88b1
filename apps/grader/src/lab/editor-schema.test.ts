import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './paths.js';
import { editorSchemaPath, editorSchema, editorSchemaText, refsOf, submissionSchemaNames } from './editor-schema.js';
import { graderSchema } from './schemas.js';

describe('editor schemas (schemas/editor/)', () => {
  it.each(submissionSchemaNames())('%s is committed as editorSchema() builds it: run `pnpm build` after changing a schema', (name) => {
    expect(readFileSync(editorSchemaPath(name), 'utf8')).toBe(editorSchemaText(name));
  });

  it.each(submissionSchemaNames())('%s is self-contained: every $ref local, no $id', (name) => {
    const schema = editorSchema(name);
    expect(schema.$id).toBeUndefined();
    expect(refsOf(schema).filter((r) => !r.startsWith('#/definitions/'))).toEqual([]);
    for (const ref of refsOf(schema)) expect((schema.definitions as Record<string, unknown>)[ref.slice('#/definitions/'.length)], ref).toBeDefined();
    // What ajv validates with did follow a urn: chain; the editor's copy does not.
    expect(refsOf(graderSchema(name)).some((r) => r.startsWith('urn:'))).toBe(true);
  });

  it('the starter submission points at it', () => {
    const starter = readFileSync(join(REPO_ROOT, 'submission', 'lab5.yaml'), 'utf8');
    expect(/\$schema=(\S+)/.exec(starter)?.[1]).toBe('../apps/grader/schemas/editor/lab5-submission.schema.json');
  });

  it('a lab that keeps its format in its folder gets an editor copy, and its starter and fixtures point at it', () => {
    expect(submissionSchemaNames()).toContain(join(REPO_ROOT, 'grading', 'labs', 'lab6', 'lab6-submission.schema.json'));
    const modeline = (path: string): string | undefined => /\$schema=(\S+)/.exec(readFileSync(join(REPO_ROOT, path), 'utf8'))?.[1];
    expect(modeline('grading/labs/lab6/starter/lab6.yaml')).toBe('../apps/grader/schemas/editor/lab6-submission.schema.json');
    for (const fixture of ['lab6-reference', 'lab6-mistakes']) {
      expect(modeline(`fixtures/submissions/${fixture}/lab6.yaml`)).toBe('../../../apps/grader/schemas/editor/lab6-submission.schema.json');
    }
    expect(refsOf(editorSchema(join(REPO_ROOT, 'grading', 'labs', 'lab6', 'lab6-submission.schema.json'))).every((r) => r.startsWith('#/definitions/'))).toBe(true);
  });
});

// The real yaml-language-server (the one VS Code's YAML extension runs), over stdio as an editor
// speaks to it: a document in submission/ whose modeline names a schema by a relative path.
const require = createRequire(import.meta.url);
const SERVER = join(require.resolve('yaml-language-server/package.json'), '..', 'bin', 'yaml-language-server');
const SETTINGS = { yaml: { validate: true, completion: true, hover: true, schemaStore: { enable: false }, format: { enable: false } } };

interface Diagnostic { message: string; range: { start: { line: number; character: number } } }
interface CompletionItem { label: string }

let server: ChildProcess;
let connection: MessageConnection;
const diagnostics = new Map<string, (d: Diagnostic[]) => void>();
let opened = 0;

beforeAll(async () => {
  server = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  connection = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
  connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
    params.items.map((i) => (i.section === 'yaml' ? SETTINGS.yaml : i.section === undefined ? SETTINGS : null)));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => diagnostics.get(p.uri)?.(p.diagnostics));
  connection.listen();
  const root = pathToFileURL(REPO_ROOT).href;
  await connection.sendRequest('initialize', {
    processId: process.pid, rootUri: root, workspaceFolders: [{ uri: root, name: 'fitcheck' }],
    capabilities: { workspace: { configuration: true }, textDocument: { completion: { completionItem: { snippetSupport: true } }, publishDiagnostics: {} } },
  });
  await connection.sendNotification('initialized', {});
  await connection.sendNotification('workspace/didChangeConfiguration', { settings: SETTINGS });
});

afterAll(async () => {
  await connection.sendRequest('shutdown').catch(() => undefined);
  await connection.sendNotification('exit').catch(() => undefined);
  connection.dispose();
  server.kill();
});

/** Opens `text` as `submission/<new name>.yaml` and resolves with the server's diagnostics for it. */
async function open(text: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
  const uri = pathToFileURL(join(REPO_ROOT, 'submission', `editor-check-${++opened}.yaml`)).href;
  const published = new Promise<Diagnostic[]>((resolve) => diagnostics.set(uri, resolve));
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  return { uri, diagnostics: await published };
}

async function complete(uri: string, line: number, character: number): Promise<string[]> {
  const result = await connection.sendRequest<{ items: CompletionItem[] } | CompletionItem[] | null>('textDocument/completion', { textDocument: { uri }, position: { line, character } });
  const items = Array.isArray(result) ? result : result?.items ?? [];
  return items.map((i) => i.label);
}

const modeline = (schema: string): string => `# yaml-language-server: $schema=../apps/grader/schemas/${schema}`;
const head = (schema: string): string[] => [modeline(schema), 'lab: lab5', 'student: { name: Ana, id: "2024-0107" }', 'higgs:', '  models:', '    giant:', '      layers:'];

describe('yaml-language-server 2.0 with the starter\'s schema', () => {
  it('completes the layer types in a model list', async () => {
    const lines = [...head('editor/lab5-submission.schema.json'), '        - type: '];
    const { uri } = await open(lines.join('\n'));
    expect(await complete(uri, lines.length - 1, lines.at(-1)!.length)).toEqual(expect.arrayContaining(['Dense', 'Dropout', 'Flatten', 'Reshape']));
  });

  it("completes a Dense layer's keys", async () => {
    const lines = [...head('editor/lab5-submission.schema.json'), '        - type: Dense', '          '];
    const { uri } = await open(lines.join('\n'));
    expect(await complete(uri, lines.length - 1, lines.at(-1)!.length)).toEqual(expect.arrayContaining(['units', 'activation', 'kernelRegularizer']));
  });

  it('reports a typo such as `unitz` where it is, and nothing about loading the schema', async () => {
    const lines = [...head('editor/lab5-submission.schema.json'), '        - { type: Dense, unitz: 8 }'];
    const { diagnostics: found } = await open(lines.join('\n'));
    const typo = found.filter((d) => d.message.includes('unitz'));
    expect(typo).toHaveLength(1);
    expect(typo[0]!.range.start.line).toBe(lines.length - 1);
    expect(found.filter((d) => /problems loading|unable to load|reference/i.test(d.message))).toEqual([]);
  });

  it('(what the bundling fixes) the urn: $ref chain of the schema ajv uses does not load in this server', async () => {
    const lines = [...head('lab5-submission.schema.json'), '        - { type: Dense, unitz: 8 }'];
    const { diagnostics: found } = await open(lines.join('\n'));
    expect(found.some((d) => d.message.includes('unitz'))).toBe(false);
  });
});
