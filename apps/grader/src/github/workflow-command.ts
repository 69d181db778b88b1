/**
 * GitHub Actions workflow commands (`::error file=…,line=…::message`), escaped as GitHub documents
 * and @actions/core does: in the message `%`, CR and LF; in a property value also `:` and `,`, which
 * would otherwise end the value. Student text (a model name, a message quoting their file) is data:
 * it cannot end the line, start another command or add a property.
 */
export type AnnotationLevel = 'error' | 'warning' | 'notice';

export interface AnnotationProperties {
  title?: string;
  file?: string;
  line?: number;
  col?: number;
}

export function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

/** One annotation command line, properties in GitHub's order (`file`, `line`, `col`, `title`). */
export function annotation(level: AnnotationLevel, message: string, properties: AnnotationProperties = {}): string {
  const props = (['file', 'line', 'col', 'title'] as const)
    .filter((k) => properties[k] !== undefined && properties[k] !== '')
    .map((k) => `${k}=${escapeProperty(String(properties[k]))}`);
  return `::${level}${props.length > 0 ? ` ${props.join(',')}` : ''}::${escapeData(message)}`;
}
