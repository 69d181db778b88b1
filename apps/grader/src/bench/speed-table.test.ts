import { describe, expect, it } from 'vitest';
import { speedTable } from './speed-table.js';

describe('speedTable', () => {
  it('prints one markdown row per case, with PyTorch\'s figures and both ratios where paired', () => {
    const table = speedTable([
      { name: 'higgs-large-epoch', median: 0.712, min: 0.68, max: 0.9, cpu: 1.31, load: 2.04, target: '≤ 1.3 × PyTorch: MISSED',
        torch: { median: 0.377, cpu: 0.376, ratio: 1.89, pairs: [1.5, 2.14], cpuRatio: 3.48 } },
      { name: 'ci-reference', median: 131.4, min: 131.4, max: 131.4, load: 11.5, target: '≤ 150 s: met' },
    ]).split('\n');
    expect(table).toHaveLength(4);
    expect(table[2]).toBe('| `higgs-large-epoch` | 0.712 s (0.680–0.900) | 1.31 s | 0.377 s, 0.376 s | 1.89 (1.50–2.14) | 3.48 | ≤ 1.3 × PyTorch: MISSED | 2.0 |');
    expect(table[3]).toBe('| `ci-reference` | 131 s (131–131) | — | — | — | — | ≤ 150 s: met | 11.5 |');
  });
});

