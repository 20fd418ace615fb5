import assert from "node:assert/strict";
import { aggregateSecond } from "./aggregate.ts";
import { movementBetween } from "./movement.ts";
import { DARK_ROOM, faceFrame, GOOD_FACE, noFaceFrame } from "./sample_frames.ts";
import { MOVEMENT_MAX } from "@/lib/recording.ts";

const HAPPY = [0, 0, 0, 0.8, 0, 0, 0.2];
const NEUTRAL = [0, 0, 0, 0.3, 0, 0, 0.7];
const SAD = [0, 0, 0, 0, 0.6, 0, 0.4];

const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} ≠ ${b}`);

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

Deno.test("a watching second: the mode label, mean probs and raw, path, attention 1", () => {
  const second = aggregateSecond([
    faceFrame(HAPPY, { movement: 0.1, raw: SAD, yaw: 4, pitch: -2 }),
    faceFrame(NEUTRAL, { movement: 0.05, raw: SAD, yaw: 2, pitch: 0 }),
    faceFrame(HAPPY, { movement: 0.2, raw: NEUTRAL, yaw: 0, pitch: 2 }),
  ]);
  assert.equal(second.state, "watching");
  assert.equal(second.emotion, "happy");
  assert.equal(second.frames, 3);
  assert.equal(second.attention, 1);
  close(second.movement, 0.35);
  HAPPY.forEach((p, i) => close(second.probs![i], (2 * p + NEUTRAL[i]) / 3));
  SAD.forEach((p, i) => close(second.raw![i], (2 * p + NEUTRAL[i]) / 3));
  close(second.yaw!, 2);
  close(second.pitch!, 0);
  assert.equal(second.quality.faceSize, GOOD_FACE.faceSize);
  close(second.quality.score, GOOD_FACE.score);
  close(second.quality.brightness, GOOD_FACE.brightness);
  close(second.quality.contrast, GOOD_FACE.contrast);
});

Deno.test("a tie in labels goes to the higher summed calibrated probability", () => {
  // sad: 0.6 summed; neutral: 0.7 + 0.4 = 1.1
  assert.equal(aggregateSecond([faceFrame(SAD), faceFrame(NEUTRAL)]).emotion, "neutral");
});

Deno.test("a face turned away in most face frames: away, no label, probs kept, attention the share facing", () => {
  const away = { yaw: 50, state: "away" as const };
  const second = aggregateSecond([
    faceFrame(HAPPY, away),
    faceFrame(HAPPY, away),
    faceFrame(NEUTRAL),
    noFaceFrame(),
  ]);
  assert.equal(second.state, "away");
  assert.equal(second.emotion, null, "a label only when watching");
  assert.equal(second.attention, 1 / 4);
  assert.ok(second.probs && second.raw, "the face frames' probabilities are kept");
  close(second.yaw!, (50 + 50 + 0) / 3);
  // A tie between facing and turned away counts as watching.
  assert.equal(aggregateSecond([faceFrame(HAPPY, away), faceFrame(HAPPY)]).state, "watching");
});

Deno.test("no face in most lit frames: absent; a face in half of them is enough", () => {
  const second = aggregateSecond([
    noFaceFrame({ movement: 0.1 }),
    faceFrame(HAPPY, { movement: 0.3 }),
    noFaceFrame(),
    noFaceFrame(),
  ]);
  assert.equal(second.state, "absent");
  assert.equal(second.emotion, null);
  close(second.movement, 0.4);
  assert.equal(second.quality.faceSize, GOOD_FACE.faceSize, "the median of the face frames");
  const half = aggregateSecond([noFaceFrame(), faceFrame(SAD)]);
  assert.equal(half.state, "watching");
  assert.equal(half.emotion, "sad");
  assert.deepEqual(half.probs, SAD, "probs are the mean of face frames only");
});

Deno.test("a dark second is unknown, not absent: a missing face in the dark proves nothing", () => {
  const dark = aggregateSecond([
    noFaceFrame({ quality: DARK_ROOM }),
    noFaceFrame({ quality: DARK_ROOM }),
    noFaceFrame(),
  ]);
  assert.equal(dark.state, "unknown");
  assert.equal(dark.probs, null);
  close(dark.quality.brightness, (12 + 12 + 110) / 3);
  // Unknown frames in a minority are set aside: the rest decide.
  const mostlyLit = aggregateSecond([
    noFaceFrame({ quality: DARK_ROOM }),
    faceFrame(HAPPY),
    faceFrame(HAPPY),
  ]);
  assert.equal(mostlyLit.state, "watching");
  assert.equal(mostlyLit.attention, 2 / 3);
});

Deno.test("fewer than two frames is unknown: one frame is too little to go on", () => {
  assert.equal(aggregateSecond([faceFrame(HAPPY)]).state, "unknown");
  assert.deepEqual(aggregateSecond([]), {
    state: "unknown",
    emotion: null,
    probs: null,
    raw: null,
    movement: 0,
    attention: 0,
    yaw: null,
    pitch: null,
    quality: { faceSize: 0, score: 0, brightness: 0, contrast: 0 },
    frames: 0,
  });
});

Deno.test("a second's movement is capped at MOVEMENT_MAX: beyond it the detector jumped", () => {
  const jumps = Array.from({ length: 30 }, () => faceFrame(HAPPY, { movement: 3 }));
  assert.equal(aggregateSecond(jumps).movement, MOVEMENT_MAX);
});
