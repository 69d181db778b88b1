import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOCALES_DIR, flattenMessages, loadMessages, translate } from './locale.js';
import { LANGS } from './locale.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('locales', () => {
  const en = loadMessages('en');
  const pt = loadMessages('pt-BR');

  it('ship exactly the languages the report offers', () => {
    expect(readdirSync(LOCALES_DIR).filter((f) => f.endsWith('.json')).map((f) => f.replace('.json', '')).sort())
      .toEqual([...LANGS].sort());
  });

  it('have the same keys in en and pt-BR', () => {
    expect([...pt.keys()].sort()).toEqual([...en.keys()].sort());
    expect(en.size).toBeGreaterThan(170);
  });

  it('use the same placeholders for every key, and no empty string', () => {
    for (const [key, text] of en) {
      expect(placeholders(pt.get(key) ?? ''), key).toEqual(placeholders(text));
      expect(text.trim(), key).not.toBe('');
      expect((pt.get(key) ?? '').trim(), key).not.toBe('');
    }
  });

  it('are really translated: most sentences differ between the languages', () => {
    const same = [...en].filter(([key, text]) => pt.get(key) === text).map(([key]) => key);
    // Only placeholders-only strings, symbols and loanwords may stay identical.
    expect(same.sort()).toEqual([
      'answers.pointsOf', 'calibrate.percent', 'class.id', 'class.item', 'class.total', 'classification.rule', 'cli.asSaid', 'cli.batchGraded', 'cli.finding', 'cli.gradescopeDone',
      'cli.item', 'cli.modelError', 'cli.pdf', 'cli.statusPassed', 'cli.tensorboard', 'cli.total', 'cli.usageIn', 'dataInspect.classes', 'finding.BAD_PREPROCESS.message', 'finding.INVALID_HYPERPARAMETER.message', 'finding.NO_OVERFITTING.hint',
      'finding.SHAPE_MISMATCH.message', 'finding.TRAINING_DIVERGED.message', 'finding.VERDICT_UNDECIDED.hint', 'findings.item', 'header.backend',
      'header.scoreOf', 'kind.logits', 'lab.footer', 'output.times', 'pr.item', 'pr.todo', 'pr.total', 'todos.name', 'todos.pending',
    ]);
  });

  it('flatten nested locale JSON into dotted keys', () => {
    const raw = JSON.parse(readFileSync(`${LOCALES_DIR}en.json`, 'utf8'));
    expect(flattenMessages(raw).get('curves.title')).toBe('Learning curves');
  });

  it('fill placeholders and leave unknown ones visible', () => {
    expect(translate(pt, 'header.scoreOf', { score: 87.5, max: 100 })).toBe('87.5 / 100');
    expect(translate(en, 'lr.title')).toBe('Learning-rate schedule');
    expect(translate(en, 'answers.pointsOf', { points: 3 })).toBe('3 / {max}');
  });

  it('refuse an unknown language or key with a typed error', () => {
    expect(() => loadMessages('fr')).toThrow(expect.objectContaining({ code: 'UNKNOWN_LANG' }));
    expect(() => translate(en, 'nope.nope')).toThrow(expect.objectContaining({ code: 'MISSING_MESSAGE' }));
  });
});
