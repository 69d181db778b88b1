import { loadMessages, type Messages } from '../messages/locale.js';
import { renderText, text, type Params } from '../messages/text.js';
import { FINDINGS, type Finding, type FindingCode, type Severity } from './types.js';

/**
 * A finding with its owner (from `FINDINGS`) and its message and hint (locale keys
 * `finding.<CODE>.message|hint`) in English; the parameters stay with it, so {@link localizeFinding} can say it again in the reader's language.
 */
export function finding(
  code: FindingCode,
  severity: Severity,
  params: Params,
  where: { item?: string; model?: string } = {},
): Finding {
  return localizeFinding({ code, owner: FINDINGS[code], severity, ...where, params, message: '', hint: '' }, loadMessages('en'));
}

/** The same finding with its message and hint in the language of `messages`. */
export function localizeFinding(f: Finding, messages: Messages): Finding {
  return {
    ...f,
    message: renderText(messages, text(`finding.${f.code}.message`, f.params)),
    hint: renderText(messages, text(`finding.${f.code}.hint`, f.params)),
  };
}
