import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseModelSpec } from '../spec/parse-model-spec.js';
import type { ModelSpec } from '../spec/types.js';
import { formatSummary, readableMemorySize, thousands } from './summary.js';

const fixture = (name: string): ModelSpec => {
  const file = new URL(`../../../../fixtures/models/${name}.yaml`, import.meta.url);
  return parseModelSpec(readFileSync(file, 'utf8'), `${name}.yaml`);
};

describe('formatSummary', () => {
  it('reproduces Keras 3 output at 76 columns (Colab, 80-column terminal)', () => {
    // keras.Sequential([Dense(2, input_shape=(3,), activation='relu'), Dense(1)]).summary()
    const spec: ModelSpec = { inputShape: [3], layers: [{ type: 'Dense', units: 2, activation: 'relu' }, { type: 'Dense', units: 1 }] };
    expect(formatSummary(spec, { lineLength: 76 })).toBe(
      [
        'Model: "sequential"',
        '┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓',
        '┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃',
        '┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩',
        '│ dense (Dense)                   │ (None, 2)              │             8 │',
        '├─────────────────────────────────┼────────────────────────┼───────────────┤',
        '│ dense_1 (Dense)                 │ (None, 1)              │             3 │',
        '└─────────────────────────────────┴────────────────────────┴───────────────┘',
        ' Total params: 11 (44.00 B)',
        ' Trainable params: 11 (44.00 B)',
        ' Non-trainable params: 0 (0.00 B)',
        '',
      ].join('\n'),
    );
  });

  it('reproduces Keras 3 rows at its default 88 columns', () => {
    const spec: ModelSpec = {
      inputShape: [6272],
      layers: [{ type: 'Dense', units: 64, activation: 'relu' }, { type: 'Dropout', rate: 0.5 }, { type: 'Dense', units: 10 }],
    };
    const lines = formatSummary(spec).split('\n');
    // Rows as printed by Keras 3 for Dense(64) → Dropout → Dense(10) after a (None, 6272) Flatten.
    expect(lines[1]).toBe('┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━┓');
    expect(lines[2]).toBe('┃ Layer (type)                         ┃ Output Shape                ┃         Param # ┃');
    expect(lines[4]).toBe('│ dense (Dense)                        │ (None, 64)                  │         401,472 │');
    expect(lines[6]).toBe('│ dropout (Dropout)                    │ (None, 64)                  │               0 │');
    expect(lines[8]).toBe('│ dense_1 (Dense)                      │ (None, 10)                  │             650 │');
    expect(lines[9]).toBe('└──────────────────────────────────────┴─────────────────────────────┴─────────────────┘');
    expect(lines.every((l) => l === '' || !l.startsWith('│') || [...l].length === 88)).toBe(true);
  });

  it('gives the Lab 5 totals and sizes', () => {
    expect(formatSummary(fixture('tiny'))).toContain(' Total params: 481 (1.88 KB)\n');
    expect(formatSummary(fixture('small'))).toContain(' Total params: 753 (2.94 KB)\n');
    const large = formatSummary(fixture('large'));
    expect(large).toContain('Model: "large"');
    expect(large).toContain(' Total params: 803,329 (3.06 MB)\n Trainable params: 803,329 (3.06 MB)\n Non-trainable params: 0 (0.00 B)\n');
    expect(formatSummary(fixture('cat-large'))).toContain('│ flatten (Flatten)                    │ (None, 12288)               │               0 │');
    expect(formatSummary(fixture('cat-large'))).toContain(' Total params: 15,733,761 (60.02 MB)');
  });

  it('wraps a cell wider than its column over several lines, as rich does', () => {
    const spec: ModelSpec = { inputShape: [4], layers: [{ type: 'Dense', units: 1, name: 'an_extraordinarily_long_layer_name' }] };
    const lines = formatSummary(spec, { lineLength: 76 }).split('\n');
    expect(lines[4]).toBe('│ an_extraordinarily_long_layer_n │ (None, 1)              │             5 │');
    expect(lines[5]).toBe('│ ame (Dense)                     │                        │               │');
  });
});

describe('summary number formats', () => {
  it('matches Python f"{n:,}" and Keras readable_memory_size', () => {
    expect(thousands(15733761)).toBe('15,733,761');
    expect(thousands(481)).toBe('481');
    expect(readableMemorySize(0)).toBe('0.00 B');
    expect(readableMemorySize(244)).toBe('244.00 B');
    expect(readableMemorySize(1024)).toBe('1.00 KB');
    // 1152 B = 1.125 KB exactly: Python's format rounds half to even → 1.12.
    expect(readableMemorySize(1152)).toBe('1.12 KB');
    expect(readableMemorySize(19015 * 4)).toBe('74.28 KB');
    expect(readableMemorySize(1850393 * 4)).toBe('7.06 MB');
  });
});
