import { distance } from 'fastest-levenshtein';

/**
 * The candidate closest to `word` by Levenshtein distance, or undefined when none is close
 * enough to be a plausible typo: distance ≤ max(1, ⌊len/3⌋), case-insensitive. Two neighbouring
 * letters swapped (`modle` for `model`) count as one edit, as in Damerau's distance.
 */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const other = candidate.toLowerCase();
    const d = isSwap(lower, other) ? 1 : distance(lower, other);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const allowed = Math.max(1, Math.floor(Math.max(word.length, 1) / 3));
  return bestDistance <= allowed ? best : undefined;
}

/** `b` is `a` with two neighbouring letters swapped. */
function isSwap(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  const diff = [...a].flatMap((c, i) => (c === b[i] ? [] : [i]));
  return diff.length === 2 && diff[1] === diff[0]! + 1 && a[diff[0]!] === b[diff[1]!] && a[diff[1]!] === b[diff[0]!];
}
