/** Numbers as the reader's locale writes them: `0,612` in pt-BR, `0.612` in English. */
export function formatNumber(lang: string, value: number, digits: number): string {
  return new Intl.NumberFormat(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

/**
 * A number inside a sentence, as the reader's locale writes it (`73.473`, `1,5`, `0,55` in pt-BR):
 * as precise as the value is (up to 15 significant digits, so 0.1 stays 0.1), grouped by thousands;
 * a tiny value (a decayed learning rate) in scientific notation as JavaScript writes it, `5.11061e-8`.
 */
export function formatValue(lang: string, value: number): string {
  const tiny = value !== 0 && Math.abs(value) < 1e-4;
  return new Intl.NumberFormat(lang, { maximumSignificantDigits: 15, ...(tiny && { notation: 'scientific' as const }) }).format(value).replace('E', 'e');
}

/** A score with at most two decimals and no trailing zeros (87.5, 100). */
export function formatScore(lang: string, value: number): string {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: 2 }).format(value);
}

/** The grading date in UTC, so a report reads the same on every runner. */
export function formatDate(lang: string, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(date)} UTC`;
}
