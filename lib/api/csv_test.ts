import assert from "node:assert/strict";
import { CSV_HEADER, csvField, secondsCsv } from "./csv.ts";
import { EXPRESSIONS } from "@/lib/recording.ts";

Deno.test("CSV fields are quoted only when RFC 4180 needs it, quotes doubled", () => {
  assert.equal(csvField("plain text"), "plain text");
  assert.equal(csvField("a, b"), '"a, b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField("two\nlines"), '"two\nlines"');
  assert.equal(csvField("cr\r"), '"cr\r"');
  assert.equal(csvField(null), "");
  assert.equal(csvField(0.25), "0.25");
  assert.equal(csvField(false), "false");
});

Deno.test("the CSV: a header, then one CRLF-terminated row per second in minute order", () => {
  const v1 = (t: number, line: string | null) => ({
    t,
    face: true,
    emotion: "fear" as const,
    probs: [0, 0, 1, 0, 0, 0, 0],
    movement: 0.5,
    frames: 12,
    line,
  });
  const v2 = {
    t: 61,
    state: "away" as const,
    emotion: null,
    probs: [0, 0, 0, 0.5, 0, 0, 0.5],
    raw: [0, 0, 0, 0.25, 0, 0, 0.75],
    movement: 0.125,
    attention: 0.25,
    yaw: -41.5,
    pitch: 3,
    quality: { faceSize: 96, score: 0.9, brightness: 101.5, contrast: 30 },
    frames: 8,
    line: null,
  };
  const csv = secondsCsv([
    { seq: 0, seconds: [v1(0, "Run, now"), v1(1, null)] },
    { seq: 1, seconds: [{ ...v1(60, null), face: false, emotion: null, probs: null }, v2] },
  ]);
  assert.deepEqual(CSV_HEADER.slice(5, 12), EXPRESSIONS.map((e) => `p_${e}`));
  assert.deepEqual(CSV_HEADER.slice(12, 19), EXPRESSIONS.map((e) => `raw_${e}`));
  const empty7 = ",,,,,,";
  assert.equal(
    csv,
    [
      CSV_HEADER.join(","),
      // Version 1: its state from `face`; no raw probabilities, attention, pose or quality.
      `0,0,1,watching,fear,0,0,1,0,0,0,0,${empty7},0.5,,,,,,,,12,"Run, now"`,
      `0,1,1,watching,fear,0,0,1,0,0,0,0,${empty7},0.5,,,,,,,,12,`,
      `1,60,1,absent,,${empty7},${empty7},0.5,,,,,,,,12,`,
      "1,61,2,away,,0,0,0,0.5,0,0,0.5,0,0,0,0.25,0,0,0.75,0.125,0.25,-41.5,3,96,0.9,101.5,30,8,",
      "",
    ].join("\r\n"),
  );
  assert.equal(secondsCsv([]), CSV_HEADER.join(",") + "\r\n");
});
