import { describe, expect, it } from 'vitest';
import { formatGradebook } from './gradebook.js';
import { classRow, todo as t } from './test-helpers.js';

describe('formatGradebook', () => {
  it('quotes per RFC 4180 and defuses formulas per OWASP, byte for byte as Python csv writes them', () => {
    const rows = [
      classRow('ana', 'graded', { id: '=HYPERLINK("http://x")', name: 'Silva, Ana "Aninha"', submittedId: '=1+1' }, [t('1', 10), t('2', 7.5)], ['NO_OVERFITTING', 'MISSING_ANSWER', 'NO_OVERFITTING']),
      classRow('bob', 'invalid', { id: '-5', name: '@bob\nline2' }, []),
      // ToDo 2 pending (the TA's: 'pending', not 0), ToDo 10 undecided (its score stands, the column flags it).
      classRow('carla', 'graded', { id: '+1', name: '\tTab' }, [t('2', 'pending'), t('10', 0.333, 'undecided')]),
      // Not graded (the machine's fault): no scores and no total, not zeros.
      classRow('dora', 'error', { id: 'dora', name: 'Dora' }, [t('1', 0)], [], { code: 'BACKEND_UNAVAILABLE', owner: 'environment', message: 'no tfjs-node' }),
    ];
    // python3: csv.writer(lineterminator='\r\n') over the same cells, each text cell starting
    // with = + - @ TAB CR prefixed with "'" (OWASP CSV injection guidance).
    const expected =
      'student_id,name,submitted_id,todo_1,todo_2,todo_10,total,status,undecided,fault,findings,folder\r\n' +
      `"'=HYPERLINK(""http://x"")","Silva, Ana ""Aninha""",'=1+1,10,7.5,,17.5,graded,,,NO_OVERFITTING;MISSING_ANSWER,ana\r\n` +
      `'-5,"'@bob\nline2",,,,,0,invalid,,,,bob\r\n` +
      `'+1,'\tTab,,,pending,0.33,0.33,graded,10,,,carla\r\n` +
      'dora,Dora,,,,,,error,,environment:BACKEND_UNAVAILABLE,,dora\r\n';
    expect(formatGradebook(rows)).toBe(expected);
  });

  it('orders ToDo columns by number, not as text', () => {
    const rows = [classRow('a', 'graded', { id: 'a', name: 'A' }, [t('10', 1), t('2', 1), t('1', 1), t('2.1', 1)])];
    expect(formatGradebook(rows).split('\r\n')[0]).toBe('student_id,name,submitted_id,todo_1,todo_2,todo_2.1,todo_10,total,status,undecided,fault,findings,folder');
  });
});
