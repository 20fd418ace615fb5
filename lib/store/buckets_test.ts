import assert from "node:assert/strict";
import { applyAudienceShare, audienceShare } from "@/lib/rating/mod.ts";
import { addToBucket, BUCKET_BYTES, bucketOf, decodeBucket, shareByBucket } from "./buckets.ts";
import { sampleMinutes, sampleSeconds } from "@/lib/demo/sample.ts";
import { packShare, ratingBin, unpackShare, viewingEffect } from "./viewing_effect.ts";
import type { AudienceSecond } from "@/lib/recording.ts";

/** Adds shares into encoded buckets the way the SQLite store does, and decodes them. */
function throughBuckets(shares: { share: AudienceSecond[]; sign: 1 | -1 }[]): AudienceSecond[] {
  const buckets = new Map<number, Uint8Array | null>();
  for (const { share, sign } of shares) {
    for (const [bucket, entries] of shareByBucket(share)) {
      buckets.set(bucket, addToBucket(buckets.get(bucket) ?? null, entries, sign));
    }
  }
  return [...buckets.entries()]
    .sort(([a], [b]) => a - b)
    .flatMap(([bucket, bytes]) => (bytes ? decodeBucket(bucket, bytes) : []));
}

Deno.test("buckets add and subtract shares exactly as the rating's reference does", () => {
  const a = audienceShare(sampleMinutes(1, 3).flat());
  const b = audienceShare([...sampleSeconds(2, 30, 90), ...sampleSeconds(3, 0, 40)]);
  const c = audienceShare(sampleSeconds(4, 100, 200));
  const added = throughBuckets([{ share: a, sign: 1 }, { share: b, sign: 1 }, {
    share: c,
    sign: 1,
  }]);
  const reference = applyAudienceShare(
    applyAudienceShare(applyAudienceShare([], a, 1), b, 1),
    c,
    1,
  );
  assert.deepEqual(added, reference);
  const removed = throughBuckets([
    { share: a, sign: 1 },
    { share: b, sign: 1 },
    { share: c, sign: 1 },
    { share: b, sign: -1 },
  ]);
  assert.deepEqual(removed, applyAudienceShare(applyAudienceShare([], a, 1), c, 1));
  assert.deepEqual(throughBuckets([{ share: a, sign: 1 }, { share: a, sign: -1 }]), []);
});

Deno.test("a bucket holds one playback minute; an emptied bucket is gone", () => {
  assert.equal(bucketOf(0), 0);
  assert.equal(bucketOf(59), 0);
  assert.equal(bucketOf(60), 1);
  const share = audienceShare(sampleSeconds(5, 50, 20));
  assert.deepEqual([...shareByBucket(share).keys()], [0, 1]);
  const bytes = addToBucket(null, shareByBucket(share).get(1)!, 1)!;
  assert.equal(bytes.byteLength, BUCKET_BYTES);
  assert.deepEqual(decodeBucket(1, bytes).map((s) => s.t), [
    60,
    61,
    62,
    63,
    64,
    65,
    66,
    67,
    68,
    69,
  ]);
  assert.equal(addToBucket(bytes, shareByBucket(share).get(1)!, -1), null);
  assert.throws(() => decodeBucket(0, new Uint8Array(8)), /has 8 bytes/);
});

Deno.test("a viewing's share packs into integers and unpacks exactly", () => {
  const minutes = sampleMinutes(6, 4).map((seconds, seq) => ({ seq, seconds }));
  const effect = viewingEffect(minutes, 240);
  const packed = packShare(effect.share);
  assert.ok([...packed.c, ...packed.m, ...packed.t, ...packed.label].every(Number.isInteger));
  assert.deepEqual(unpackShare(JSON.parse(JSON.stringify(packed))), effect.share);
  assert.throws(() => packShare([{ ...effect.share[0], viewers: 2 }]), /not one viewer's/);
  assert.throws(() => packShare([{ ...effect.share[0], movement: 0.1 }]), /not quantised/);
});

Deno.test("a viewing's effect on its film's stats", () => {
  const minutes = sampleMinutes(7, 4).map((seconds, seq) => ({ seq, seconds }));
  const whole = viewingEffect(minutes, 240);
  assert.equal(whole.stats!.viewings, 1);
  assert.equal(whole.stats!.finished, 1, "recorded the last minute");
  assert.equal(whole.stats!.watchSec, 240);
  assert.equal(whole.stats!.ratingTenths, Math.round(whole.summary.rating * 10));
  assert.equal(whole.stats!.ratingBin, ratingBin(whole.summary.rating));
  assert.equal(viewingEffect(minutes.slice(0, 2), 240).stats!.finished, 0);
  // Out of order minutes are read in seq order.
  assert.deepEqual(viewingEffect([...minutes].reverse(), 240).summary, whole.summary);
  const empty = viewingEffect([], 240);
  assert.equal(empty.stats, null);
  assert.deepEqual(empty.share, []);
});

Deno.test("ratings fall in ten 10-point bins; 100 counts in the last", () => {
  const bins = [0, 9.9, 10, 49.9, 50, 89.9, 90, 99.9, 100].map(ratingBin);
  assert.deepEqual(bins, [0, 0, 1, 4, 5, 8, 9, 9, 9]);
});
