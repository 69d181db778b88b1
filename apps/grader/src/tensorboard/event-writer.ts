import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { ScalarWriter } from '@fitcheck/core';
import { fileVersionEvent, scalarEvent } from './event-proto.js';
import { tfRecord } from './tfrecord.js';

type RunFolder = 'train' | 'validation';

let fileCounter = 0;

/** Keras' event file name: `events.out.tfevents.<unix seconds>.<host>.<pid>.<n>.v2`. */
function eventFileName(): string {
  const seconds = Math.floor(Date.now() / 1000);
  return `events.out.tfevents.${seconds}.${hostname()}.${process.pid}.${fileCounter++}.v2`;
}

/**
 * A TensorBoard scalar writer in Keras' layout: `<dir>/train/events.out.tfevents.*` and
 * `<dir>/validation/…`. Scalars are buffered and appended on `flush()`; each run's file starts with the
 * `brain.Event:2` version record, as TensorFlow's writer does.
 */
export function createEventWriter(dir: string): ScalarWriter & { readonly files: ReadonlyMap<RunFolder, string> } {
  const files = new Map<RunFolder, string>();
  const pending = new Map<RunFolder, Uint8Array[]>();

  function fileFor(run: RunFolder): string {
    let file = files.get(run);
    if (!file) {
      const folder = join(dir, run);
      mkdirSync(folder, { recursive: true });
      file = join(folder, eventFileName());
      writeFileSync(file, tfRecord(fileVersionEvent(Date.now() / 1000)));
      files.set(run, file);
    }
    return file;
  }

  return {
    files,
    scalar(run, tag, value, step) {
      const records = pending.get(run) ?? [];
      records.push(tfRecord(scalarEvent(tag, value, step, Date.now() / 1000)));
      pending.set(run, records);
    },
    flush() {
      for (const [run, records] of pending) {
        if (records.length > 0) appendFileSync(fileFor(run), Buffer.concat(records));
      }
      pending.clear();
    },
  };
}
