import { pointerPosition } from '@fitcheck/core';
import type { Finding } from '../findings/types.js';

/**
 * The finding with the place in the submission file it is about, as `file`, `line`, `column`: its
 * model (`cats.large` → `cats.models.large`), else the answer, section or dataset its parameters
 * name, else the top of the file. A place the file does not hold (a key left out) is its nearest
 * written parent, so every finding can be annotated on the student's file.
 */
export function placeFinding(f: Finding, submission: { file: string; text: string }): Finding {
  const { line, column } = pointerPosition(submission.text, pointerOf(f));
  return { ...f, file: submission.file, line, column };
}

function pointerOf(f: Finding): string {
  const param = (name: string): string | undefined => {
    const v = f.params?.[name];
    return typeof v === 'string' ? v : undefined;
  };
  if (f.model !== undefined) {
    const [dataset = '', name = ''] = f.model.split('.');
    return `/${dataset}/models/${name}`;
  }
  const answer = param('answer');
  if (answer !== undefined) return `/answers/${answer}`;
  // `cats.preprocess`, `cats.report`: a section of a dataset.
  const what = param('what');
  if (what !== undefined) return `/${what.split('.').join('/')}`;
  const dataset = param('dataset');
  return dataset !== undefined ? `/${dataset}` : '';
}
