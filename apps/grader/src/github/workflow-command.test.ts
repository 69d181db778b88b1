import { describe, expect, it } from 'vitest';
import { annotation, escapeData, escapeProperty } from './workflow-command.js';

describe('workflow commands, escaped as GitHub documents', () => {
  it('escapes %, CR and LF in the message, and also : and , in a property', () => {
    expect(escapeData('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext: a, b');
    expect(escapeProperty('C:\\x,y%\n')).toBe('C%3A\\x%2Cy%25%0A');
  });

  it('writes file, line, col and title in that order, leaving out what it lacks', () => {
    expect(annotation('error', 'bad', { title: 'fitcheck X', col: 3, line: 2, file: 'submission/lab5.yaml' }))
      .toBe('::error file=submission/lab5.yaml,line=2,col=3,title=fitcheck X::bad');
    expect(annotation('warning', 'w')).toBe('::warning::w');
  });

  it('a student\'s text cannot end the command, add a property or start another command', () => {
    const line = annotation('error', 'x\n::error file=/etc/passwd::pwned', { file: 'a,line=1:b', title: 'T::notice::n' });
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toBe('::error file=a%2Cline=1%3Ab,title=T%3A%3Anotice%3A%3An::x%0A::error file=/etc/passwd::pwned');
  });
});
