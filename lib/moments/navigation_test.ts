import assert from "node:assert/strict";
import {
  keepInMoments,
  msToMomentEnd,
  navigate,
  type NavigationKey,
  playFrom,
  type Playhead,
} from "./navigation.ts";
import type { Segment } from "./types.ts";

const seg = (start: number, end: number): Segment => ({
  start,
  end,
  expression: "happy",
  confidence: 0.5,
});
/** Three moments in a 100 s film: 10–20, 30–35.5, 50–60. */
const SEGMENTS = [seg(10, 20), seg(30, 35.5), seg(50, 60)];
const at = (time: number, onlyMoments = true): Playhead => ({
  time,
  segments: SEGMENTS,
  onlyMoments,
  durationSec: 100,
});
const go = (key: NavigationKey, time: number, onlyMoments = true) =>
  navigate(key, at(time, onlyMoments));

Deno.test("navigate: first and last go to the first and last moment, or the film's ends", () => {
  assert.equal(go("first", 40), 10);
  assert.equal(go("last", 5), 50);
  assert.equal(go("first", 40, false), 0);
  assert.equal(go("last", 5, false), 100);
  const none = { ...at(40), segments: [] };
  assert.equal(navigate("first", none), 0);
  assert.equal(navigate("last", none), 100);
});

Deno.test("navigate: next is the next moment's start; previous restarts after 2 s", () => {
  assert.equal(go("next", 12), 30, "inside the first: the second");
  assert.equal(go("next", 25), 30, "between: the one after");
  assert.equal(go("next", 55), null, "after the last: nowhere");
  assert.equal(go("previous", 33), 30, "3 s into the second: its start");
  assert.equal(go("previous", 31), 10, "1 s into it: the one before");
  assert.equal(go("previous", 25), 10);
  assert.equal(go("previous", 5), 10, "before any: the first");
  assert.equal(navigate("next", { ...at(5), segments: [] }), null);
});

Deno.test("navigate: arrows move 5 s; back out of a moment lands in the last 5 s of the one before", () => {
  assert.equal(go("forward", 12), 17);
  assert.equal(go("forward", 98), 100, "clamped to the film");
  assert.equal(go("back", 17), 12, "inside the same moment");
  // 31 − 5 = 26 is between moments: the last 5 s of 10–20, i.e. 15, not forward to 30.
  assert.equal(go("back", 31), 15);
  assert.equal(go("back", 52), 30.5, "52 − 5 = 47 is between: 35.5 − 5 s, in 30–35.5");
  assert.equal(go("back", 12), 10, "before the first: the first's start");
  assert.equal(go("back", 31, false), 26, "the whole film: just 5 s back");
  assert.equal(go("back", 2, false), 0);
});

Deno.test("keepInMoments: play inside, jump to the next, stop after the last", () => {
  assert.deepEqual(keepInMoments(at(12)), { kind: "none" });
  assert.deepEqual(keepInMoments(at(20)), { kind: "seek", to: 30 }, "a moment's end is outside");
  assert.deepEqual(keepInMoments(at(0)), { kind: "seek", to: 10 });
  assert.deepEqual(keepInMoments(at(60)), { kind: "stop", at: null });
  assert.deepEqual(keepInMoments(at(70)), { kind: "stop", at: 60 }, "past the end: back to it");
  assert.deepEqual(keepInMoments(at(25, false)), { kind: "none" }, "the whole film plays");
});

Deno.test("playFrom: play after the last moment starts the first again", () => {
  assert.equal(playFrom(at(70)), 10);
  assert.equal(playFrom(at(25)), null, "before a moment: the player jumps there itself");
  assert.equal(playFrom(at(70, false)), null);
  assert.equal(playFrom({ ...at(5), segments: [] }), "none");
});

Deno.test("msToMomentEnd: the time left in the moment, at the playback rate", () => {
  assert.equal(msToMomentEnd(SEGMENTS, 19.5, 1), 500);
  assert.equal(msToMomentEnd(SEGMENTS, 19.5, 4), 125);
  assert.equal(msToMomentEnd(SEGMENTS, 25, 1), null);
});
