import { Crc32c } from '@aws-crypto/crc32c';

/** TFRecord's CRC mask constant (`kMaskDelta` in TensorFlow's `crc32c.h`). */
const MASK_DELTA = 0xa282ead8;

/**
 * TensorFlow's masked CRC32C, which keeps a CRC of data that itself holds CRCs from being trivial:
 * `mask(c) = ((c >>> 15) | (c << 17)) + 0xa282ead8  (mod 2³²)`.
 */
export function maskedCrc32c(bytes: Uint8Array): number {
  const crc = new Crc32c().update(bytes).digest() >>> 0;
  return ((((crc >>> 15) | (crc << 17)) >>> 0) + MASK_DELTA) >>> 0;
}

/**
 * One TFRecord: `uint64 length | uint32 masked_crc32c(length) | data | uint32 masked_crc32c(data)`,
 * all little-endian (TensorFlow's `record_writer.cc`).
 */
export function tfRecord(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length + 4);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(data.length), true);
  view.setUint32(8, maskedCrc32c(out.subarray(0, 8)), true);
  out.set(data, 12);
  view.setUint32(12 + data.length, maskedCrc32c(data), true);
  return out;
}
