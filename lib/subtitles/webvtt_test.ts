/** toWebVTT: valid WebVTT for the player's <track> (Chromium's acceptance is in tests/e2e). */
import assert from "node:assert/strict";
import { type Cue, parseSubtitles, toWebVTT } from "./mod.ts";

function cue(start: number, end: number, text: string): Cue {
  return { start, end, text };
}

Deno.test("a header, then each cue's timing line and text, separated by blank lines", () => {
  assert.equal(
    toWebVTT([cue(1.25, 3.8, "Hello\nworld"), cue(61, 3723.4, "Later")]),
    "WEBVTT\n\n00:00:01.250 --> 00:00:03.800\nHello\nworld\n\n" +
      "00:01:01.000 --> 01:02:03.400\nLater\n",
  );
  assert.equal(toWebVTT([]), "WEBVTT\n");
});

Deno.test("&, < and > are escaped, so text stays text and never holds '-->'", () => {
  const vtt = toWebVTT([cue(0, 1, "Tom & Jerry <i>not a tag</i> --> here")]);
  assert.match(vtt, /Tom &amp; Jerry &lt;i&gt;not a tag&lt;\/i&gt; --&gt; here/);
  assert.ok(!vtt.split("\n").slice(3).some((line) => line.includes("-->")));
});

Deno.test("blank lines inside a cue's text are dropped (they would end the cue)", () => {
  assert.equal(
    toWebVTT([cue(0, 1, "One\n\n  \nTwo\r\nThree")]),
    "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nOne\nTwo\nThree\n",
  );
});

Deno.test("cues come out in start order; ones a player cannot show are left out", () => {
  const vtt = toWebVTT([
    cue(5, 6, "Second"),
    cue(1, 2, "First"),
    cue(3, 3, "Zero length"),
    cue(4, 3, "Backwards"),
    cue(-1, 2, "Negative"),
    cue(NaN, 2, "Not a number"),
    cue(1, Infinity, "Endless"),
  ]);
  assert.equal(
    vtt,
    "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nFirst\n\n00:00:05.000 --> 00:00:06.000\nSecond\n",
  );
});

Deno.test("times are rounded to milliseconds; hours may exceed 99", () => {
  assert.match(toWebVTT([cue(0.0004, 0.0016, "x")]), /00:00:00.000 --> 00:00:00.002/);
  assert.match(toWebVTT([cue(360001.5, 360002, "x")]), /100:00:01.500 --> 100:00:02.000/);
});

Deno.test("parsing the WebVTT gives back the cues, special characters included", () => {
  const cues = [
    cue(1, 2.5, "Tom & Jerry"),
    cue(3, 4, "3 < 4 > 2\nand a --> arrow"),
    cue(3.5, 5, "&amp; stays literal"),
    cue(7200, 7201.125, "Two hours in"),
  ];
  assert.deepEqual(parseSubtitles(toWebVTT(cues)), cues);
});
