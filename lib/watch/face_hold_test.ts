import assert from "node:assert/strict";
import {
  addFaceSample,
  FACE_HOLD_MS,
  faceHeld,
  type FaceHold,
  faceInFrame,
  holdProgress,
  NO_FACE_HOLD,
  smoothedFace,
} from "./face_hold.ts";

/** Frames every 66 ms from `from` to `to`, with a face when `face(time)`. */
function feed(hold: FaceHold, from: number, to: number, face: (t: number) => boolean) {
  for (let t = from; t < to; t += 66) hold = addFaceSample(hold, { time: t, face: face(t) });
  return hold;
}

Deno.test("face hold: a steady face passes after 4 s, not before", () => {
  let hold = feed(NO_FACE_HOLD, 0, 3900, () => true);
  assert.equal(faceHeld(hold, 3900), false);
  assert.ok(holdProgress(hold, 3900) > 0.9);
  hold = feed(hold, 3900, FACE_HOLD_MS + 100, () => true);
  assert.equal(faceHeld(hold, FACE_HOLD_MS + 60), true);
});

Deno.test("face hold: single frames that flip do not reset it (smoothed over a second)", () => {
  // Every fourth frame misses the face: still a face.
  let i = 0;
  const hold = feed(NO_FACE_HOLD, 0, 4200, () => i++ % 4 !== 0);
  assert.equal(faceHeld(hold, 4150), true);
});

Deno.test("face hold: leaving the frame for a second resets it", () => {
  let hold = feed(NO_FACE_HOLD, 0, 3000, () => true);
  hold = feed(hold, 3000, 4200, () => false);
  assert.equal(faceInFrame(hold, 4200), false);
  assert.equal(holdProgress(hold, 4200), 0);
  hold = feed(hold, 4200, 7000, () => true);
  assert.equal(faceHeld(hold, 7000), false, "only 2.8 s since the face came back");
  hold = feed(hold, 7000, 9000, () => true);
  assert.equal(faceHeld(hold, 9000), true);
});

Deno.test("face hold: no frame for a second is no face (a stalled camera)", () => {
  const hold = feed(NO_FACE_HOLD, 0, 3000, () => true);
  assert.equal(faceInFrame(hold, 3000), true);
  assert.equal(faceInFrame(hold, 4100), false);
  assert.equal(faceHeld(hold, 9000), false);
});

Deno.test("smoothing: a face in at least half the window's frames", () => {
  const s = (faces: boolean[]) => faces.map((face, i) => ({ time: i, face }));
  assert.equal(smoothedFace([]), false);
  assert.equal(smoothedFace(s([true, false])), true);
  assert.equal(smoothedFace(s([true, false, false])), false);
});
