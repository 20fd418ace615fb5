import assert from "node:assert/strict";
import { summariseCapture } from "./capture.ts";

Deno.test("the captured mood is the most frequent expression among frames with a face", () => {
  const result = summariseCapture(["happy", "happy", null, "neutral", "happy", "sad", null]);
  assert.deepEqual(result, { ok: true, label: "happy", share: 0.6, frames: 7, faceFrames: 5 });
  // A tie goes to the label listed first (EXPRESSIONS order).
  const tie = summariseCapture(["sad", "happy", "sad", "happy"]);
  assert.equal(tie.ok && tie.label, "happy");
});

Deno.test("too few frames with a face is a failure with advice, not a guess", () => {
  const none = summariseCapture([null, null, null, null, null, null]);
  assert.equal(none.ok, false);
  assert.match((none as { message: string }).message, /^No face was seen clearly enough/);
  const few = summariseCapture(["happy", "happy", null, null, null, null, null, null, null, null]);
  assert.equal(few.ok, false, "2 face frames are too few");
  const sparse = summariseCapture([...Array(3).fill("sad"), ...Array(10).fill(null)]);
  assert.equal(sparse.ok, false, "3 of 13 is under 30%");
  const enough = summariseCapture([...Array(3).fill("sad"), ...Array(6).fill(null)]);
  assert.equal(enough.ok, true);
  const empty = summariseCapture([]);
  assert.equal(empty.ok, false);
  assert.match((empty as { message: string }).message, /no picture/);
});
