import assert from "node:assert/strict";
import { linesBySecond } from "./by_second.ts";
import { CUE_SEPARATOR, quoteCues } from "./quotes.ts";

Deno.test("two cues sharing a second are quoted once each, whole, in order", () => {
  // Cue A covers 0–2.5 s and cue B 2.2–5 s: second 2 holds both, "A / B".
  const lines = linesBySecond([
    { start: 0, end: 2.5, text: "Where were you?" },
    { start: 2.2, end: 5, text: "Out." },
  ]);
  assert.deepEqual(lines, [
    "Where were you?",
    "Where were you?",
    "Where were you? / Out.",
    "Out.",
    "Out.",
  ]);
  // Before: "Where were you?", "Where were you? / Out.", "Out." — the second line twice.
  assert.deepEqual(quoteCues(lines), ["Where were you?", "Out."]);
});

Deno.test("quotes skip silent seconds and repeat nothing said twice", () => {
  assert.deepEqual(quoteCues([null, "Hi.", "", null, "Hi.", "Bye. / Hi."]), ["Hi.", "Bye."]);
  assert.deepEqual(quoteCues([]), []);
  assert.equal(CUE_SEPARATOR, " / ");
});

Deno.test("a cue cut short in a crowded second gives way to the whole cue", () => {
  assert.deepEqual(
    quoteCues(["A long line that was cut…", "A long line that was cut short here."]),
    ["A long line that was cut short here."],
  );
  // Alone, the cut cue is all there is, so it stays.
  assert.deepEqual(quoteCues(["Only this, cut…"]), ["Only this, cut…"]);
});
