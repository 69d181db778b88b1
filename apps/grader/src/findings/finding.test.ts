import { describe, expect, it } from 'vitest';
import { LANGS, loadMessages } from '../messages/locale.js';
import { text } from '../messages/text.js';
import { finding, localizeFinding } from './finding.js';
import { FINDING_CODES } from './types.js';

describe('findings in every language', () => {
  it('have a message and a hint for every code, in every locale', () => {
    for (const lang of LANGS) {
      const messages = loadMessages(lang);
      for (const code of FINDING_CODES) {
        expect(messages.get(`finding.${code}.message`), `${lang} ${code}`).toBeTruthy();
        expect(messages.get(`finding.${code}.hint`), `${lang} ${code}`).toBeTruthy();
      }
    }
  });

  it('are made in English and said again in Portuguese from the same parameters, nested phrases included', () => {
    const f = finding('NOT_TRAINED', 'info', { model: 'cats.large', profile: 'check', what: text('what.gap') }, { model: 'cats.large' });
    expect(f.message).toBe('cats.large was not trained in the check profile; the train/validation gap was not checked');
    const pt = localizeFinding(f, loadMessages('pt-BR'));
    expect(pt).toMatchObject({ code: 'NOT_TRAINED', severity: 'info', model: 'cats.large' });
    expect(pt.message).toBe('cats.large não foi treinado no perfil check; não foi possível verificar a distância entre treino e validação');
    expect(pt.hint).toBe('os perfis ci e full treinam todos os modelos');
  });
});
