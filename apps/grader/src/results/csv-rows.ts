import { readIssue, readTextFile } from '@fitcheck/core';
import { CsvError, parse } from 'csv-parse/sync';
import { GraderError, type GraderErrorCode } from '../errors.js';
import { loadMessages } from '../messages/locale.js';
import { text, type Text } from '../messages/text.js';

const MAX_CSV_BYTES = 16 * 1024 * 1024;

/**
 * The rows of a TA's CSV (a roster, an overrides sheet) by lowercased header name, as a spreadsheet
 * exports it (BOM, blank lines, padded cells). A file that cannot be read is the read issue of any
 * config file; a CSV that does not parse is said by csv-parse's `code` where the locales name it
 * (else with the library's own words as a detail), at its line; both `code`, with `fix`.
 */
export async function readCsvRows(file: string, code: GraderErrorCode, fix: Text): Promise<Record<string, string>[]> {
  let source: string;
  try {
    source = await readTextFile(file, { maxBytes: MAX_CSV_BYTES });
  } catch (e) {
    throw new GraderError(code, [readIssue(e, file)], {}, fix);
  }
  try {
    return parse(source, { columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), skip_empty_lines: true, trim: true, bom: true }) as Record<string, string>[];
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    const line = (e as CsvError & { lines?: number }).lines;
    throw new GraderError(code, csvProblem(e), { file, ...(line !== undefined && { line }) }, fix);
  }
}

/** What is wrong with the CSV, by csv-parse's code (`CSV_QUOTE_NOT_CLOSED`…). */
function csvProblem(e: CsvError): Text {
  const key = `errBatch.csv.${e.code}`;
  if (e.code === 'CSV_RECORD_INCONSISTENT_COLUMNS') {
    const { record, columns } = e as CsvError & { record?: unknown; columns?: unknown };
    if (Array.isArray(record) && Array.isArray(columns)) return text(key, { got: record.length, columns: columns.length });
  } else if (loadMessages('en').has(key)) return text(key);
  // A code no locale names (one a later csv-parse adds): the library's own words, as a detail.
  return text('errBatch.csv.other', { detail: e.message });
}
