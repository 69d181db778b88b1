/**
 * tf.data's in-memory `cache()`: the first complete pass reads upstream and records it; later
 * passes replay the record without touching upstream (no second decompression of a csv.gz).
 * A pass abandoned halfway records nothing, as in tf.data.
 */
export function cacheOp<T>(upstream: () => AsyncIterable<T>): () => AsyncIterable<T> {
  let cached: T[] | undefined;
  return () => (cached ? replay(cached) : record(upstream(), (items) => (cached = items)));
}

async function* replay<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

async function* record<T>(source: AsyncIterable<T>, done: (items: T[]) => void): AsyncGenerator<T> {
  const items: T[] = [];
  for await (const item of source) {
    items.push(item);
    yield item;
  }
  done(items);
}
