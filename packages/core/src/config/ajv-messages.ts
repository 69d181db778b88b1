import type { ErrorObject } from 'ajv';
import { pointerSegments } from './positions.js';
import { closestMatch } from './suggest.js';

/** An ajv error turned into words: what is wrong, where, and the likely intended spelling. */
export interface ReadableError {
  keyword: string;
  instancePath: string;
  message: string;
  suggestion?: string;
  /** For unknown/missing keys: the key itself, so its position can be shown. */
  key?: string;
  /**
   * The message's parts as data (`path`: the dotted path, `''` for the document; `key`, `value`,
   * `allowed` (a list), `expected`, `got`: a JSON type name), so a caller can say it in another language.
   */
  params?: IssueParams;
}

/** What a readable error is made of, for messages in other languages: strings and lists of strings. */
export type IssueParams = Record<string, string | string[]>;

/** `layers[0].units` for `/layers/0/units`; `the document` for the root. */
export function describePath(instancePath: string): string {
  const segments = pointerSegments(instancePath);
  if (segments.length === 0) return 'the document';
  return segments
    .map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : i === 0 ? s : `.${s}`))
    .join('');
}

/** Drops `if` errors: they only restate that the `then` branch failed, whose errors say why. */
export function relevantErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  return errors.filter((e) => e.keyword !== 'if');
}

/** One ajv error (compiled with `verbose: true`) as a readable message with a suggestion. */
export function readableError(error: ErrorObject): ReadableError {
  const where = describePath(error.instancePath);
  const base = { keyword: error.keyword, instancePath: error.instancePath };
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const known = Object.keys(schemaProperties(error.parentSchema));
      const suggestion = closestMatch(key, known);
      const allowed = known.length > 0 ? `; allowed: ${known.join(', ')}` : '';
      return { ...base, key, message: `unknown key "${key}" in ${where}${allowed}`, params: { path: dotted(error.instancePath), key, allowed: known }, ...(suggestion && { suggestion }) };
    }
    case 'required': {
      const key = String(params.missingProperty);
      return { ...base, message: `${where} is missing the required key "${key}"`, params: { path: dotted(error.instancePath), key } };
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const value = clip(typeof error.data === 'string' ? error.data : JSON.stringify(error.data) ?? String(error.data));
      const suggestion = closestMatch(String(value), allowed);
      return {
        ...base,
        message: `${where} is "${value}", which is not one of: ${allowed.join(', ')}`,
        params: { path: dotted(error.instancePath), value, allowed },
        ...(suggestion && { suggestion }),
      };
    }
    case 'const':
      return { ...base, message: `${where} must be ${JSON.stringify(params.allowedValue)}`, params: { path: dotted(error.instancePath), value: JSON.stringify(params.allowedValue) } };
    case 'type':
      // YAML's .nan and .inf are numbers to JavaScript; ajv (strict) refuses them, and saying so is clearer.
      if (typeof error.data === 'number' && !Number.isFinite(error.data)) {
        return { ...base, message: `${where} must be a finite number, got ${String(error.data)}`, params: { path: dotted(error.instancePath), code: 'NOT_FINITE', value: String(error.data) } };
      }
      return {
        ...base, message: `${where} must be ${article(String(params.type))}, got ${typeName(error.data)}`,
        params: { path: dotted(error.instancePath), expected: String(params.type).split(','), got: jsonType(error.data) },
      };
    default: {
      // ajv's other keywords name their bound (`limit`, `pattern`, …) in `params`: kept as parts, so
      // another language can word them; a keyword without parts keeps only ajv's English.
      const parts = keywordParts(error.keyword, params);
      return { ...base, message: `${where} ${error.message ?? 'is invalid'}`, ...(parts && { params: { path: dotted(error.instancePath), ...parts } }) };
    }
  }
}

// ajv's keywords whose one param is a bound, and that param's name.
const BOUND_PARAM: Record<string, string> = {
  minimum: 'limit', maximum: 'limit', exclusiveMinimum: 'limit', exclusiveMaximum: 'limit',
  minLength: 'limit', maxLength: 'limit', minItems: 'limit', maxItems: 'limit',
  minProperties: 'limit', maxProperties: 'limit', multipleOf: 'multipleOf', pattern: 'pattern', format: 'format',
};

/** The parts of an ajv keyword's message (`limit`, `pattern`, `format`, `multipleOf`), or undefined for a keyword without them. */
function keywordParts(keyword: string, params: Record<string, unknown>): IssueParams | undefined {
  if (keyword === 'uniqueItems') return { i: String(params.i), j: String(params.j) };
  const name = BOUND_PARAM[keyword];
  return name === undefined || params[name] === undefined ? undefined : { [name]: String(params[name]) };
}

/** `layers[0].units` for `/layers/0/units`, `''` for the document. */
function dotted(instancePath: string): string {
  return pointerSegments(instancePath).length === 0 ? '' : describePath(instancePath);
}

/** The JSON type of a value, as JSON Schema names it. */
function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** The longest value a message quotes: a whole file read as one string must not be echoed into every output. */
const MAX_QUOTED = 80;

function clip(value: string): string {
  return value.length <= MAX_QUOTED ? value : `${value.slice(0, MAX_QUOTED)}… (${value.length} characters)`;
}

function schemaProperties(schema: unknown): Record<string, unknown> {
  const properties = (schema as { properties?: Record<string, unknown> } | undefined)?.properties;
  return properties ?? {};
}

function article(type: string): string {
  const word = type.replace(/,/g, ' or ');
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string "${clip(value)}"`;
  return `${typeof value} ${String(value)}`;
}
