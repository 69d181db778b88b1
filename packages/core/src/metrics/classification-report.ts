import { FitcheckError } from '../errors.js';
import { formatFixed } from './format-fixed.js';
import { checkLabelPair, checkLabelsOption, uniqueLabels, type Label } from './labels.js';
import { precisionRecallFscoreSupport, type ZeroDivision } from './precision-recall-fscore-support.js';

export interface ClassificationReportOptions {
  /** Classes to report, in this order. Default: sorted labels present in yTrue or yPred. */
  labels?: readonly Label[];
  /** Display names, one per label (e.g. `['non-cat', 'cat']`). */
  targetNames?: readonly string[];
  /** Decimals of the scores in the text report (the dict is not rounded). */
  digits?: number;
  zeroDivision?: ZeroDivision;
  outputDict?: boolean;
}

/** One row of the dict report, with sklearn's keys. */
export interface ClassificationReportRow {
  precision: number;
  recall: number;
  'f1-score': number;
  support: number;
}

/**
 * sklearn's `output_dict`: one row per target name, then `accuracy` (a number) or `micro avg`,
 * `macro avg` and `weighted avg`.
 */
export type ClassificationReportDict = Record<string, ClassificationReportRow | number>;

/** A report and the warnings sklearn would have printed while making it. */
export interface ClassificationReportResult<R> {
  report: R;
  warnings: string[];
}

const HEADERS = ['precision', 'recall', 'f1-score', 'support'] as const;
const LONGEST_AVG_HEADING = 'weighted avg';

/**
 * scikit-learn's `classification_report`, character for character.
 *
 * Per class: precision, recall, F1 and support (see {@link precisionRecallFscoreSupport}); then
 * `accuracy` (= micro-averaged F1) when the labels cover every class present, else `micro avg`;
 * then `macro avg` and `weighted avg`. Columns are 9 wide after a name column of width
 * `max(longest name, len('weighted avg'), digits)`; scores are printed with `digits` decimals
 * (rounded half-to-even like Python), supports as integers.
 */
export function classificationReport(
  yTrue: ArrayLike<Label>,
  yPred: ArrayLike<Label>,
  options?: ClassificationReportOptions & { outputDict?: false },
): ClassificationReportResult<string>;
export function classificationReport(
  yTrue: ArrayLike<Label>,
  yPred: ArrayLike<Label>,
  options: ClassificationReportOptions & { outputDict: true },
): ClassificationReportResult<ClassificationReportDict>;
export function classificationReport(
  yTrue: ArrayLike<Label>,
  yPred: ArrayLike<Label>,
  options?: ClassificationReportOptions,
): ClassificationReportResult<string | ClassificationReportDict>;
export function classificationReport(
  yTrue: ArrayLike<Label>,
  yPred: ArrayLike<Label>,
  options: ClassificationReportOptions = {},
): ClassificationReportResult<string | ClassificationReportDict> {
  const { digits = 2, zeroDivision = 'warn', outputDict = false } = options;
  if (!Number.isInteger(digits) || digits < 0) {
    throw new FitcheckError('BAD_METRIC_OPTION', `digits must be a non-negative integer; got ${digits}`);
  }
  const { yTrue: t, yPred: p, kind } = checkLabelPair(yTrue, yPred);
  const present = uniqueLabels(t, p);
  const labels = options.labels === undefined ? present : checkLabelsOption(options.labels, kind);
  const warnings: string[] = [];

  // sklearn prints "accuracy" only when the micro average is one: the labels cover every class.
  const chosen = new Set(labels);
  const microIsAccuracy = present.every((l) => chosen.has(l));

  let names: string[];
  if (options.targetNames === undefined) {
    names = labels.map(String);
  } else {
    names = [...options.targetNames];
    if (names.length !== labels.length) {
      if (options.labels === undefined) {
        throw new FitcheckError(
          'BAD_METRIC_OPTION',
          `Number of classes, ${labels.length}, does not match size of target_names, ${names.length}. ` +
            'Try specifying the labels parameter',
        );
      }
      warnings.push(`labels size, ${labels.length}, does not match size of target_names, ${names.length}`);
    }
  }

  const perClass = precisionRecallFscoreSupport(t, p, { labels, average: null, zeroDivision });
  warnings.push(...perClass.warnings);
  // zip() in sklearn stops at the shorter of names and scores
  const rowCount = Math.min(names.length, labels.length);
  const rows: [string, ClassificationReportRow][] = [];
  for (let i = 0; i < rowCount; i++) {
    rows.push([
      names[i] as string,
      {
        precision: perClass.precision[i] as number,
        recall: perClass.recall[i] as number,
        'f1-score': perClass.fscore[i] as number,
        support: perClass.support[i] as number,
      },
    ]);
  }
  const totalSupport = perClass.support.reduce((s, v) => s + v, 0);

  const averages: [string, ClassificationReportRow][] = [];
  for (const average of ['micro', 'macro', 'weighted'] as const) {
    const heading = average === 'micro' && microIsAccuracy ? 'accuracy' : `${average} avg`;
    const avg = precisionRecallFscoreSupport(t, p, { labels, average, zeroDivision });
    warnings.push(...avg.warnings);
    averages.push([
      heading,
      { precision: avg.precision, recall: avg.recall, 'f1-score': avg.fscore, support: totalSupport },
    ]);
  }

  const unique = [...new Set(warnings)];
  if (outputDict) return { report: toDict(rows, averages), warnings: unique };
  return { report: toText(rows, averages, digits), warnings: unique };
}

function toDict(
  rows: [string, ClassificationReportRow][],
  averages: [string, ClassificationReportRow][],
): ClassificationReportDict {
  const dict: ClassificationReportDict = {};
  for (const [name, row] of [...rows, ...averages]) {
    dict[name] = name === 'accuracy' ? row.precision : row;
  }
  return dict;
}

function toText(
  rows: [string, ClassificationReportRow][],
  averages: [string, ClassificationReportRow][],
  digits: number,
): string {
  const nameWidth = Math.max(0, ...rows.map(([name]) => codePoints(name)));
  const width = Math.max(nameWidth, LONGEST_AVG_HEADING.length, digits);
  const score = (x: number): string => ' ' + padStart(formatFixed(x, digits), 9);
  const line = (name: string, r: ClassificationReportRow): string =>
    padStart(name, width) + ' ' + score(r.precision) + score(r.recall) + score(r['f1-score']) +
    ' ' + padStart(String(r.support), 9) + '\n';

  let text = padStart('', width) + ' ' + HEADERS.map((h) => ' ' + padStart(h, 9)).join('') + '\n\n';
  for (const [name, row] of rows) text += line(name, row);
  text += '\n';
  for (const [heading, row] of averages) {
    if (heading === 'accuracy') {
      // precision and recall columns stay blank: only F1 (= accuracy) and support are printed
      text += padStart(heading, width) + ' ' + ' '.repeat(20) + score(row['f1-score']) +
        ' ' + padStart(String(row.support), 9) + '\n';
    } else {
      text += line(heading, row);
    }
  }
  return text;
}

/** Python pads by code points, not UTF-16 units. */
function codePoints(s: string): number {
  return [...s].length;
}

function padStart(s: string, width: number): string {
  return ' '.repeat(Math.max(0, width - codePoints(s))) + s;
}
