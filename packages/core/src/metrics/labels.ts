import { FitcheckError } from '../errors.js';

/** A class label as scikit-learn accepts it: an integer-valued number or a string. */
export type Label = number | string;

/**
 * Checks a pair of label arrays the way scikit-learn's `_check_targets` does for the
 * binary/multiclass case: equal, non-zero length; one kind of label (numbers or strings);
 * numbers integer-valued. A non-integer number means the caller passed scores or
 * probabilities where class labels belong, which sklearn rejects as "continuous" too.
 */
export function checkLabelPair(
  yTrue: ArrayLike<Label>,
  yPred: ArrayLike<Label>,
): { yTrue: Label[]; yPred: Label[]; kind: 'number' | 'string' } {
  if (yTrue.length !== yPred.length) {
    throw new FitcheckError(
      'BAD_METRIC_INPUT',
      `yTrue has ${yTrue.length} labels but yPred has ${yPred.length}`,
      {},
      'pass one predicted label per true label',
    );
  }
  if (yTrue.length === 0) {
    throw new FitcheckError('BAD_METRIC_INPUT', 'no samples: yTrue and yPred are empty');
  }
  const t = Array.from(yTrue);
  const p = Array.from(yPred);
  const kind = labelKind([...t, ...p], 'yTrue/yPred');
  return { yTrue: t, yPred: p, kind };
}

/** The one kind of label in `values`, or a typed error naming the first offender. */
export function labelKind(values: readonly unknown[], what: string): 'number' | 'string' {
  const first = values[0];
  const kind = typeof first === 'string' ? 'string' : 'number';
  for (const [i, v] of values.entries()) {
    if (kind === 'string' ? typeof v !== 'string' : typeof v !== 'number') {
      throw new FitcheckError(
        'BAD_METRIC_INPUT',
        `${what}: mix of label types (${typeof first} and ${typeof v}) at index ${i}`,
        { key: String(i) },
        'use only numbers or only strings as class labels',
      );
    }
    if (typeof v === 'number' && !Number.isInteger(v)) {
      throw new FitcheckError(
        'BAD_METRIC_INPUT',
        `${what}: label ${v} at index ${i} is not an integer (continuous values are scores, not classes)`,
        { key: String(i) },
        'threshold the outputs first: logits at 0, probabilities at 0.5',
      );
    }
  }
  return kind;
}

/** Sorted distinct labels of both arrays, as sklearn's `unique_labels` (numbers numerically). */
export function uniqueLabels(...arrays: readonly (readonly Label[])[]): Label[] {
  const set = new Set<Label>();
  for (const a of arrays) for (const v of a) set.add(v);
  return [...set].sort(compareLabels);
}

function compareLabels(a: Label, b: Label): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The explicit `labels` option, checked against the data's kind. A list of another kind
 * would silently count nothing, so it is an error.
 */
export function checkLabelsOption(labels: readonly Label[], kind: 'number' | 'string'): Label[] {
  if (labels.length === 0) {
    throw new FitcheckError('BAD_METRIC_OPTION', "'labels' should contain at least one label");
  }
  const own = labelKind(labels, 'labels');
  if (own !== kind) {
    throw new FitcheckError(
      'BAD_METRIC_OPTION',
      `labels are ${own}s but yTrue/yPred hold ${kind}s`,
      {},
      'give labels of the same type as the data',
    );
  }
  return [...labels];
}

/** Python's `repr` of a label, for messages that quote sklearn's wording. */
export function pyRepr(label: Label | null): string {
  if (label === null) return 'None';
  return typeof label === 'string' ? `'${label}'` : String(label);
}
