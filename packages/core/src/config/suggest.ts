import { distance } from 'fastest-levenshtein';

/**
 * The candidate closest to `word` by Levenshtein distance, or undefined when none is close
 * enough to be a plausible typo: distance ≤ max(1, ⌊len/3⌋), case-insensitive.
 */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const d = distance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const allowed = Math.max(1, Math.floor(Math.max(word.length, 1) / 3));
  return bestDistance <= allowed ? best : undefined;
}
