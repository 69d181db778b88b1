/**
 * Text from a submission placed in markdown (a student's name, a message quoting their config).
 * `<` and `&` are escaped so no HTML renders, `@` so a name cannot ping a GitHub user or team.
 */
export function mdText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/@/g, '&#64;');
}

/** {@link mdText} for a table cell: also no pipes and no line breaks. */
export function mdCell(text: string): string {
  return mdText(text).replace(/[\r\n]+/g, ' ').replace(/\|/g, '\\|');
}
