import { FINDING_TEXT, fill } from '../messages/en.js';
import type { Finding, FindingCode, Severity } from './types.js';

/** A finding with its message and hint from the message table, placeholders filled from `params`. */
export function finding(
  code: FindingCode,
  severity: Severity,
  params: Record<string, string | number>,
  where: { item?: string; model?: string } = {},
): Finding {
  const text = FINDING_TEXT[code];
  return { code, severity, ...where, message: fill(text.message, params), hint: fill(text.hint, params) };
}
