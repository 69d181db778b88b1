import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, Node } from 'yaml';

export interface LineCol {
  line: number;
  column: number;
}

/** Splits a JSON pointer (`/layers/0/units`) into its unescaped segments. */
export function pointerSegments(instancePath: string): string[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * Where a JSON pointer lands in a parsed YAML/JSON document. With `key`, points at that key
 * of the object (for unknown keys); a path that does not exist falls back to its nearest
 * existing ancestor, so every issue gets a position.
 */
export function locate(doc: Document, lines: LineCounter, instancePath: string, key?: string): LineCol {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  const segments = pointerSegments(instancePath);
  if (key !== undefined) segments.push(key);
  for (const [i, segment] of segments.entries()) {
    const isLast = i === segments.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === segment);
      if (!pair) break;
      // An unknown key is best shown at the key itself, a bad value at the value.
      const target = isLast && key !== undefined ? pair.key : (pair.value ?? pair.key);
      offset = rangeStart(target) ?? offset;
      node = pair.value;
    } else if (isSeq(node)) {
      const item: unknown = node.items[Number(segment)];
      if (item === undefined) break;
      offset = rangeStart(item) ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return linePos(lines, offset);
}

/** 1-based line and column of a character offset. */
export function linePos(lines: LineCounter, offset: number): LineCol {
  const { line, col } = lines.linePos(offset);
  return { line, column: col };
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}

/** Where a JSON pointer lands in YAML/JSON text (1:1 when the text does not parse). */
export function pointerPosition(text: string, instancePath: string): LineCol {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  return locate(doc, lines, instancePath);
}
