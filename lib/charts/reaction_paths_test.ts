import assert from "node:assert/strict";
import { engagementRange, reactionPaths } from "./reaction_paths.ts";
import type { ReactionBlock } from "@/lib/dashboards/blocks.ts";

const block = (k: number, engagement: number | null, happy = 0): ReactionBlock => ({
  start: k * 60,
  end: (k + 1) * 60,
  weight: engagement === null ? 0 : 60,
  viewers: engagement === null ? 0 : 1,
  shares: engagement === null ? [0, 0] : [happy, 1 - happy],
  engagement,
});

Deno.test("engagement axis: round tens that always hold 50 and 65", () => {
  assert.deepEqual(engagementRange([null, 66, 58]), { lo: 50, hi: 70 });
  assert.deepEqual(engagementRange([12.5, 91]), { lo: 10, hi: 100 });
  assert.deepEqual(engagementRange([]), { lo: 50, hi: 70 });
});

Deno.test("paths: the line breaks where nobody watched, which is shaded to the film's end", () => {
  // 10 minutes: watched 0–2 and 5, unwatched 3–4 and 6–9.
  const blocks = [
    block(0, 60, 0.5),
    block(1, 70, 0),
    block(2, 50, 1),
    block(3, null),
    block(4, null),
    block(5, 65),
    ...[6, 7, 8, 9].map((k) => block(k, null)),
  ];
  const paths = reactionPaths({ durationSec: 600, blockSec: 60, blocks, watchedSec: 240 });
  // Two sub-paths: the run 0–2 through block middles (30 s → x 50), the lone block 5 as a step.
  assert.equal(paths.line, "M50 50L150 0L250 100M500 25L600 25");
  assert.deepEqual(paths.unwatched, [[300, 200], [600, 400]]);
  // Band 0 (happy): half of block 0, none of block 1, all of block 2.
  assert.equal(
    paths.bands[0].split("Z")[0],
    "M0 50H100L100 100H200L200 0H300L300 100H200L200 100H100L100 100H0",
  );
  assert.equal(paths.bands.length, 2);
});
