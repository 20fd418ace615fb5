import assert from "node:assert/strict";
import { EXPRESSIONS } from "@/lib/recording.ts";
import {
  FACE_API_ORDER,
  FER_ORDER,
  normalise,
  toExpressionOrder,
  topExpression,
} from "./labels.ts";
import { detectorInput, faceApiInput, ferInput } from "./pixels.ts";

Deno.test("face-api's order (neutral, happy, sad, angry, fearful, disgusted, surprised) maps to ours", () => {
  const faceApi = [0.1, 0.2, 0.3, 0.05, 0.15, 0.12, 0.08];
  const ours = toExpressionOrder(faceApi, FACE_API_ORDER);
  const at = (label: string) => ours[EXPRESSIONS.indexOf(label as never)];
  assert.equal(at("neutral"), 0.1);
  assert.equal(at("happy"), 0.2);
  assert.equal(at("sad"), 0.3);
  assert.equal(at("angry"), 0.05);
  assert.equal(at("fear"), 0.15);
  assert.equal(at("disgust"), 0.12);
  assert.equal(at("surprise"), 0.08);
  assert.equal(topExpression(ours), "sad");
});

Deno.test("the fer model's order (angry, disgust, fear, happy, sad, surprise, neutral) is ours", () => {
  const probs = [0.1, 0.1, 0.1, 0.4, 0.1, 0.1, 0.1];
  assert.deepEqual(toExpressionOrder(probs, FER_ORDER), probs);
  assert.equal(topExpression(probs), "happy");
  assert.throws(() => toExpressionOrder([0.5, 0.5], FER_ORDER), /expected 7/);
});

Deno.test("normalise gives probabilities that sum to 1, dropping NaN and negatives", () => {
  const n = normalise([0.2, 0.2, NaN, -1, 0.4, 0, 0]);
  assert.deepEqual(n, [0.25, 0.25, 0, 0, 0.5, 0, 0]);
  assert.deepEqual(normalise([0, 0]), [0.5, 0.5]);
});

Deno.test("pixel inputs: detector [-1, 1], face-api mean-subtracted /255, fer gray [-1, 1]", () => {
  const rgba = new Uint8ClampedArray([0, 51, 255, 255, 255, 255, 255, 0]);
  assert.deepEqual(
    Array.from(detectorInput(rgba)),
    [-1, 51 / 127.5 - 1, 1, 1, 1, 1].map(Math.fround),
  );
  const f = faceApiInput(rgba);
  assert.equal(f.length, 6);
  assert.ok(Math.abs(f[0] - (0 - 122.782) / 255) < 1e-6);
  assert.ok(Math.abs(f[5] - (255 - 104.298) / 255) < 1e-6);
  const g = ferInput(rgba);
  assert.equal(g.length, 2);
  assert.ok(Math.abs(g[1] - (0.9999 - 0.5) * 2) < 1e-4, `white is about 1: ${g[1]}`);
  assert.ok(g[0] < 0.3 && g[0] > -1, "a blue-green pixel is darker than white");
});
