import type { Sentence } from '@fitcheck/core/errors';
import { DataError, type DataErrorCode } from '../error-codes.js';
import { parseDecimal } from './parse-number.js';

/** HIGGS layout: column 1 is the label, columns 2–29 the 28 features; no header. */
export const HIGGS_FEATURES = 28;
const FIELDS = HIGGS_FEATURES + 1;
const NEWLINE = 10;
const COMMA = 44;
const CR = 13;

/** A block of consecutive HIGGS rows packed for speed (the notebook packs 10,000 at a time). */
export interface HiggsBatch {
  /** Features, row-major `[rows × 28]`. */
  x: Float32Array;
  /** Labels, 0 or 1. */
  y: Float32Array;
  rows: number;
  /** 1-based file row of the first row in this batch. */
  firstRow: number;
}

export interface HiggsParserOptions {
  file: string;
  /** Rows to pass over without parsing. */
  skip: number;
  /** Rows to parse after the skipped ones (Infinity: to the end). */
  take: number;
  batchRows: number;
}

/**
 * Turns the bytes of a HIGGS CSV, fed in arbitrary chunks, into batches. Skipped rows are only
 * scanned for their newline; every parsed field is checked, so bad input stops with the row
 * and column instead of yielding a shorter or shifted dataset.
 */
export class HiggsCsvParser {
  /** Rows seen so far, skipped ones included (= file row of the last complete line). */
  row = 0;
  private taken = 0;
  private carry: Buffer | undefined;
  private x: Float32Array;
  private y: Float32Array;
  private filled = 0;
  private batchStart = 0;

  constructor(private readonly options: HiggsParserOptions) {
    const size = Math.max(1, Math.min(options.batchRows, options.take));
    this.x = new Float32Array(size * HIGGS_FEATURES);
    this.y = new Float32Array(size);
  }

  /** True once `take` rows are parsed: the caller stops reading the file. */
  get done(): boolean {
    return this.taken >= this.options.take;
  }

  /** Rows parsed (not skipped) so far. */
  get rowsTaken(): number {
    return this.taken;
  }

  /** Feeds one chunk; returns the batches it completed. */
  push(chunk: Buffer): HiggsBatch[] {
    const out: HiggsBatch[] = [];
    const buf = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    this.carry = undefined;
    let start = 0;
    while (!this.done) {
      const nl = buf.indexOf(NEWLINE, start);
      if (nl < 0) break;
      this.line(buf, start, nl, false, out);
      start = nl + 1;
    }
    if (!this.done && start < buf.length) this.carry = Buffer.from(buf.subarray(start));
    return out;
  }

  /** Ends the input: parses a last line without newline and flushes the partial batch. */
  finish(): HiggsBatch[] {
    const out: HiggsBatch[] = [];
    if (!this.done && this.carry && this.carry.length > 0) this.line(this.carry, 0, this.carry.length, true, out);
    this.carry = undefined;
    this.flush(out);
    return out;
  }

  private line(buf: Buffer, start: number, end: number, last: boolean, out: HiggsBatch[]): void {
    if (end > start && buf[end - 1] === CR) end--;
    // A file may end with blank lines (a trailing newline); a blank line elsewhere is a short row.
    if (end === start && last) return;
    this.row++;
    if (this.row <= this.options.skip) return;
    if (this.filled === 0) this.batchStart = this.row;
    this.parseRow(buf, start, end);
    this.filled++;
    this.taken++;
    if (this.filled === this.y.length || this.done) this.flush(out);
  }

  private parseRow(buf: Buffer, start: number, end: number): void {
    const base = this.filled * HIGGS_FEATURES;
    let field = 0;
    let a = start;
    for (;;) {
      let b = buf.indexOf(COMMA, a);
      if (b < 0 || b > end) b = end;
      if (field >= FIELDS) this.fail('DATA_LONG_ROW', field + 1, `expected ${FIELDS} columns, found more`, { key: 'errCore.data.longRow', params: { fields: String(FIELDS) } });
      const v = parseDecimal(buf, a, b);
      if (Number.isNaN(v)) {
        const text = buf.toString('latin1', a, b);
        const what = field === 0 ? 'the label' : `feature ${field} of ${HIGGS_FEATURES}`;
        const whatWords = field === 0 ? { key: 'errCore.data.theLabel' } : { key: 'errCore.data.feature', params: { field: String(field), of: String(HIGGS_FEATURES) } };
        this.fail('DATA_NOT_NUMERIC', field + 1, `expected a number (${what}), found ${JSON.stringify(text)}`, {
          key: 'errCore.data.notNumeric', params: { what: whatWords, found: JSON.stringify(text) },
        });
      }
      if (field === 0) {
        if (v !== 0 && v !== 1) this.fail('DATA_BAD_LABEL', 1, `expected the label 0 or 1, found ${v}`, { key: 'errCore.data.badLabel', params: { value: String(v) } });
        this.y[this.filled] = v;
      } else {
        this.x[base + field - 1] = v;
      }
      field++;
      if (b === end) break;
      a = b + 1;
    }
    if (field < FIELDS) {
      this.fail('DATA_SHORT_ROW', field + 1, `expected ${FIELDS} columns (label + ${HIGGS_FEATURES} features), found ${field}`, {
        key: 'errCore.data.shortRow', params: { fields: String(FIELDS), features: String(HIGGS_FEATURES), found: String(field) },
      });
    }
  }

  private flush(out: HiggsBatch[]): void {
    if (this.filled === 0) return;
    const rows = this.filled;
    const full = rows === this.y.length;
    // A full batch hands its arrays over (no copy) and the parser starts fresh ones.
    out.push({
      x: full ? this.x : this.x.slice(0, rows * HIGGS_FEATURES),
      y: full ? this.y : this.y.slice(0, rows),
      rows,
      firstRow: this.batchStart,
    });
    if (full && !this.done) {
      this.x = new Float32Array(this.x.length);
      this.y = new Float32Array(this.y.length);
    }
    this.filled = 0;
  }

  /** `words`: `message` as a sentence of the grader's locales. */
  private fail(code: DataErrorCode, column: number, message: string, words: Sentence): never {
    throw new DataError(code, `column ${column}: ${message}`, { file: this.options.file, row: this.row, column }, 'fix or re-create the data file', {
      message: { key: 'errCore.data.atColumn', params: { column: String(column), said: words } },
      hint: { key: 'errCore.data.recreateFix' },
    });
  }
}
