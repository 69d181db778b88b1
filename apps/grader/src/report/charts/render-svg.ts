
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { GraderError } from '../../errors.js';

/** The decimal and thousands separators of the reader's language (`numbers` in the locale files). */
export interface NumberSymbols {
  decimal: string;
  thousands: string;
}

/**
 * Vega-Lite → Vega → SVG markup, headless in Node (`renderer: 'none'`, no canvas, no browser).
 * Loading is refused so a spec can never reach the network or the disk: the report stays
 * self-contained. Vega only logs a failed load (as a warning) and draws an empty chart, so whatever it warns
 * about is thrown instead: a report never ships a silently broken chart. `numbers`: how the
 * reader writes numbers (pt-BR: 0,55 and 1.000), for every axis label and tick.
 */
export async function renderSvg(spec: TopLevelSpec, numbers?: NumberSymbols, label?: string): Promise<string> {
  // Vega's own ARIA text is English ("X-axis titled … for a linear scale"): off, the chart is named by `label` instead.
  const quiet = { ...spec, config: { ...spec.config, aria: false } } as TopLevelSpec;
  const localized = numbers === undefined ? quiet : {
    ...quiet, config: { ...quiet.config, locale: { number: { decimal: numbers.decimal, thousands: numbers.thousands, grouping: [3], currency: ['', ''] } } },
  } as TopLevelSpec;
  const runtime = vega.parse(compile(localized).spec);
  const loader = vega.loader();
  loader.load = () => Promise.reject(new Error('charts embed their data; loading is disabled'));
  const errors: string[] = [];
  const logger = vega.logger(vega.Warn);
  const record = (...args: readonly unknown[]) => {
    errors.push(args.map((a) => (a instanceof Error ? a.message : String(a))).join(' '));
    return logger;
  };
  logger.error = record;
  logger.warn = record;
  const view = new vega.View(runtime, { renderer: 'none', loader, logger });
  try {
    const svg = await view.toSVG();
    if (errors.length > 0) throw new GraderError('CHART_FAILED', `a report chart failed to render: ${errors[0]}`);
    return label === undefined ? svg : named(svg, label);
  } finally {
    view.finalize();
  }
}

/**
 * The chart as one image named `label` for a screen reader: `role="img"` and `aria-label` on the
 * root `<svg>`, and the roles Vega still writes inside (its root group's English "group mark
 * container") dropped, since an image's inside is not read.
 */
function named(svg: string, label: string): string {
  const inner = svg.replace(/ (role|aria-roledescription|aria-label)="[^"]*"/g, '');
  return inner.replace(/^<svg /, `<svg role="img" aria-label="${escapeAttribute(label)}" `);
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
