import { LineCounter, parseDocument } from 'yaml';
import type { AnySchemaObject } from 'ajv';
import type { IssueParams } from './ajv-messages.js';
import type { Document } from 'yaml';
import { isFitcheckError } from '../errors.js';
import { FILE_ERROR, readTextFile } from '../files/read-text-file.js';
import { readableError, relevantErrors } from './ajv-messages.js';
import { sourceExcerpt, type ConfigIssue } from './issue.js';
import { nestingDepth } from './nesting-depth.js';
import { linePos, locate } from './positions.js';
import { validatorFor } from './validator.js';

export interface LoadConfigOptions {
  /** Default: from the file extension (`.json` → json), else yaml. */
  format?: 'yaml' | 'json';
  /** Refuse larger inputs outright. Default 1 MiB: configs are a few hundred bytes. */
  maxBytes?: number;
  /** Most alias expansions allowed, so a "billion laughs" YAML is a clean error. Default 100. */
  maxAliasCount?: number;
  /** Deepest nesting of arrays and objects allowed, so a `[[[[…` document is a clean error. Default 64. */
  maxDepth?: number;
  /** Most issues listed; the rest are counted in one last issue. Default 50. */
  maxIssues?: number;
}

export interface LoadConfigFileOptions extends LoadConfigOptions {
  /** The file must lie inside this folder once links are resolved (see `readTextFile`). */
  root?: string;
  /** The folder as messages name it. */
  rootName?: string;
}

export interface LoadedConfig {
  /** The parsed document (undefined when it could not be parsed). Not validated when `errors` is non-empty. */
  value: unknown;
  errors: ConfigIssue[];
  warnings: ConfigIssue[];
}

const DEFAULT_MAX_BYTES = 1024 * 1024;
const DEFAULT_MAX_ALIASES = 100;
const DEFAULT_MAX_DEPTH = 64;
const DEFAULT_MAX_ISSUES = 50;

/**
 * Parses YAML or JSON text and validates it against a JSON Schema. Never throws for bad
 * input: every problem becomes a {@link ConfigIssue} with its line and column (YAML/JSON
 * syntax errors at the offending character, schema errors at the offending key or value).
 */
export function loadConfigText(
  text: string,
  file: string,
  schema: AnySchemaObject,
  options: LoadConfigOptions = {},
): LoadedConfig {
  const format = options.format ?? (file.toLowerCase().endsWith('.json') ? 'json' : 'yaml');
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const tooDeep = `the document nests more than ${maxDepth} levels deep`;
  // Every loader issue carries its parts (`params`), so the grader can say it in another language.
  const issue = (keyword: string, message: string, params: IssueParams, line = 1, column = 1): ConfigIssue => ({
    keyword, instancePath: '', message, file, line, column, params,
  });
  // A syntax error also shows the line the parser stopped at.
  const atSource = (found: ConfigIssue): ConfigIssue => {
    const excerpt = sourceExcerpt(text, found.line, found.column);
    return excerpt === undefined ? found : { ...found, excerpt };
  };
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > maxBytes) {
    return { value: undefined, errors: [issue('size', `file is ${bytes} bytes; the limit is ${maxBytes}`, { bytes: String(bytes), max: String(maxBytes) })], warnings: [] };
  }

  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const warnings = doc.warnings.map((w) => atSource(issue('syntax', w.message, { code: w.code }, ...at(lines, w.pos[0]))));
  // JSON.parse keeps the last of two equal keys without a word; the YAML parser (uniqueKeys) names the place.
  const syntax = format === 'json' ? (jsonSyntaxError(text, doc, lines) ?? doc.errors.find((e) => e.code === 'DUPLICATE_KEY')) : doc.errors[0];
  if (syntax) {
    const where = 'pos' in syntax ? at(lines, syntax.pos[0]) : [syntax.line, syntax.column] as const;
    if ('code' in syntax && syntax.code === 'DUPLICATE_KEY') {
      const key = (/^("(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^:\n]*)/.exec(text.slice(syntax.pos[0]))?.[1] ?? '').trim();
      return { value: undefined, errors: [atSource(issue('duplicate', `the key ${key} appears twice in one mapping; each key may appear once`, { key }, ...where))], warnings };
    }
    // The YAML parser recurses per level: a deep enough document overflows its stack, which it reports as an error.
    if (/Maximum call stack/.test(syntax.message)) return { value: undefined, errors: [issue('depth', tooDeep, { max: String(maxDepth) }, ...where)], warnings };
    // `code`: the YAML parser's error code (BAD_INDENT, MISSING_CHAR, …), or JSON for JSON.parse's own.
    return { value: undefined, errors: [atSource(issue('syntax', syntax.message, { code: 'code' in syntax ? syntax.code : 'JSON' }, ...where))], warnings };
  }

  let value: unknown;
  try {
    // JSON's own parser decides JSON values; the YAML document only supplies positions.
    value = format === 'json' ? JSON.parse(text) : doc.toJS({ maxAliasCount: options.maxAliasCount ?? DEFAULT_MAX_ALIASES });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const tooMany = /Maximum call stack/.test(message) ? issue('depth', tooDeep, { max: String(maxDepth) }) : issue('alias', `too many YAML aliases: ${message}`, { max: String(options.maxAliasCount ?? DEFAULT_MAX_ALIASES) });
    return { value: undefined, errors: [tooMany], warnings };
  }
  // JSON.parse does not recurse, but everything after it (validation, positions, callers) may.
  if (nestingDepth(value, maxDepth) > maxDepth) return { value: undefined, errors: [issue('depth', tooDeep, { max: String(maxDepth) })], warnings };

  const validate = validatorFor(schema);
  if (validate(value)) return { value, errors: [], warnings };
  const errors = relevantErrors(validate.errors ?? []).map((e) => {
    const readable = readableError(e);
    const { line, column } = locate(doc, lines, readable.instancePath, readable.key);
    return {
      keyword: readable.keyword,
      instancePath: readable.instancePath,
      message: readable.message,
      file,
      line,
      column,
      ...(readable.suggestion !== undefined && { suggestion: readable.suggestion }),
      ...(readable.params !== undefined && { params: readable.params }),
    };
  });
  return { value, errors: capped(sortByPosition(dedupe(errors)), options.maxIssues ?? DEFAULT_MAX_ISSUES), warnings };
}

/**
 * {@link loadConfigText} on a file read by `readTextFile` (a regular UTF-8 file within the size
 * limit, inside `root` when given): a file that cannot be read is an issue too, not an exception.
 */
export async function loadConfigFile(
  path: string,
  schema: AnySchemaObject,
  options: LoadConfigFileOptions = {},
): Promise<LoadedConfig> {
  let text: string;
  try {
    text = await readTextFile(path, {
      maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
      ...(options.root !== undefined && { root: options.root }),
      ...(options.rootName !== undefined && { rootName: options.rootName }),
    });
  } catch (e) {
    return { value: undefined, errors: [readIssue(e, path)], warnings: [] };
  }
  return loadConfigText(text, path, schema, options);
}

/**
 * A file that could not be read as a config issue: keyword `read` (`size` when too large), at the
 * place the error names; `params.code` is its {@link FILE_ERROR} code, `params.name` the file as the message names it.
 */
export function readIssue(e: unknown, file: string): ConfigIssue {
  if (!isFitcheckError(e)) throw e;
  const tooLarge = e.code === FILE_ERROR.tooLarge;
  return {
    keyword: tooLarge ? 'size' : 'read',
    instancePath: '',
    message: e.message,
    file,
    line: e.place.line ?? 1,
    column: e.place.column ?? 1,
    params: { code: e.code, name: e.place.file ?? file },
  };
}

/** At most `max` issues, then one that counts the rest: 15,000 errors would bury the first and bloat every output. */
function capped(issues: ConfigIssue[], max: number): ConfigIssue[] {
  const rest = issues.slice(max);
  const [next] = rest;
  if (next === undefined) return issues;
  return [...issues.slice(0, max), {
    keyword: 'more', instancePath: next.instancePath, file: next.file, line: next.line, column: next.column,
    message: `and ${rest.length} more problems not listed here: fix these first`, params: { count: String(rest.length) },
  }];
}

function at(lines: LineCounter, offset: number): [number, number] {
  const { line, column } = linePos(lines, offset);
  return [line, column];
}

/**
 * JSON must parse as JSON (YAML would accept `{a: }`). V8 names the offset in most messages;
 * otherwise the YAML parser's first error, or the end of the text, is the best position.
 */
function jsonSyntaxError(
  text: string,
  doc: Document,
  lines: LineCounter,
): { message: string; line: number; column: number } | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const offset = /at position (\d+)/.exec(message)?.[1];
    const pos = offset !== undefined ? Number(offset) : (doc.errors[0]?.pos[0] ?? lastNonSpace(text));
    const [line, column] = at(lines, pos);
    return { message: `invalid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}`, line, column };
  }
}

function lastNonSpace(text: string): number {
  return Math.max(0, text.trimEnd().length - 1);
}

// allErrors can report one mistake twice through two schema branches.
function dedupe(issues: ConfigIssue[]): ConfigIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const k = `${i.line}:${i.column}:${i.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function sortByPosition(issues: ConfigIssue[]): ConfigIssue[] {
  return [...issues].sort((a, b) => a.line - b.line || a.column - b.column);
}
