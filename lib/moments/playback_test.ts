import assert from "node:assert/strict";
import {
  nextSegmentIndex,
  playbackStep,
  previousSegmentIndex,
  type Segment,
  segmentIndexAt,
} from "./mod.ts";

const seg = (start: number, end: number): Segment => ({
  start,
  end,
  expression: "happy",
  confidence: 0.5,
});
const SEGMENTS = [seg(10, 20), seg(30, 35.5), seg(50, 60)];

Deno.test("segmentIndexAt: start inclusive, end exclusive", () => {
  const cases: [number, number][] = [
    [0, -1],
    [9.999, -1],
    [10, 0],
    [19.99, 0],
    [20, -1],
    [30, 1],
    [35.49, 1],
    [35.5, -1],
    [59.9, 2],
    [60, -1],
    [1e6, -1],
  ];
  for (const [time, index] of cases) assert.equal(segmentIndexAt(SEGMENTS, time), index, `${time}`);
  assert.equal(segmentIndexAt([], 5), -1);
});

Deno.test("nextSegmentIndex: the segment holding the time, or the next one", () => {
  assert.equal(nextSegmentIndex(SEGMENTS, 0), 0);
  assert.equal(nextSegmentIndex(SEGMENTS, 15), 0);
  assert.equal(nextSegmentIndex(SEGMENTS, 20), 1);
  assert.equal(nextSegmentIndex(SEGMENTS, 40), 2);
  assert.equal(nextSegmentIndex(SEGMENTS, 60), -1);
  assert.equal(nextSegmentIndex([], 0), -1);
});

Deno.test("playbackStep: play inside, jump to the next start outside, end after the last", () => {
  assert.deepEqual(playbackStep(SEGMENTS, 0), { kind: "seek", index: 0, to: 10 });
  assert.deepEqual(playbackStep(SEGMENTS, 12), { kind: "play", index: 0 });
  // At a segment's end the player jumps to the next one.
  assert.deepEqual(playbackStep(SEGMENTS, 20), { kind: "seek", index: 1, to: 30 });
  assert.deepEqual(playbackStep(SEGMENTS, 20.2), { kind: "seek", index: 1, to: 30 });
  assert.deepEqual(playbackStep(SEGMENTS, 36), { kind: "seek", index: 2, to: 50 });
  assert.deepEqual(playbackStep(SEGMENTS, 60), { kind: "end" });
  assert.deepEqual(playbackStep([], 3), { kind: "end" });
});

Deno.test("previousSegmentIndex: restart the current segment, or go to the one before", () => {
  assert.equal(previousSegmentIndex(SEGMENTS, 31), 0); // 1 s into segment 1
  assert.equal(previousSegmentIndex(SEGMENTS, 33), 1); // 3 s in: restart it
  assert.equal(previousSegmentIndex(SEGMENTS, 40), 1); // between: the one before
  assert.equal(previousSegmentIndex(SEGMENTS, 11), -1);
  assert.equal(previousSegmentIndex(SEGMENTS, 90), 2);
});
