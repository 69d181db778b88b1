import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { issueLine } from '../messages/issue-line.js';
import { loadMessages } from '../messages/locale.js';
import { METADATA_FILE, readSubmissionMetadata } from './metadata.js';

const pt = loadMessages('pt-BR');

describe('readSubmissionMetadata', () => {
  it('reads the student id from users[].sid', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fitcheck-meta-'));
    await writeFile(join(dir, METADATA_FILE), JSON.stringify({ users: [{ name: 'Ana Lima', email: 'ana@x.br', sid: '2024-0107' }] }));
    const { identity, problem } = await readSubmissionMetadata(join(dir, METADATA_FILE));
    expect(problem).toBeUndefined();
    expect(identity).toMatchObject({ id: '2024-0107', name: 'Ana Lima' });
  });

  it('says why it cannot be used in the lab\'s language: missing, not JSON, naming no user', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fitcheck-meta-'));
    const file = join(dir, METADATA_FILE);
    const said = async () => issueLine((await readSubmissionMetadata(file)).problem!, pt);
    expect(await said()).toBe(`${file}:1:1: ${file} não existe, ou é um link para nada que se possa ler`);
    await writeFile(file, '{ "users": [');
    expect((await said()).split('\n')[0]).toBe(`${file}:1:13: JSON inválido aqui (falta ou sobra uma vírgula, aspas, colchete ou chave?)`);
    await writeFile(file, '{ "users": [] }');
    expect(await said()).toBe(`${file}:1:1: não nomeia nenhum usuário (users)`);
  });
});
