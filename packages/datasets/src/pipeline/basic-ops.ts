// take / skip / repeat / batch / map with tf.data's semantics, as lazy async generators.

export async function* takeGen<T>(source: AsyncIterable<T>, count: number): AsyncGenerator<T> {
  if (count <= 0) return;
  let n = 0;
  for await (const item of source) {
    yield item;
    // Return before pulling the next element, so that a stream stops reading right here.
    if (++n >= count) return;
  }
}

export async function* skipGen<T>(source: AsyncIterable<T>, count: number): AsyncGenerator<T> {
  let n = 0;
  for await (const item of source) {
    if (n++ < count) continue;
    yield item;
  }
}

/** `count` passes over a fresh upstream each (Infinity: forever). An empty upstream ends it. */
export async function* repeatGen<T>(open: () => AsyncIterable<T>, count: number): AsyncGenerator<T> {
  for (let pass = 0; pass < count; pass++) {
    let any = false;
    for await (const item of open()) {
      any = true;
      yield item;
    }
    if (!any) return;
  }
}

export async function* batchGen<T>(source: AsyncIterable<T>, size: number, dropRemainder: boolean): AsyncGenerator<T[]> {
  let batch: T[] = [];
  for await (const item of source) {
    batch.push(item);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0 && !dropRemainder) yield batch;
}

export async function* mapGen<T, U>(source: AsyncIterable<T>, fn: (item: T) => U): AsyncGenerator<U> {
  for await (const item of source) yield fn(item);
}
