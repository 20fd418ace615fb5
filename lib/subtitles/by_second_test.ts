/** linesBySecond: the line spoken during each second of the film. */
import assert from "node:assert/strict";
import { parseMinuteBody } from "@/lib/api/minute_input.ts";
import { LINE_MAX_CHARS } from "@/lib/recording.ts";
import { cutLine } from "./by_second.ts";
import { type Cue, linesBySecond, MAX_INDEXED_SECONDS, parseSubtitles } from "./mod.ts";

function cue(start: number, end: number, text: string): Cue {
  return { start, end, text };
}

Deno.test("entry N is second [N, N+1): entry 89 is the 90th second", () => {
  const lines = linesBySecond([cue(89.2, 90, "Ninety")]);
  assert.equal(lines.length, 90);
  assert.equal(lines[89], "Ninety");
  assert.equal(lines[88], null);
});

Deno.test("a cue counts for every second it overlaps, not one it only touches", () => {
  const lines = linesBySecond([cue(1.5, 3.2, "A"), cue(5, 7, "B")]);
  assert.deepEqual(lines, [null, "A", "A", "A", null, "B", "B"]);
});

Deno.test("overlapping cues are joined with ' / ' in start order; a cue's lines with a space", () => {
  const lines = linesBySecond([
    cue(2, 4, "Later\nstarting"),
    cue(1, 3, "Earlier"),
    cue(2.5, 2.9, "Earlier"), // the same words twice in one second are said once
  ]);
  assert.deepEqual(lines, [null, "Earlier", "Earlier / Later starting", "Later starting"]);
});

Deno.test("with a duration: that many entries, cues past it ignored or cut", () => {
  const cues = [cue(1, 3, "In"), cue(4.5, 8, "Cut"), cue(20, 21, "Past")];
  assert.deepEqual(linesBySecond(cues, 6), [null, "In", "In", null, "Cut", "Cut"]);
  assert.equal(
    linesBySecond(cues, 5.2).length,
    6,
    "a fractional duration has a last partial second",
  );
  assert.deepEqual(linesBySecond(cues, 0), []);
  assert.equal(linesBySecond([], 3).length, 3);
  assert.deepEqual(linesBySecond([], 3), [null, null, null]);
});

Deno.test("without a usable duration the length runs to the last cue's end", () => {
  const cues = [cue(1, 2, "A"), cue(3, 10.2, "B")];
  assert.equal(linesBySecond(cues).length, 11);
  assert.equal(linesBySecond([cue(1, 10, "A")]).length, 10);
  assert.equal(linesBySecond(cues, NaN).length, 11, "video.duration before metadata");
  assert.equal(linesBySecond(cues, Infinity).length, 11, "video.duration of a stream");
  assert.equal(linesBySecond(cues, -1).length, 11);
  assert.deepEqual(linesBySecond([]), []);
});

Deno.test("a broken duration (a video claiming years) is capped instead of exhausting memory", () => {
  const lines = linesBySecond([cue(1, 2, "A")], 1e12);
  assert.equal(lines.length, MAX_INDEXED_SECONDS);
  assert.equal(lines[1], "A");
});

Deno.test("zero-length cues count for their second; negative starts are cut at 0", () => {
  assert.deepEqual(linesBySecond([cue(2.5, 2.5, "Blink")]), [null, null, "Blink"]);
  assert.deepEqual(linesBySecond([cue(-3, 1.5, "Early")]), ["Early", "Early"]);
  // Wholly before the film, or ending exactly at 0: nothing is said during second 0.
  assert.deepEqual(linesBySecond([cue(-5, -3, "Before"), cue(-1, 0, "Up to 0")], 2), [null, null]);
  // A mistyped end before the start: the second it starts in.
  assert.deepEqual(linesBySecond([cue(3.2, 1, "Backwards")], 5), [
    null,
    null,
    null,
    "Backwards",
    null,
  ]);
});

Deno.test("cues without text, or with times that are not numbers, say nothing", () => {
  const lines = linesBySecond([cue(0, 2, ""), cue(NaN, 3, "x"), cue(1, Infinity, "y")], 3);
  assert.deepEqual(lines, [null, null, null]);
});

Deno.test("a 2-hour film's 1,500 overlapping cues index as the definition says", () => {
  const cues: Cue[] = [];
  for (let i = 0; i < 1500; i++) {
    const start = i * 4.8 + (i % 7) * 0.13;
    cues.push(
      cue(start, start + 2 + (i % 5) * 1.1, i % 10 === 0 ? `Line ${i}\nsecond` : `Line ${i}`),
    );
  }
  const lines = linesBySecond(cues, 7200);
  assert.equal(lines.length, 7200);
  // The definition, the slow way: each second, the cues overlapping [N, N+1) in start order.
  for (let second = 0; second < 7200; second++) {
    const said = cues
      .filter((c) => c.start < second + 1 && c.end > second)
      .map((c) => c.text.replace("\n", " "));
    assert.equal(lines[second], said.length ? said.join(" / ") : null, `second ${second}`);
  }
  assert.ok(lines.some((line) => line?.includes(" / ")), "some seconds have two cues");
});

Deno.test("parsed subtitles index by second end to end", () => {
  const cues = parseSubtitles(
    "1\r\n00:00:01,200 --> 00:00:02,500\r\n<i>Hello,</i>\r\nworld\r\n\r\n" +
      "2\r\n00:00:02,000 --> 00:00:03,000\r\n- Who?\r\n",
  );
  assert.deepEqual(linesBySecond(cues, 4), [null, "Hello, world", "Hello, world / - Who?", null]);
});

Deno.test("12 overlapping cues join into a line cut to the server's limit, not refused", () => {
  // Twelve cues of 98 or 99 characters on screen at second 5: joined with " / ", 1,211.
  const cues = Array.from({ length: 12 }, (_, k) => cue(5, 6, `Cue ${k}: ${"é".repeat(91)}`));
  const joined = cues.map((c) => c.text).join(" / ");
  assert.equal(Array.from(joined).length, 10 * 98 + 2 * 99 + 11 * 3);
  const [line] = linesBySecond(cues, 6).slice(5);
  assert.equal(Array.from(line!).length, LINE_MAX_CHARS, "at most the limit, in code points");
  assert.ok(line!.startsWith("Cue 0: é"), "the beginning is kept");
  assert.ok(line!.endsWith("…"), "the cut is shown");
  // The server's own check of a recorded second accepts it.
  const [second] = parseMinuteBody({
    seconds: [{ t: 5, face: false, emotion: null, probs: null, movement: 0, frames: 0, line }],
  }, { screeningId: "s", seq: 0, durationSec: 6 });
  assert.equal(second.line, line);
});

Deno.test("cutLine counts code points: astral characters are never split", () => {
  assert.equal(cutLine("abc", 3), "abc");
  assert.equal(cutLine("abcd", 3), "ab…");
  assert.equal(cutLine("😀😀😀", 3), "😀😀😀", "six UTF-16 units, three characters");
  assert.equal(cutLine("😀😀😀😀", 3), "😀😀…");
});
