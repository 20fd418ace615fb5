import assert from "node:assert/strict";
import { FEATURES, isVerdict, roundVerdict, summarizeViewing, viewingFeatures } from "./mod.ts";
import { viewing, workedExample } from "@/lib/demo/hand_made.ts";

/** The 24-second viewing of docs/rating.md, "A worked example". */
const WORKED = summarizeViewing(workedExample());

Deno.test("the features of the worked example, one by one", () => {
  const features = Object.fromEntries(
    FEATURES.map((f, j) => [f.name, viewingFeatures(WORKED)[j]]),
  );
  assert.deepEqual(features, {
    rating: 57.9,
    happyShare: 0.4375, // 7 of the 16 seconds with a face
    surpriseShare: 0,
    fearShare: 0,
    sadShare: 0.1875, // 3 / 16
    angryShare: 0,
    disgustShare: 0,
    sustainedShare: 0.8125, // 13 sustained seconds / 16
    spikesPerHour: 225, // 1 spike in 16 seconds with a face: 3600 / 16
    distractedShare: 0.25, // 6 of the 24 recorded seconds
    peakScore: 57.9, // under a minute: its own peak
    endScore: 57.9, // and its own end
    favouriteStrength: 8, // 160 points over the 20 seconds [0, 20)
    switchesPerMinute: 7.5,
  });
});

Deno.test("a viewing without a face has zeros where a share needs a face, and no favourite is 0", () => {
  const summary = summarizeViewing(viewing([{ emotion: null, count: 30 }]));
  const features = viewingFeatures(summary);
  assert.equal(features.length, FEATURES.length);
  assert.ok(features.every(Number.isFinite));
  assert.equal(features[FEATURES.findIndex((f) => f.name === "distractedShare")], 1);
  assert.equal(features[FEATURES.findIndex((f) => f.name === "favouriteStrength")], 0);
});

Deno.test("a summary stored before peak and end scores uses its rating for both", () => {
  const { peakScore: _p, endScore: _e, ...old } = WORKED;
  const features = viewingFeatures({ ...old } as typeof WORKED);
  assert.equal(features[FEATURES.findIndex((f) => f.name === "peakScore")], 57.9);
  assert.equal(features[FEATURES.findIndex((f) => f.name === "endScore")], 57.9);
});

Deno.test("a verdict is 0 to 10 in half points; rounding clamps and takes the nearest half", () => {
  for (const good of [0, 0.5, 7, 9.5, 10]) assert.equal(isVerdict(good), true, `${good}`);
  for (const bad of [-0.5, 10.5, 7.3, NaN, Infinity, "7", null]) {
    assert.equal(isVerdict(bad), false, `${bad}`);
  }
  assert.equal(roundVerdict(7.26), 7.5);
  assert.equal(roundVerdict(7.24), 7);
  assert.equal(roundVerdict(12), 10);
  assert.equal(roundVerdict(-3), 0);
  assert.equal(roundVerdict(NaN), 0);
});
