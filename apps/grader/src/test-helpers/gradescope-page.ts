import type { GradescopeResults } from '../results/gradescope.js';

/** Rails' `html_escape`, which Gradescope (a Rails application) applies to a string it shows as text. */
function htmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * The HTML Gradescope makes of a results.json, the way its specification says it shows each field
 * in the format the field declares: `text` escaped into a `<pre>`. Any other format, or a field
 * that declares none (Gradescope's default `simple_format` renders markup), throws: its markup
 * would reach the page, which is what the tests calling this rule out.
 */
export function gradescopePage(results: GradescopeResults): string {
  const shown = (format: string | undefined, value: string, where: string): string => {
    if (format !== 'text') throw new Error(`${where} is shown as ${format ?? 'simple_format (no format given)'}, which renders markup`);
    return `<pre>${htmlEscape(value)}</pre>`;
  };
  return [
    shown(results.output_format, results.output, 'output'),
    ...results.tests.flatMap((t, i) => [
      shown(t.name_format ?? results.test_name_format, t.name, `tests[${i}].name`),
      shown(t.output_format ?? results.test_output_format, t.output, `tests[${i}].output`),
    ]),
  ].join('\n');
}
