import assert from "node:assert/strict";
import { ratingReference } from "@/lib/rating/reference.ts";
import { provisionalNote, referenceLines } from "./reference_text.ts";

Deno.test("a reference in words: the anchor, the interval, the place among own viewings", () => {
  const reference = ratingReference(
    { rating: 70, faceSec: 600, interval: { low: 66.2, high: 73.9 } },
    { ownRatings: [70, 60, 65, 80] },
  );
  assert.deepEqual(referenceLines(reference), [
    "65 means watched attentively, face at rest.",
    "Probably between 66.2 and 73.9 (90 % interval).",
    // 60 and 65 are lower; ties count half: 100 × (2 + 1/2) / 4 = 62.5 → 63.
    "Higher than 2 of your 3 other viewings (percentile 63).",
  ]);
  assert.equal(provisionalNote(reference), null);
});

Deno.test("a first viewing of under 5 minutes is provisional and has no place yet", () => {
  const reference = ratingReference({ rating: 58, faceSec: 299 }, { ownRatings: [58] });
  assert.deepEqual(referenceLines(reference), ["65 means watched attentively, face at rest."]);
  assert.match(provisionalNote(reference)!, /^Provisional: fewer than 5 minutes/);
});
