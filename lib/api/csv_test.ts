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
  const second = (t: number, line: string | null) => ({
    t,
    face: true,
    emotion: "fear" as const,
    probs: [0, 0, 1, 0, 0, 0, 0],
    movement: 0.5,
    frames: 12,
    line,
  });
  const csv = secondsCsv([
    { seq: 0, seconds: [second(0, "Run, now"), second(1, null)] },
    { seq: 1, seconds: [{ ...second(60, null), face: false, emotion: null, probs: null }] },
  ]);
  assert.deepEqual(CSV_HEADER.slice(4, 11), EXPRESSIONS.map((e) => `p_${e}`));
  assert.equal(
    csv,
    [
      CSV_HEADER.join(","),
      '0,0,true,fear,0,0,1,0,0,0,0,0.5,12,"Run, now"',
      "0,1,true,fear,0,0,1,0,0,0,0,0.5,12,",
      "1,60,false,,,,,,,,,0.5,12,",
      "",
    ].join("\r\n"),
  );
  assert.equal(secondsCsv([]), CSV_HEADER.join(",") + "\r\n");
});
