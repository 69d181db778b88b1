import { readFileSync, readdirSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { translate, type Messages } from '../messages/locale.js';

/** `apps/grader/templates/`, two levels up from both `src/report/` and `dist/report/`. */
export const TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

type Data = { messages: Messages; lang: string };

/**
 * A private Handlebars environment with the report's partials (`templates/partials/*.hbs`) and its
 * helper `t` (a locale message; its result is escaped like any `{{ }}` value). Numbers arrive
 * already formatted for the locale (`format.ts`).
 */
function createEnvironment(): typeof Handlebars {
  const hbs = Handlebars.create();
  const partials = `${TEMPLATES_DIR}partials/`;
  for (const file of readdirSync(partials).filter((f) => f.endsWith('.hbs'))) {
    hbs.registerPartial(basename(file, '.hbs'), readFileSync(`${partials}${file}`, 'utf8'));
  }
  hbs.registerHelper('t', function (key: string, options: Handlebars.HelperOptions) {
    const data = options.data as Data;
    return translate(data.messages, key, options.hash as Record<string, unknown>);
  });
  return hbs;
}

const compiled = new Map<string, Handlebars.TemplateDelegate>();
let environment: typeof Handlebars | undefined;

/**
 * Renders `templates/<name>.hbs` (`report`, `lab-report`, `class-report`), which share the partials.
 * `strict` makes a misspelt field in a template an error instead of an empty cell; prototype access
 * stays off (Handlebars' default), so `{{constructor}}` reaches nothing.
 */
export function renderTemplate(view: object, data: Data, name = 'report'): string {
  let template = compiled.get(name);
  if (template === undefined) {
    environment ??= createEnvironment();
    template = environment.compile(readFileSync(`${TEMPLATES_DIR}${name}.hbs`, 'utf8'), { strict: true });
    compiled.set(name, template);
  }
  return template(view, { data });
}
