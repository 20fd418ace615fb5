import assert from "node:assert/strict";
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

Deno.test("text a spreadsheet would run as a formula gets a leading quote; numbers stay numbers", () => {
  for (const text of ["=1+1", "+31 6 1234", "-2", "@SUM(A1)", "\tx", "\rx"]) {
    const field = csvField(text);
    assert.ok(field.startsWith("'") || field.startsWith(`"'`), JSON.stringify(text));
  }
  assert.equal(csvField('=HYPERLINK("http://x","y")'), `"'=HYPERLINK(""http://x"",""y"")"`);
  assert.equal(csvField("\rx"), `"'\rx"`, "still quoted for the CR it holds");
  assert.equal(csvField("a = b"), "a = b", "only a leading character counts");
  assert.equal(csvField(-0.25), "-0.25", "a negative number is not text");
  assert.equal(csvField(-3), "-3");
  const csv = secondsCsv([{
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
  assert.equal(csv.split("\r\n")[1], "0,0,true,happy,0,0,0,1,0,0,0,-0.5,3,'-Run!");
});

Deno.test("the CSV in pieces is the header, then one piece per minute", () => {
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
  const pieces = [...secondsCsvPieces(minutes)];
  assert.equal(pieces.length, 3);
  assert.equal(pieces[0], CSV_HEADER.join(",") + "\r\n");
  assert.equal(pieces[2], "1,60,false,,,,,,,,,0,0,\r\n");
  assert.equal(pieces.join(""), secondsCsv(minutes));
});
