import { describe, expect, it } from 'vitest';
import { loadConfigText } from './load-config.js';
import { nestingDepth } from './nesting-depth.js';

const anyObject = { type: 'object' } as const;
const nested = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('nestingDepth', () => {
  it('counts arrays and objects as JSON nests them', () => {
    expect(nestingDepth(7)).toBe(0);
    expect(nestingDepth(null)).toBe(0);
    expect(nestingDepth([])).toBe(1);
    expect(nestingDepth([[1], 2])).toBe(2);
    expect(nestingDepth({ a: { b: [1, { c: 'x' }] } })).toBe(4);
  });

  it('walks 100,000 levels without overflowing the stack, and stops early past a limit', () => {
    const deep: unknown = JSON.parse(nested(100_000));
    expect(nestingDepth(deep)).toBe(100_000);
    expect(nestingDepth(deep, 64)).toBe(65);
  });
});

describe('loadConfigText on deeply nested documents', () => {
  it.each([
    ['YAML flow sequences, 100,000 deep (the parser itself overflows)', 'x.yaml', `a: ${nested(100_000)}`],
    ['YAML flow sequences, 100 deep (parses, then refused)', 'x.yaml', `a: ${nested(100)}`],
    ['YAML block mappings, 1,000 deep', 'x.yaml', Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n')],
    ['JSON arrays, 100,000 deep', 'x.json', `{"a": ${nested(100_000)}}`],
  ])('%s: one clean "depth" issue', (_, file, text) => {
    const { value, errors } = loadConfigText(text, file, anyObject);
    expect(value).toBeUndefined();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ keyword: 'depth', message: 'the document nests more than 64 levels deep', file });
  });

  it('accepts nesting up to the limit, which a caller may change', () => {
    expect(loadConfigText(`a: ${nested(63)}`, 'x.yaml', anyObject).errors).toEqual([]);
    expect(loadConfigText(`a: ${nested(63)}`, 'x.yaml', anyObject, { maxDepth: 10 }).errors[0]?.message).toBe('the document nests more than 10 levels deep');
  });
});
