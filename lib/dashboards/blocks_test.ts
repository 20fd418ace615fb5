import assert from "node:assert/strict";
import { audienceBlocks, blockSecFor, viewingBlocks, watchedRuns } from "./blocks.ts";
import { AUDIENCE_SERIES } from "./film_page.ts";
import { type AudienceSecond, EXPRESSIONS, type RecordedSecond } from "@/lib/recording.ts";
import type { PerSecondPoint } from "@/lib/rating/types.ts";

const second = (t: number, emotion: RecordedSecond["emotion"]): RecordedSecond => ({
  t,
  face: emotion !== null,
  emotion,
  probs: null,
  movement: 0,
  frames: 10,
  line: null,
});

Deno.test("blocks: 30 s up to 40 minutes, 60 s beyond", () => {
  assert.equal(blockSecFor(888), 30);
  assert.equal(blockSecFor(2400), 30);
  assert.equal(blockSecFor(6480), 60);
});

Deno.test("a viewing of 5:00 of a 14:48 film: the axis spans the film, the rest unwatched", () => {
  // 300 s watched from 0: 10 watched blocks of 30 s, then 20 unwatched (the last 18 s long).
  const seconds = Array.from({ length: 300 }, (_, t) => second(t, t < 30 ? "happy" : "neutral"));
  const perSecond: PerSecondPoint[] = seconds.map((s) => ({
    t: s.t,
    contribution: s.t < 30 ? 40 : 15,
    score: 65,
  }));
  const result = viewingBlocks(perSecond, seconds, 888);
  assert.equal(result.durationSec, 888);
  assert.equal(result.blocks.length, 30);
  assert.equal(result.watchedSec, 300);
  assert.deepEqual(result.blocks.at(-1), {
    start: 870,
    end: 888,
    weight: 0,
    viewers: 0,
    shares: AUDIENCE_SERIES.map(() => 0),
    engagement: null,
  });
  // The first block: all happy, 50 + 40 = 90; the second: neutral, 50 + 15 = 65.
  assert.equal(result.blocks[0].engagement, 90);
  assert.equal(result.blocks[0].shares[AUDIENCE_SERIES.indexOf("happy")], 1);
  assert.equal(result.blocks[1].engagement, 65);
  assert.deepEqual(watchedRuns(result.blocks), [[0, 9]]);
});

Deno.test("audience blocks weigh each second by its viewers; no face is its own band", () => {
  const counts = (happy: number, neutral: number) =>
    EXPRESSIONS.map((e) => (e === "happy" ? happy : e === "neutral" ? neutral : 0));
  const aggregate: AudienceSecond[] = [
    // Second 0: 2 viewers, one happy, one without a face; second 65: 1 neutral viewer.
    { t: 0, viewers: 2, faces: 1, counts: counts(1, 0), contribution: 60, movement: 0 },
    { t: 65, viewers: 1, faces: 1, counts: counts(0, 1), contribution: 15, movement: 0 },
  ];
  const result = audienceBlocks(aggregate, 3000);
  assert.equal(result.blockSec, 60);
  assert.equal(result.blocks.length, 50);
  const [first, second] = result.blocks;
  assert.equal(first.weight, 2);
  assert.equal(first.viewers, 2);
  assert.equal(first.engagement, 80); // 50 + 60 / 2
  assert.equal(first.shares[AUDIENCE_SERIES.indexOf("happy")], 0.5);
  assert.equal(first.shares[AUDIENCE_SERIES.indexOf("none")], 0.5);
  assert.equal(second.engagement, 65);
  assert.deepEqual(watchedRuns(result.blocks), [[0, 1]]);
  // Unknown length: the end of the last second.
  assert.equal(audienceBlocks(aggregate, 0).durationSec, 66);
});
