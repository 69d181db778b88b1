/**
 * Text from a submission (or from a results.json that came back from an untrusted run) placed in
 * GitHub markdown — a heading, a table cell, a list item, a Danger `warn()` row — as one line of
 * literal text: line breaks become spaces, so no heading, quote, list or table row can start; the
 * inline syntax that makes links, images, emphasis, code, tables, strikethrough and math is
 * backslash-escaped; `&`, `<` and `>` become entities, so no HTML renders (Danger puts its rows in
 * an HTML table); `@` is followed by a zero-width space (as Renovate does), so a name cannot ping a
 * GitHub user or team, and so does a URL's `://` or `www.`, so a bare address is not made a link; and a leading `#`, `+`, `-`, `=` or `1.` is escaped, in case the text starts a line.
 */
export function mdText(text: string): string {
  return text
    .replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ')
    .replace(/[\\`*_[\]()!|~$]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@/g, '@&#8203;')
    .replace(/:\/\//g, ':&#8203;//')
    .replace(/\b(www)\./gi, '$1&#8203;.')
    .replace(/^([#+=-])/, '\\$1')
    .replace(/^(\d+)\./, '$1\\.');
}

/** A finding code in a code span when it looks like one (`SIGMOID_WITH_LOGITS_LOSS`); anything else from an artifact as {@link mdText}. */
export function mdCode(code: string): string {
  return /^[A-Z][A-Z0-9_]*$/.test(code) ? `\`${code}\`` : mdText(code);
}
