/**
 * The film's per-second audience aggregate in per-minute buckets: one row (SQLite) or document
 * (MongoDB) per minute of playback time, so a 2-hour film reads as 120 buckets. A bucket keeps,
 * for each of its 60 seconds, the sums of `AudienceSecond`'s fields; a second with no viewers
 * is absent from the aggregate. Pure functions, shared by the adapters.
 */
import { type AudienceSecond, EXPRESSIONS } from "@/lib/recording.ts";

export const BUCKET_SEC = 60;
/** Per second: viewers, faces, the seven counts, contribution, movement. */
export const BUCKET_FIELDS = 4 + EXPRESSIONS.length;
const CONTRIBUTION = 2 + EXPRESSIONS.length;
const MOVEMENT = CONTRIBUTION + 1;
/** Bytes of an encoded bucket: float64, little-endian, second-major. */
export const BUCKET_BYTES = BUCKET_SEC * BUCKET_FIELDS * 8;

/** The bucket (minute of playback) a playback second falls in. */
export function bucketOf(t: number): number {
  return Math.floor(t / BUCKET_SEC);
}

/** A share's entries grouped by bucket, in ascending order of bucket. */
export function shareByBucket(
  share: readonly AudienceSecond[],
): Map<number, AudienceSecond[]> {
  const groups = new Map<number, AudienceSecond[]>();
  for (const s of [...share].sort((a, b) => a.t - b.t)) {
    const bucket = bucketOf(s.t);
    const group = groups.get(bucket);
    if (group) group.push(s);
    else groups.set(bucket, [s]);
  }
  return groups;
}

/** The fields of one second in bucket order. */
export function secondFields(s: AudienceSecond): number[] {
  return [s.viewers, s.faces, ...s.counts, s.contribution, s.movement];
}

function secondOf(t: number, fields: ArrayLike<number>): AudienceSecond {
  const counts = new Array<number>(EXPRESSIONS.length);
  for (let k = 0; k < counts.length; k++) counts[k] = fields[2 + k];
  return {
    t,
    viewers: fields[0],
    faces: fields[1],
    counts,
    contribution: fields[CONTRIBUTION],
    movement: fields[MOVEMENT],
  };
}

/** Decodes an encoded bucket into its seconds that have viewers, by `t`. */
export function decodeBucket(bucket: number, bytes: Uint8Array): AudienceSecond[] {
  if (bytes.byteLength !== BUCKET_BYTES) {
    throw new Error(`audience bucket ${bucket} has ${bytes.byteLength} bytes, not ${BUCKET_BYTES}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const seconds: AudienceSecond[] = [];
  const fields = new Array<number>(BUCKET_FIELDS);
  for (let i = 0; i < BUCKET_SEC; i++) {
    const base = i * BUCKET_FIELDS * 8;
    if (view.getFloat64(base, true) <= 0) continue;
    for (let f = 0; f < BUCKET_FIELDS; f++) fields[f] = view.getFloat64(base + f * 8, true);
    seconds.push(secondOf(bucket * BUCKET_SEC + i, fields));
  }
  return seconds;
}

/**
 * The sums one bucket's entries add, laid out as an encoded bucket (second-major, BUCKET_FIELDS
 * per second): computed once, outside any transaction, then added with `addDelta`.
 */
export function bucketDelta(entries: readonly AudienceSecond[]): Float64Array {
  const delta = new Float64Array(BUCKET_SEC * BUCKET_FIELDS);
  for (const s of entries) {
    const base = (s.t % BUCKET_SEC) * BUCKET_FIELDS;
    secondFields(s).forEach((value, f) => delta[base + f] += value);
  }
  return delta;
}

/** A share as the deltas of its buckets, in ascending order of bucket. */
export function shareDeltas(share: readonly AudienceSecond[]): [number, Float64Array][] {
  return [...shareByBucket(share)].map(([bucket, entries]) => [bucket, bucketDelta(entries)]);
}

/**
 * Adds (`sign` 1) or subtracts (-1) a bucket's delta to its encoding (null for an empty
 * bucket). Returns the new encoding, or null when no second has viewers left.
 */
export function addDelta(
  bytes: Uint8Array | null,
  delta: Float64Array,
  sign: 1 | -1,
): Uint8Array | null {
  const out = new Uint8Array(BUCKET_BYTES);
  if (bytes) out.set(bytes);
  const view = new DataView(out.buffer);
  for (let k = 0; k < delta.length; k++) {
    if (delta[k] === 0) continue;
    view.setFloat64(k * 8, view.getFloat64(k * 8, true) + sign * delta[k], true);
  }
  let watched = false;
  for (let i = 0; i < BUCKET_SEC; i++) {
    const base = i * BUCKET_FIELDS * 8;
    // A second nobody is left to have watched is cleared to exact zeros.
    if (view.getFloat64(base, true) <= 0) out.fill(0, base, base + BUCKET_FIELDS * 8);
    else watched = true;
  }
  return watched ? out : null;
}

/**
 * Adds (`sign` 1) or subtracts (-1) a share's entries of one bucket to its encoding (null for
 * an empty bucket). Returns the new encoding, or null when no second has viewers left.
 */
export function addToBucket(
  bytes: Uint8Array | null,
  entries: readonly AudienceSecond[],
  sign: 1 | -1,
): Uint8Array | null {
  return addDelta(bytes, bucketDelta(entries), sign);
}
