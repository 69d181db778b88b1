/** Byte order, not locale order: the same on every runner of a CI matrix. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Rubric item numbers: dotted parts compare as numbers ("2" < "10", "2" < "2.1"), others by bytes. */
export function compareItemIds(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1;
    const numeric = /^\d+$/.test(x) && /^\d+$/.test(y);
    const c = numeric ? Number(x) - Number(y) : compareNames(x, y);
    if (c !== 0) return c;
  }
  return 0;
}

/** Scores as gradebook, summary and comment print them: at most 2 decimals, no trailing zeros, never `-0`. */
export function formatScore(x: number): string {
  const rounded = Math.round(x * 100) / 100;
  return String(rounded === 0 ? 0 : rounded);
}
