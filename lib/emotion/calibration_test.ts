import assert from "node:assert/strict";
import {
  BASELINE_FLOOR,
  baselineOf,
  calibrateProbs,
  checkBaseline,
  NEUTRAL_TARGET,
  relativePose,
} from "./calibration.ts";
import { topExpression } from "./labels.ts";

// EXPRESSIONS order: angry, disgust, fear, happy, sad, surprise, neutral.
/** A resting face the classifier reads as mostly sad. */
const SAD_REST = [0.05, 0.01, 0.04, 0.01, 0.6, 0.01, 0.28];
const baseline = { probs: SAD_REST, yaw: 12, pitch: -6 };

const close = (a: number, b: number, eps = 1e-12) =>
  assert.ok(Math.abs(a - b) < eps, `${a} ≠ ${b}`);

Deno.test("power 1: a frame equal to the baseline becomes exactly the neutral target", () => {
  const calibrated = calibrateProbs(SAD_REST, baseline, 1);
  calibrated.forEach((p, i) => close(p, NEUTRAL_TARGET[i]));
  assert.equal(topExpression(calibrated), "neutral");
});

Deno.test("power p: raw · (target / baseline)^p, renormalised, worked by hand", () => {
  const p = 0.5;
  const weights = SAD_REST.map((r, i) => r * Math.sqrt(NEUTRAL_TARGET[i] / SAD_REST[i]));
  const sum = weights.reduce((a, b) => a + b, 0);
  const calibrated = calibrateProbs(SAD_REST, baseline, p);
  calibrated.forEach((q, i) => close(q, weights[i] / sum));
  // sad: √(0.6 · 0.1/6) = 0.1; neutral: √(0.28 · 0.9) = 0.502: the resting face reads neutral.
  assert.equal(topExpression(calibrated), "neutral");
  close(calibrated.reduce((a, b) => a + b, 0), 1);
});

Deno.test("power 0 or no baseline leaves the probabilities as they were (normalised)", () => {
  assert.deepEqual(calibrateProbs(SAD_REST, baseline, 0), calibrateProbs(SAD_REST, null));
  calibrateProbs(SAD_REST, null).forEach((p, i) => close(p, SAD_REST[i] / 1.0, 1e-12));
});

Deno.test("a real expression still reads as itself after calibration", () => {
  // The same viewer smiling: happy rises far above its resting share.
  const smile = [0.01, 0.01, 0.01, 0.7, 0.12, 0.01, 0.14];
  for (const power of [0.5, 1]) {
    assert.equal(topExpression(calibrateProbs(smile, baseline, power)), "happy");
  }
  // Sadder than at rest still reads sad at power 0.5.
  const sadder = [0.02, 0.01, 0.02, 0.0, 0.9, 0.0, 0.05];
  assert.equal(topExpression(calibrateProbs(sadder, baseline, 0.5)), "sad");
});

Deno.test("a class the baseline never saw is floored, not blown up", () => {
  const never = { probs: [0, 0, 0, 0, 0.5, 0, 0.5], yaw: 0, pitch: 0 };
  const raw = [0, 0, 0, 0.001, 0.5, 0, 0.499];
  const calibrated = calibrateProbs(raw, never, 1);
  // happy: 0.001 · (0.1/6) / 0.005 = 0.0033, far below neutral 0.499 · 0.9 / 0.5 = 0.898.
  const happyWeight = 0.001 * (0.1 / 6) / BASELINE_FLOOR;
  const neutralWeight = 0.499 * 0.9 / 0.5;
  const sadWeight = 0.5 * (0.1 / 6) / 0.5;
  close(calibrated[3], happyWeight / (happyWeight + neutralWeight + sadWeight));
  assert.equal(topExpression(calibrated), "neutral");
});

Deno.test("the pose is relative to the baseline's: a camera beside the screen", () => {
  assert.deepEqual(relativePose({ yaw: 40, pitch: -10 }, baseline), { yaw: 28, pitch: -4 });
  assert.deepEqual(relativePose({ yaw: 40, pitch: -10 }, null), { yaw: 40, pitch: -10 });
});

Deno.test("baselineOf: the mean raw probabilities and the mean pose", () => {
  const a = { raw: [0, 0, 0, 0, 0.6, 0, 0.4], pose: { yaw: 10, pitch: -4 } };
  const b = { raw: [0, 0, 0, 0.2, 0.4, 0, 0.4], pose: { yaw: 14, pitch: 0 } };
  const mean = baselineOf([a, b])!;
  [0, 0, 0, 0.1, 0.5, 0, 0.4].forEach((p, i) => close(mean.probs[i], p));
  assert.equal(mean.yaw, 12);
  assert.equal(mean.pitch, -2);
  assert.equal(baselineOf([]), null);
});

Deno.test("checkBaseline accepts a baseline and says what is wrong with anything else", () => {
  assert.deepEqual(checkBaseline(baseline), baseline);
  assert.equal(Object.is(checkBaseline({ ...baseline, yaw: -0 }).yaw, -0), false, "-0 becomes 0");
  const fails = (value: unknown, message: RegExp) =>
    assert.throws(() => checkBaseline(value), message);
  fails(null, /must be an object/);
  fails({ ...baseline, probs: [1, 0, 0] }, /baseline.probs must be 7 numbers/);
  fails({ ...baseline, probs: [0.5, 0, 0, 0, 0, 0, 0.4] }, /summing to 1/);
  fails({ ...baseline, probs: [NaN, 0, 0, 0, 0, 0, 1] }, /baseline.probs/);
  fails({ ...baseline, yaw: 91 }, /baseline.yaw must be a number of degrees from -90 to 90/);
  fails({ ...baseline, pitch: "0" }, /baseline.pitch/);
});
