import assert from "node:assert/strict";
import { aggregateSecond, type FrameSample } from "./aggregate.ts";
import { movementBetween } from "./movement.ts";
import type { Expression } from "@/lib/recording.ts";

const HAPPY = [0, 0, 0, 0.8, 0, 0, 0.2];
const NEUTRAL = [0, 0, 0, 0.3, 0, 0, 0.7];
const SAD = [0, 0, 0, 0, 0.6, 0, 0.4];

function face(label: Expression, probs: number[], movement = 0): FrameSample {
  return { label, probs, movement };
}
const noFace = (movement = 0): FrameSample => ({ label: null, probs: null, movement });

Deno.test("movementBetween is the centre's displacement in face widths", () => {
  const a = { x: 100, y: 100, width: 50, height: 50 };
  assert.equal(movementBetween(a, { ...a, x: 125 }), 0.5);
  assert.equal(movementBetween(a, { ...a, x: 130, y: 140 }), 1);
  // Same head, nearer the camera: the width is the mean of the two.
  const nearer = { x: 75, y: 75, width: 100, height: 100 };
  assert.equal(movementBetween(a, nearer), 0, "centre unchanged");
  assert.equal(movementBetween(a, { ...nearer, x: 75 + 75 }), 1);
  assert.equal(movementBetween(null, a), 0);
  assert.equal(movementBetween(a, null), 0);
});

Deno.test("movement does not depend on the camera's resolution", () => {
  const small = [{ x: 10, y: 10, width: 20, height: 20 }, { x: 14, y: 13, width: 20, height: 20 }];
  const large = small.map((b) => ({ x: b.x * 3, y: b.y * 3, width: b.width * 3, height: 60 }));
  assert.equal(movementBetween(small[0], small[1]), movementBetween(large[0], large[1]));
});

Deno.test("a second's label is the mode of its frames; probs their mean; movement their path", () => {
  const second = aggregateSecond([
    face("happy", HAPPY, 0.1),
    face("neutral", NEUTRAL, 0.05),
    face("happy", HAPPY, 0.2),
  ]);
  assert.equal(second.face, true);
  assert.equal(second.emotion, "happy");
  assert.equal(second.frames, 3);
  assert.ok(Math.abs(second.movement - 0.35) < 1e-12);
  const expected = HAPPY.map((p, i) => (2 * p + NEUTRAL[i]) / 3);
  second.probs!.forEach((p, i) => assert.ok(Math.abs(p - expected[i]) < 1e-12));
  assert.ok(Math.abs(second.probs!.reduce((a, b) => a + b) - 1) < 1e-12);
});

Deno.test("a tie in labels goes to the higher summed probability", () => {
  const tie = aggregateSecond([face("sad", SAD), face("neutral", NEUTRAL)]);
  // sad: 0.6 summed; neutral: 0.7 + 0.4 = 1.1
  assert.equal(tie.emotion, "neutral");
});

Deno.test("no face in most frames: face false, no label, no probs; movement still counts", () => {
  const second = aggregateSecond([noFace(), face("happy", HAPPY, 0.3), noFace(), noFace()]);
  assert.deepEqual(second, { face: false, emotion: null, probs: null, movement: 0.3, frames: 4 });
  const half = aggregateSecond([noFace(), face("sad", SAD)]);
  assert.equal(half.face, true, "a face in half the frames counts");
  assert.equal(half.emotion, "sad");
  assert.deepEqual(half.probs, SAD, "probs are the mean of face frames only");
});

Deno.test("a second without analysed frames has no face", () => {
  assert.deepEqual(aggregateSecond([]), {
    face: false,
    emotion: null,
    probs: null,
    movement: 0,
    frames: 0,
  });
});
