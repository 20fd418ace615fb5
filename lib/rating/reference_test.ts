import assert from "node:assert/strict";
import {
  ANCHOR_RATING,
  placeAmong,
  placeInHistogram,
  ratingReference,
  summarizeViewing,
} from "./mod.ts";
import { viewing } from "@/lib/demo/hand_made.ts";
import { seededRandom } from "@/lib/random.ts";

Deno.test("the anchor is 65, what a whole viewing neutral and still scores", () => {
  assert.equal(ANCHOR_RATING, 65);
  assert.equal(summarizeViewing(viewing([{ emotion: "neutral", count: 600 }])).rating, 65);
});

Deno.test("70 among own ratings 60, 65, 70, 80: 2 below, 1 equal, 1 above → (2 + ½) / 4 = 63rd percentile", () => {
  assert.deepEqual(placeAmong(70, [60, 65, 70, 80]), { n: 4, below: 2, above: 1, percentile: 63 });
});

Deno.test("the lowest of five is the 10th percentile, the highest the 90th: ties count half", () => {
  const ratings = [50, 55, 60, 65, 70];
  assert.equal(placeAmong(50, ratings)!.percentile, 10); // (0 + ½) / 5
  assert.equal(placeAmong(70, ratings)!.percentile, 90); // (4 + ½) / 5
  assert.equal(placeAmong(60, ratings)!.percentile, 50); // the middle, whatever the length
  assert.equal(placeAmong(60, [60, 60, 60])!.percentile, 50);
});

Deno.test("a place needs two own ratings (or three in an audience); non-finite ratings are left out", () => {
  assert.equal(placeAmong(70, [70]), null);
  assert.equal(placeAmong(70, []), null);
  assert.deepEqual(placeAmong(70, [70, NaN, 60]), { n: 2, below: 1, above: 0, percentile: 75 });
  assert.equal(placeAmong(70, [70, 60], 3), null);
});

Deno.test("67.5 in a film's histogram [.., 1 in 50s, 4 in 60s, 3 in 70s, 2 in 80s]: (1 + 4 × 0.75) / 10 = 40th", () => {
  const histogram = [0, 0, 0, 0, 0, 1, 4, 3, 2, 0];
  // Below: the one rating in [50, 60); above: 3 + 2; in its own bin [60, 70) the four ratings
  // are taken as spread evenly, and 67.5 is three quarters of the way up.
  assert.deepEqual(placeInHistogram(67.5, histogram), {
    n: 10,
    below: 1,
    above: 5,
    percentile: 40,
  });
  assert.equal(placeInHistogram(60, histogram)!.percentile, 10); // the bottom of its bin
  assert.equal(placeInHistogram(100, histogram)!.percentile, 100); // 100 tops the last bin
});

Deno.test("an audience needs three ratings; a broken histogram counts nothing it cannot read", () => {
  assert.equal(placeInHistogram(70, [0, 0, 0, 0, 0, 0, 1, 1, 0, 0]), null);
  assert.equal(placeInHistogram(70, []), null);
  assert.deepEqual(
    placeInHistogram(75, [0, 0, 0, 0, 0, 0, -3, 2, NaN, 1]),
    { n: 3, below: 0, above: 1, percentile: 33 }, // 2 in its bin × 0.5 / 3
  );
});

Deno.test("property: the histogram place is within a bin of the exact place", () => {
  const random = seededRandom(21);
  for (let trial = 0; trial < 300; trial++) {
    const ratings = Array.from(
      { length: 3 + Math.floor(random() * 60) },
      () => Math.round(random() * 1000) / 10,
    );
    const histogram = new Array<number>(10).fill(0);
    for (const r of ratings) histogram[Math.min(9, Math.floor(r / 10))]++;
    const rating = ratings[Math.floor(random() * ratings.length)];
    const exact = placeAmong(rating, ratings, 3)!;
    const approximate = placeInHistogram(rating, histogram)!;
    const ownBin = histogram[Math.min(9, Math.floor(rating / 10))];
    assert.ok(
      Math.abs(exact.percentile - approximate.percentile) <=
        Math.ceil((100 * ownBin) / ratings.length),
      `${rating} in ${ratings}: ${exact.percentile} vs ${approximate.percentile}`,
    );
    assert.equal(approximate.n, exact.n);
  }
});

Deno.test("a rating's reference: anchor, interval, provisional flag and both places", () => {
  const summary = summarizeViewing(viewing([{ emotion: "happy", count: 200, movement: 0.1 }]));
  const reference = ratingReference(summary, {
    ownRatings: [65, 70, 80, 90],
    filmHistogram: [0, 0, 0, 0, 0, 0, 1, 1, 1, 0],
  });
  assert.deepEqual(reference, {
    rating: 80,
    anchor: { rating: 65, meaning: "watched attentively, face at rest" },
    interval: { low: 80, high: 80 },
    provisional: true, // 200 seconds with a face, under 300
    own: { n: 4, below: 2, above: 1, percentile: 63 },
    audience: { n: 3, below: 2, above: 0, percentile: 67 }, // (2 + 1 × 0) / 3
  });
});

Deno.test("a summary stored before intervals has no interval in its reference, and nothing to compare is null", () => {
  const { interval: _, ...old } = summarizeViewing(viewing([{ emotion: "sad", count: 400 }]));
  const reference = ratingReference(old);
  assert.equal(reference.interval, null);
  assert.equal(reference.provisional, false);
  assert.equal(reference.own, null);
  assert.equal(reference.audience, null);
});
