import type { Example, LabeledArrays } from '../types.js';

/** Packs examples into one `[n, ...featureShape]` array pair (what `tf.data`'s `batch` does to tensors). */
export function stackExamples(examples: readonly Example[]): LabeledArrays {
  const first = examples[0];
  const featureShape = first ? [...first.featureShape] : [];
  const size = first ? first.x.length : 0;
  const x = new Float32Array(examples.length * size);
  const y = new Float32Array(examples.length);
  examples.forEach((e, i) => {
    x.set(e.x, i * size);
    y[i] = e.y;
  });
  return { x, y, shape: [examples.length, ...featureShape] };
}

/** One example per row of `data`; `x` is a view into `data.x` (no copy). */
export function* examplesOf(data: LabeledArrays): Generator<Example> {
  const featureShape = data.shape.slice(1);
  const size = featureShape.reduce((a, b) => a * b, 1);
  const n = data.shape[0] ?? 0;
  for (let i = 0; i < n; i++) yield { x: data.x.subarray(i * size, (i + 1) * size), y: data.y[i]!, featureShape };
}
