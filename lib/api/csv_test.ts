import assert from "node:assert/strict";
import { sampleSeconds } from "@/lib/demo/sample.ts";
import { CSV_HEADER, csvField, secondsCsv, secondsCsvPieces } from "./csv.ts";
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

Deno.test("the CSV: a header, then one CRLF-terminated row per second in minute order", async () => {
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
  const csv = await secondsCsv([
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
      `0,0,1,watching,fear,0,0,1,0,0,0,0,${empty7},0.5,,,,,,,,12,"Run, now",`,
      `0,1,1,watching,fear,0,0,1,0,0,0,0,${empty7},0.5,,,,,,,,12,,`,
      `1,60,1,absent,,${empty7},${empty7},0.5,,,,,,,,12,,`,
      "1,61,2,away,,0,0,0,0.5,0,0,0.5,0,0,0,0.25,0,0,0.75,0.125,0.25,-41.5,3,96,0.9,101.5,30,8,,",
      "",
    ].join("\r\n"),
  );
  assert.equal(await secondsCsv([]), CSV_HEADER.join(",") + "\r\n");
});

Deno.test("the viewer's verdict is the last column, the same on every row, empty without one", async () => {
  const minutes = [{ seq: 0, seconds: sampleSeconds(3, 0, 2) }];
  const rows = async (verdict: number | null) =>
    (await secondsCsv(minutes, { verdict })).trimEnd().split("\r\n").map((row) => row.split(","));
  assert.equal(CSV_HEADER.at(-1), "verdict");
  assert.deepEqual((await rows(7.5)).slice(1).map((row) => row.at(-1)), ["7.5", "7.5"]);
  assert.deepEqual((await rows(0)).slice(1).map((row) => row.at(-1)), ["0", "0"], "0 is a verdict");
  assert.deepEqual((await rows(null)).slice(1).map((row) => row.at(-1)), ["", ""]);
  assert.equal((await rows(7.5))[1].length, CSV_HEADER.length);
});

Deno.test("text a spreadsheet would run as a formula gets a leading quote; numbers stay numbers", async () => {
  for (const text of ["=1+1", "+31 6 1234", "-2", "@SUM(A1)", "\tx", "\rx"]) {
    const field = csvField(text);
    assert.ok(field.startsWith("'") || field.startsWith(`"'`), JSON.stringify(text));
  }
  assert.equal(csvField('=HYPERLINK("http://x","y")'), `"'=HYPERLINK(""http://x"",""y"")"`);
  assert.equal(csvField("\rx"), `"'\rx"`, "still quoted for the CR it holds");
  assert.equal(csvField("a = b"), "a = b", "only a leading character counts");
  assert.equal(csvField(-0.25), "-0.25", "a negative number is not text");
  assert.equal(csvField(-3), "-3");
  const csv = await secondsCsv([{
    seq: 0,
    seconds: [{
      t: 0,
      face: true,
      emotion: "happy",
      probs: [0, 0, 0, 1, 0, 0, 0],
      movement: -0.5,
      frames: 3,
      line: "-Run!",
    }],
  }]);
  assert.equal(
    csv.split("\r\n")[1],
    "0,0,1,watching,happy,0,0,0,1,0,0,0,,,,,,,,-0.5,,,,,,,,3,'-Run!,",
  );
});

Deno.test("the CSV in pieces is the header, then one piece per minute", async () => {
  const second = {
    t: 0,
    face: false,
    emotion: null,
    probs: null,
    movement: 0,
    frames: 0,
    line: null,
  };
  const minutes = [{ seq: 0, seconds: [second, { ...second, t: 1 }] }, {
    seq: 1,
    seconds: [{ ...second, t: 60 }],
  }];
  const pieces = await Array.fromAsync(secondsCsvPieces(minutes));
  assert.equal(pieces.length, 3);
  assert.equal(pieces[0], CSV_HEADER.join(",") + "\r\n");
  assert.equal(pieces[2], "1,60,1,absent,,,,,,,,,,,,,,,,0,,,,,,,,0,,\r\n");
  assert.equal(pieces.join(""), await secondsCsv(minutes));
});
