import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scalarLog, type History } from '@fitcheck/core';
import { describe, expect, it } from 'vitest';
import { createEventWriter } from './event-writer.js';
import { maskedCrc32c, tfRecord } from './tfrecord.js';
import { runFolderName, writeTensorboardLogs } from './write-histories.js';

const FIXTURE = fileURLToPath(new URL('../../../../fixtures/reports/histories.json', import.meta.url));
const READER = fileURLToPath(new URL('./test-helpers/read_events.py', import.meta.url));

interface ReadEvent { wall_time: number; step?: number; file_version?: string; values: { tag: string; simple_value: number }[] }

/** Reads an event file back with the independent Python reader (it exits non-zero on any CRC mismatch). */
function readEvents(file: string): ReadEvent[] {
  return JSON.parse(execFileSync('python3', [READER, file], { encoding: 'utf8' })) as ReadEvent[];
}

const only = (dir: string) => {
  const files = readdirSync(dir);
  expect(files).toHaveLength(1);
  expect(files[0]).toMatch(/^events\.out\.tfevents\.\d+\..+\.\d+\.\d+\.v2$/);
  return join(dir, files[0] as string);
};

describe('TFRecord framing', () => {
  it('masks CRC32C as TensorFlow does (crc32c("123456789") = 0xE3069283, the Castagnoli check value)', () => {
    const crc = 0xe3069283;
    const expected = ((((crc >>> 15) | (crc << 17)) >>> 0) + 0xa282ead8) >>> 0;
    expect(maskedCrc32c(new TextEncoder().encode('123456789'))).toBe(expected);
  });

  it('frames a record as length, masked CRC of the length, data, masked CRC of the data', () => {
    const record = tfRecord(new Uint8Array([1, 2, 3]));
    expect(record).toHaveLength(8 + 4 + 3 + 4);
    const view = new DataView(record.buffer);
    expect(view.getBigUint64(0, true)).toBe(3n);
    expect(view.getUint32(15, true)).toBe(maskedCrc32c(new Uint8Array([1, 2, 3])));
  });

  it('is rejected by the independent reader when one byte is flipped', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fitcheck-tb-'));
    const file = join(dir, 'bad');
    const record = tfRecord(new Uint8Array([8, 1]));
    record[12] = 9;
    writeFileSync(file, record);
    const result = spawnSync('python3', [READER, file], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('bad data CRC');
  });
});

describe('createEventWriter', () => {
  it('writes Keras-layout event files that an independent reader parses, CRCs checked, values exact as float32', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fitcheck-tb-'));
    const writer = createEventWriter(dir);
    writer.scalar('train', 'epoch_loss', 0.6931471805599453, 0);
    writer.scalar('train', 'epoch_loss', 0.5, 1);
    writer.scalar('validation', 'epoch_accuracy', 0.7, 1);
    await writer.flush?.();
    writer.scalar('train', 'epoch_loss', 0.25, 2);
    await writer.flush?.();

    const train = readEvents(only(join(dir, 'train')));
    expect(train[0]).toMatchObject({ file_version: 'brain.Event:2', values: [] });
    expect(train.slice(1).map((e) => [e.step ?? 0, e.values[0]?.tag, e.values[0]?.simple_value])).toEqual([
      [0, 'epoch_loss', Math.fround(0.6931471805599453)], [1, 'epoch_loss', 0.5], [2, 'epoch_loss', 0.25],
    ]);
    const validation = readEvents(only(join(dir, 'validation')));
    expect(validation).toHaveLength(2);
    expect(validation[1]?.values).toEqual([{ tag: 'epoch_accuracy', simple_value: Math.fround(0.7) }]);
    expect(validation[1]?.wall_time).toBeGreaterThan(1.7e9);
  });

  it("is the sink of core's scalarLog callback: one event per metric per epoch", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fitcheck-tb-'));
    const callback = scalarLog(createEventWriter(dir));
    const logs = { loss: 0.7, binary_crossentropy: 0.69, accuracy: 0.5, val_loss: 0.71, val_binary_crossentropy: 0.7, val_accuracy: 0.52 };
    await callback.onEpochEnd?.(0, logs, undefined as never);
    await callback.onTrainEnd?.(undefined as never);
    const tags = readEvents(only(join(dir, 'validation'))).slice(1).map((e) => e.values[0]?.tag);
    expect(tags).toEqual(['epoch_loss', 'epoch_binary_crossentropy', 'epoch_accuracy']);
  });
});

describe('writeTensorboardLogs', () => {
  it('round-trips a real history: OUT/<group>/<Run>/{train,validation}, every epoch and metric', async () => {
    const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { sizes: { name: string; history: History }[] };
    const out = mkdtempSync(join(tmpdir(), 'fitcheck-tb-'));
    const tiny = fixture.sizes[0];
    if (!tiny) throw new Error('fixture has no size runs');
    const dirs = await writeTensorboardLogs(out, { sizes: [tiny] });
    expect(dirs).toEqual([join(out, 'sizes', 'Tiny')]);
    const events = readEvents(only(join(out, 'sizes', 'Tiny', 'validation'))).slice(1);
    const n = tiny.history.epoch.length;
    expect(events).toHaveLength(3 * n);
    const bce = events.filter((e) => e.values[0]?.tag === 'epoch_binary_crossentropy');
    expect(bce.map((e) => e.step ?? 0)).toEqual(tiny.history.epoch);
    expect(bce.map((e) => e.values[0]?.simple_value)).toEqual(tiny.history.history.val_binary_crossentropy.map(Math.fround));
  });

  it('keeps student-chosen run names inside the log folder', () => {
    expect(runFolderName('../../etc/passwd')).toBe('__.._etc_passwd');
    expect(runFolderName('..')).toBe('_');
    expect(runFolderName('')).toBe('_');
    expect(runFolderName('Médio')).toBe('Médio');
    expect(runFolderName('<script>')).toBe('_script_');
  });
});
