import assert from "node:assert/strict";
import { POSTER_SERIES, posterOf } from "./poster.ts";
import { AUDIENCE_SERIES } from "./film_page.ts";
import type { ReactionBlock } from "./blocks.ts";

Deno.test("a poster: the reactions' shares per column, nothing where nobody watched", () => {
  const shares = (happy: number, neutral: number) =>
    AUDIENCE_SERIES.map((s) => (s === "happy" ? happy : s === "neutral" ? neutral : 0));
  const blocks: ReactionBlock[] = [
    { start: 0, end: 60, weight: 60, viewers: 1, shares: shares(0.5, 0.5), engagement: 70 },
    { start: 60, end: 120, weight: 20, viewers: 1, shares: shares(1, 0), engagement: 90 },
    { start: 120, end: 180, weight: 0, viewers: 0, shares: shares(0, 0), engagement: null },
  ];
  const poster = posterOf({ durationSec: 180, blockSec: 60, blocks, watchedSec: 80 }, 3);
  assert.deepEqual(POSTER_SERIES, ["happy", "surprise", "fear", "sad", "angry", "disgust"]);
  assert.deepEqual(poster.columns, [[0.5, 0, 0, 0, 0, 0], [1, 0, 0, 0, 0, 0], null]);
  // Two blocks in one column weigh by their seconds: (30 + 20) / 80.
  const one = posterOf({ durationSec: 180, blockSec: 60, blocks, watchedSec: 80 }, 1);
  assert.deepEqual(one.columns, [[0.625, 0, 0, 0, 0, 0]]);
});
