
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { GraderError } from '../../errors.js';

/**
 * Vega-Lite → Vega → SVG markup, headless in Node (`renderer: 'none'`, no canvas, no browser).
 * Loading is refused so a spec can never reach the network or the disk: the report stays
 * self-contained. Vega only logs a failed load (as a warning) and draws an empty chart, so whatever it warns
 * about is thrown instead: a report never ships a silently broken chart.
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const runtime = vega.parse(compile(spec).spec);
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
    return svg;
  } finally {
    view.finalize();
  }
}
