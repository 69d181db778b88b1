import { FitcheckError } from '../errors.js';
import { checkLabelPair, checkLabelsOption, pyRepr, uniqueLabels, type Label } from './labels.js';

/** How sklearn averages per-class scores; `null` keeps one score per class. */
export type Average = null | 'binary' | 'micro' | 'macro' | 'weighted';

/** The value a 0/0 score takes; `'warn'` acts as 0 and records a warning. */
export type ZeroDivision = 'warn' | 0 | 1;

export interface PrecisionRecallFscoreOptions {
  /** Classes to score, in this order; may select a subset or add absent classes. */
  labels?: readonly Label[];
  /** Default `null` (per class), as sklearn's `precision_recall_fscore_support`. */
  average?: Average;
  /** The positive class when `average` is `'binary'`. */
  posLabel?: Label;
  /** Weight of recall in the F-score. */
  beta?: number;
  zeroDivision?: ZeroDivision;
}

/** Per-class scores (`average: null`): arrays aligned with `labels`. */
export interface PrecisionRecallFscorePerClass {
  labels: Label[];
  precision: number[];
  recall: number[];
  fscore: number[];
  /** Number of true samples of each class. */
  support: number[];
  /** sklearn's UndefinedMetricWarning/UserWarning texts, returned instead of printed. */
  warnings: string[];
}

/** Averaged scores; like sklearn, no support is returned for an average. */
export interface PrecisionRecallFscoreAveraged {
  precision: number;
  recall: number;
  fscore: number;
  support: null;
  warnings: string[];
}

/**
 * scikit-learn's `precision_recall_fscore_support` (current semantics) for label arrays.
 *
 * Per class c with true positives tp, predicted count pred and true count true:
 *   `precision = tp / pred`, `recall = tp / true`,
 *   `F_β = (1 + β²)·tp / (β²·true + pred)` (= (1 + β²)·P·R / (β²·P + R)),
 * a 0/0 taking `zeroDivision` (0 with a warning for `'warn'`). Averages: `'micro'` sums tp, pred
 * and true over classes first; `'macro'` is the plain mean of the per-class scores; `'weighted'`
 * weights them by support (plain mean if every support is 0); `'binary'` reports `posLabel` only.
 */
export function precisionRecallFscoreSupport(
  yTrue: ArrayLike<Label>,
  yPred: ArrayLike<Label>,
  options?: PrecisionRecallFscoreOptions & { average?: null },
): PrecisionRecallFscorePerClass;
export function precisionRecallFscoreSupport(
  yTrue: ArrayLike<Label>,
  yPred: ArrayLike<Label>,
  options: PrecisionRecallFscoreOptions & { average: Exclude<Average, null> },
): PrecisionRecallFscoreAveraged;
export function precisionRecallFscoreSupport(
  yTrue: ArrayLike<Label>,
  yPred: ArrayLike<Label>,
  options?: PrecisionRecallFscoreOptions,
): PrecisionRecallFscorePerClass | PrecisionRecallFscoreAveraged;
export function precisionRecallFscoreSupport(
  yTrue: ArrayLike<Label>,
  yPred: ArrayLike<Label>,
  options: PrecisionRecallFscoreOptions = {},
): PrecisionRecallFscorePerClass | PrecisionRecallFscoreAveraged {
  const { average = null, posLabel = 1, beta = 1, zeroDivision = 'warn' } = options;
  checkOptions(average, beta, zeroDivision);
  const { yTrue: t, yPred: p, kind } = checkLabelPair(yTrue, yPred);
  const warnings: string[] = [];
  const labels = scoredLabels(t, p, kind, options.labels, average, posLabel, warnings);

  let { tp, pred, truth } = countPerLabel(t, p, labels);
  if (average === 'micro') {
    tp = [sum(tp)];
    pred = [sum(pred)];
    truth = [sum(truth)];
  }

  const beta2 = beta * beta;
  const precision = divide(tp, pred, zeroDivision, 'Precision is', 'predicted', warnings);
  const recall = divide(tp, truth, zeroDivision, 'Recall is', 'true', warnings);
  let fscore: number[];
  if (beta === Infinity) fscore = recall;
  else if (beta === 0) fscore = precision;
  else {
    const numerator = tp.map((v) => (1 + beta2) * v);
    const denominator = truth.map((v, i) => beta2 * v + (pred[i] as number));
    fscore = divide(numerator, denominator, zeroDivision, 'F-score is', 'true nor predicted', warnings);
  }

  if (average === null) return { labels, precision, recall, fscore, support: truth, warnings };
  const weights = average === 'weighted' ? truth : undefined;
  return {
    precision: mean(precision, weights),
    recall: mean(recall, weights),
    fscore: mean(fscore, weights),
    support: null,
    warnings,
  };
}

function checkOptions(average: Average, beta: number, zeroDivision: ZeroDivision): void {
  if (![null, 'binary', 'micro', 'macro', 'weighted'].includes(average)) {
    throw new FitcheckError(
      'BAD_METRIC_OPTION',
      `average has to be one of null, 'binary', 'micro', 'macro', 'weighted'; got ${String(average)}`,
    );
  }
  if (!(beta >= 0)) {
    throw new FitcheckError('BAD_METRIC_OPTION', `beta should be >= 0 in the F-beta score; got ${beta}`);
  }
  if (zeroDivision !== 'warn' && zeroDivision !== 0 && zeroDivision !== 1) {
    throw new FitcheckError(
      'BAD_METRIC_OPTION',
      `zeroDivision must be 'warn', 0 or 1; got ${String(zeroDivision)}`,
    );
  }
}

/** sklearn's `_check_set_wise_labels`: which labels are scored, and the binary-average checks. */
function scoredLabels(
  t: Label[],
  p: Label[],
  kind: 'number' | 'string',
  labels: readonly Label[] | undefined,
  average: Average,
  posLabel: Label,
  warnings: string[],
): Label[] {
  const present = uniqueLabels(t, p);
  if (average === 'binary') {
    if (present.length > 2) {
      throw new FitcheckError(
        'BAD_METRIC_OPTION',
        "Target is multiclass but average='binary'. Please choose another average setting, " +
          "one of [None, 'micro', 'macro', 'weighted'].",
      );
    }
    if (!present.includes(posLabel) && present.length >= 2) {
      throw new FitcheckError(
        'BAD_METRIC_OPTION',
        `pos_label=${pyRepr(posLabel)} is not a valid label. It should be one of ` +
          `[${present.map(pyRepr).join(', ')}]`,
      );
    }
    return [posLabel];
  }
  if (posLabel !== 1) {
    warnings.push(
      `Note that pos_label (set to ${pyRepr(posLabel)}) is ignored when average != 'binary' ` +
        `(got ${pyRepr(average)}). You may use labels=[pos_label] to specify a single positive class.`,
    );
  }
  return labels === undefined ? present : checkLabelsOption(labels, kind);
}

/** True positives, predicted and true counts per label (sklearn's multilabel confusion matrix). */
function countPerLabel(
  t: Label[],
  p: Label[],
  labels: Label[],
): { tp: number[]; pred: number[]; truth: number[] } {
  const tpBy = new Map<Label, number>();
  const predBy = new Map<Label, number>();
  const trueBy = new Map<Label, number>();
  const bump = (m: Map<Label, number>, k: Label): void => {
    m.set(k, (m.get(k) ?? 0) + 1);
  };
  for (let i = 0; i < t.length; i++) {
    const a = t[i] as Label;
    const b = p[i] as Label;
    bump(trueBy, a);
    bump(predBy, b);
    if (a === b) bump(tpBy, a);
  }
  return {
    tp: labels.map((l) => tpBy.get(l) ?? 0),
    pred: labels.map((l) => predBy.get(l) ?? 0),
    truth: labels.map((l) => trueBy.get(l) ?? 0),
  };
}

/**
 * sklearn's `_prf_divide`: element-wise division where 0/0 becomes the zero-division value,
 * and, only for `'warn'`, one warning worded as sklearn's `_warn_prf`.
 */
function divide(
  numerator: number[],
  denominator: number[],
  zeroDivision: ZeroDivision,
  msgStart: string,
  modifier: string,
  warnings: string[],
): number[] {
  const value = zeroDivision === 'warn' ? 0 : zeroDivision;
  let undefinedAny = false;
  const result = numerator.map((n, i) => {
    const d = denominator[i] as number;
    if (d === 0) {
      undefinedAny = true;
      return value;
    }
    return n / d;
  });
  if (undefinedAny && zeroDivision === 'warn') {
    const where = result.length === 1 ? 'due to' : 'in labels with';
    warnings.push(
      `${msgStart} ill-defined and being set to 0.0 ${where} no ${modifier} samples. ` +
        'Use `zero_division` parameter to control this behavior.',
    );
  }
  return result;
}

function sum(a: readonly number[]): number {
  return a.reduce((s, v) => s + v, 0);
}

/** numpy's `average`; all-zero weights fall back to the plain mean, as sklearn's `_nanaverage`. */
function mean(values: readonly number[], weights?: readonly number[]): number {
  const total = weights === undefined ? 0 : sum(weights);
  if (weights === undefined || total === 0) return sum(values) / values.length;
  return values.reduce((s, v, i) => s + v * (weights[i] as number), 0) / total;
}
