import assert from "node:assert/strict";
import {
  AWAY_THRESHOLDS,
  frameQuality,
  frameState,
  isFacing,
  lightOf,
  QUALITY_THRESHOLDS,
  qualityIssues,
} from "./quality.ts";
import { assessFrame } from "./assess.ts";
import type { FrameMeasurement } from "./types.ts";

/** RGBA pixels of gray levels. */
function gray(levels: number[]): Uint8ClampedArray {
  return new Uint8ClampedArray(levels.flatMap((v) => [v, v, v, 255]));
}

Deno.test("lightOf: mean luma and its standard deviation", () => {
  assert.deepEqual(lightOf(gray([100, 100, 100, 100])), { brightness: 100, contrast: 0 });
  // 50 and 150: mean 100, every pixel 50 away.
  const light = lightOf(gray([50, 150, 50, 150]));
  assert.ok(Math.abs(light.brightness - 100) < 1e-9 && Math.abs(light.contrast - 50) < 1e-9);
  // Luma weights: pure red is 0.299 × 255.
  assert.ok(Math.abs(lightOf(new Uint8ClampedArray([255, 0, 0, 255])).brightness - 76.245) < 1e-9);
  assert.deepEqual(lightOf(new Uint8ClampedArray()), { brightness: 0, contrast: 0 });
});

Deno.test("lightOf of a region reads only that region", () => {
  // A 4×2 image: left half black, right half white.
  const pixels = gray([0, 0, 255, 255, 0, 0, 255, 255]);
  assert.deepEqual(lightOf(pixels, 4, { x: 2, y: 0, width: 2, height: 2 }), {
    brightness: 255,
    contrast: 0,
  });
  assert.equal(lightOf(pixels, 4).brightness, 127.5);
  assert.equal(lightOf(pixels, 4, { x: 3, y: 1, width: 9, height: 9 }).brightness, 255, "clipped");
});

Deno.test("quality issues: each threshold, and only face issues when there is a face", () => {
  const t = QUALITY_THRESHOLDS;
  const good = {
    faceSize: t.minFaceSize,
    score: t.minScore,
    brightness: t.minBrightness,
    contrast: t.minContrast,
  };
  assert.deepEqual(qualityIssues(good, true), [], "the thresholds themselves pass");
  assert.deepEqual(qualityIssues({ ...good, faceSize: t.minFaceSize - 1 }, true), ["small"]);
  assert.deepEqual(qualityIssues({ ...good, brightness: t.minBrightness - 1 }, true), ["dark"]);
  assert.deepEqual(qualityIssues({ ...good, contrast: t.minContrast - 1 }, true), ["flat"]);
  assert.deepEqual(qualityIssues({ ...good, score: t.minScore - 0.01 }, true), ["uncertain"]);
  // Without a face, size and score say nothing; light still does.
  assert.deepEqual(qualityIssues({ ...good, faceSize: 0, score: 0 }, false), []);
  assert.deepEqual(qualityIssues({ faceSize: 0, score: 0, brightness: 5, contrast: 2 }, false), [
    "dark",
    "flat",
  ]);
});

Deno.test("facing: within the away thresholds of the calibrated pose, both ways", () => {
  const { yaw, pitch } = AWAY_THRESHOLDS;
  assert.ok(isFacing({ yaw, pitch: -pitch }));
  assert.ok(!isFacing({ yaw: yaw + 0.1, pitch: 0 }));
  assert.ok(!isFacing({ yaw: -yaw - 0.1, pitch: 0 }));
  assert.ok(!isFacing({ yaw: 0, pitch: -pitch - 0.1 }), "looking down at a phone");
});

Deno.test("a frame's state: unknown before anything else, then absent, away, watching", () => {
  const lit = { brightness: 120, contrast: 40 };
  const face = { width: 120, score: 0.95 };
  const turned = { yaw: 60, pitch: 0 };
  assert.equal(frameState(true, frameQuality(face, lit), { yaw: 0, pitch: 0 }), "watching");
  assert.equal(frameState(true, frameQuality(face, lit), turned), "away");
  assert.equal(frameState(true, frameQuality(face, lit), null), "watching", "no pose: facing");
  assert.equal(frameState(false, frameQuality(null, lit), null), "absent");
  const dark = { brightness: 10, contrast: 3 };
  assert.equal(frameState(false, frameQuality(null, dark), null), "unknown", "dark, no face");
  assert.equal(frameState(true, frameQuality(face, dark), turned), "unknown", "dark, a face");
  assert.equal(frameState(true, frameQuality({ width: 20, score: 0.9 }, lit), null), "unknown");
});

Deno.test("assessFrame: calibrated probs and label, relative pose; away only once calibrated", () => {
  const measured: FrameMeasurement = {
    box: { x: 10, y: 10, width: 120, height: 120, score: 0.95 },
    raw: [0.05, 0.01, 0.04, 0.01, 0.6, 0.01, 0.28],
    pose: { yaw: 50, pitch: 2 },
    light: { brightness: 120, contrast: 40 },
    movement: 0.1,
    retried: false,
  };
  const raw = assessFrame(measured, null);
  assert.equal(raw.label, "sad");
  assert.deepEqual(raw.probs, measured.raw);
  assert.equal(raw.yaw, 50);
  assert.equal(raw.state, "watching", "uncalibrated: the screen's direction is not known");
  const baseline = { probs: measured.raw!, yaw: 5, pitch: 0 };
  const calibrated = assessFrame(measured, baseline);
  assert.equal(calibrated.label, "neutral");
  assert.equal(calibrated.yaw, 45);
  assert.equal(calibrated.pitch, 2);
  assert.equal(calibrated.state, "away");
  assert.equal(
    assessFrame({ ...measured, pose: { yaw: 10, pitch: 0 } }, baseline).state,
    "watching",
  );
  const none = assessFrame({ ...measured, box: null, raw: null, pose: null }, baseline);
  assert.deepEqual([none.probs, none.label, none.yaw, none.state], [null, null, null, "absent"]);
});
