import { describe, expect, it } from 'vitest';
import { inShard, parseShard } from './shard.js';

describe('parseShard', () => {
  it('reads I/N with 1 ≤ I ≤ N', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard('1/1')).toEqual({ index: 1, count: 1 });
  });

  it.each(['0/3', '4/3', '1/0', '2', 'a/b', '-1/3', '1/3/2'])('refuses %s', (text) => {
    expect(() => parseShard(text)).toThrow(expect.objectContaining({ code: 'INVALID_SHARD' }));
  });
});

describe('inShard', () => {
  it('puts every folder in exactly one shard', () => {
    const folders = Array.from({ length: 60 }, (_, i) => `student-${i}`);
    for (const count of [1, 2, 3, 7]) {
      const sizes = Array.from({ length: count }, (_, i) => folders.filter((f) => inShard(f, { index: i + 1, count })).length);
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(folders.length);
      for (const f of folders) {
        expect(Array.from({ length: count }, (_, i) => inShard(f, { index: i + 1, count })).filter(Boolean)).toHaveLength(1);
      }
    }
  });

  it('depends on the folder name alone (SHA-256, first 4 bytes big-endian, mod N)', () => {
    // python3: int.from_bytes(hashlib.sha256(b'ana').digest()[:4], 'big') % 3 → 1, i.e. shard 2/3
    for (const name of ['ana', 'bruno', 'carla', '../../x']) {
      expect(inShard(name, { index: 2, count: 3 })).toBe(true);
      expect(inShard(name, { index: 1, count: 3 })).toBe(false);
    }
  });
});
