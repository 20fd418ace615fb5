import assert from "node:assert/strict";
import { anchorWords, ordinal, placeWords, referenceWords } from "./reference_words.ts";
import { ANCHOR_MEANING, placeAmong, ratingReference } from "@/lib/rating/reference.ts";

const anchor = { rating: 65, meaning: ANCHOR_MEANING };

Deno.test("the anchor in words: how far above or below 65, and what 65 means", () => {
  assert.equal(anchorWords(70.6, anchor), "5.6 above 65 (watched attentively, face at rest)");
  assert.equal(anchorWords(61.9, anchor), "3.1 below 65 (watched attentively, face at rest)");
  assert.equal(anchorWords(65, anchor), "at 65: watched attentively, face at rest");
});

Deno.test("places in words: a percentile, or the highest and lowest said plainly", () => {
  // 70 among 60, 65, 70, 80: (2 + ½) / 4 → 63rd percentile.
  assert.equal(
    placeWords(placeAmong(70, [60, 65, 70, 80])!, "your"),
    "higher than 63% of your 4 viewings",
  );
  assert.equal(
    placeWords(placeAmong(80, [60, 65, 70, 80])!, "your"),
    "the highest of your 4 viewings",
  );
  assert.equal(
    placeWords(placeAmong(60, [60, 65, 70])!, "this film's"),
    "the lowest of this film's 3 viewings",
  );
});

Deno.test("a reference in words: interval, own place, audience place, provisional", () => {
  const reference = ratingReference(
    { rating: 70, faceSec: 120, interval: { low: 66.2, high: 73.9 } },
    { ownRatings: [60, 65, 70, 80], filmHistogram: [0, 0, 0, 0, 0, 1, 4, 3, 2, 0] },
  );
  const words = referenceWords(reference);
  assert.equal(words.interval, "90% interval 66.2–73.9");
  assert.equal(words.own, "higher than 63% of your 4 viewings");
  // 70 in the film's bins: 5 below (1 + 4), the 3 in [70, 80) spread evenly, 70 at their start.
  assert.equal(words.audience, "higher than 50% of this film's 10 viewings");
  assert.match(words.provisional!, /^Provisional/);
  // A long viewing alone: no place, not provisional, no interval when it has none.
  const alone = referenceWords(ratingReference({ rating: 65, faceSec: 900 }));
  assert.deepEqual([alone.own, alone.audience, alone.provisional, alone.interval], [
    null,
    null,
    null,
    null,
  ]);
});

Deno.test("percentiles as ordinals", () => {
  assert.deepEqual([1, 2, 3, 4, 11, 12, 13, 21, 63, 100].map(ordinal), [
    "1st",
    "2nd",
    "3rd",
    "4th",
    "11th",
    "12th",
    "13th",
    "21st",
    "63rd",
    "100th",
  ]);
});
