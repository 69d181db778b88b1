/** matplotlib's default `tab10` cycle: the colours the notebook's history plotter used. */
export const TAB10 = [
  '#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf',
] as const;

/** tab10, then `tab20`'s light shades: the lab's 11+ named runs (8 HIGGS, 4 cat) each get their own colour. */
export const RUN_PALETTE = [
  ...TAB10,
  '#aec7e8', '#ffbb78', '#98df8a', '#ff9896', '#c5b0d5', '#c49c94', '#f7b6d2', '#c7c7c7', '#dbdb8d', '#9edae5',
] as const;

/**
 * The student's runs: dark, saturated colours none of the lab's runs use, so "yours" stands out
 * beside the notebook's tab10 runs (and is drawn thicker too).
 */
export const STUDENT_PALETTE = ['#111111', '#a50026', '#313695', '#00441b', '#762a83', '#7f3b08'] as const;

/**
 * One colour per run name, in order of first appearance across every chart, so "Tiny" has the same
 * colour in the size sweep and in the regularizer plot (the plotter keyed colours by name too).
 */
export function runColors(names: Iterable<string>, palette: readonly string[] = RUN_PALETTE): Map<string, string> {
  const colors = new Map<string, string>();
  for (const name of names) {
    if (!colors.has(name)) colors.set(name, palette[colors.size % palette.length] as string);
  }
  return colors;
}
