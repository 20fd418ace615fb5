/**
 * Calibration to the viewer, pure. A classifier reads some people's resting face as sad or
 * angry; every second of such a viewer would count as that expression. The viewer's baseline,
 * the mean raw probabilities and head pose over a few seconds of watching at rest, corrects
 * each frame so that this resting face reads neutral:
 *
 *   calibrated_c ∝ raw_c · (target_c / baseline_c) ^ CALIBRATION_POWER
 *
 * where `target` is what the classifier gives a typical neutral face (NEUTRAL_TARGET). With
 * power 1 a frame equal to the baseline becomes exactly the target; with power 0 nothing
 * changes. docs/emotion.md gives the measurement that chose the power.
 */
import { EXPRESSIONS } from "@/lib/recording.ts";
import { normalise } from "./labels.ts";
import type { HeadPose } from "./types.ts";

/** The viewer at rest: seven mean probabilities (EXPRESSIONS order) and the mean head pose. */
export interface Baseline {
  probs: number[];
  yaw: number;
  pitch: number;
}

/** The exponent of the correction (see docs/emotion.md, "Calibration"). */
export const CALIBRATION_POWER = 0.5;

/** Baseline probabilities are floored here, so that a class the baseline never saw is not blown up. */
export const BASELINE_FLOOR = 0.005;

const NEUTRAL = EXPRESSIONS.indexOf("neutral");

/** What the classifier gives a clearly neutral face: 0.9 neutral, the rest spread evenly. */
export const NEUTRAL_TARGET: readonly number[] = EXPRESSIONS.map((_, i) =>
  i === NEUTRAL ? 0.9 : 0.1 / (EXPRESSIONS.length - 1)
);

/** Corrects raw probabilities for a baseline (see the module comment); sums to 1. */
export function calibrateProbs(
  raw: readonly number[],
  baseline: Baseline | null,
  power = CALIBRATION_POWER,
): number[] {
  if (!baseline || power === 0) return normalise(raw);
  return normalise(
    raw.map((p, i) =>
      p * (NEUTRAL_TARGET[i] / Math.max(BASELINE_FLOOR, baseline.probs[i])) ** power
    ),
  );
}

/** A pose relative to the baseline's (the camera may sit beside the screen). */
export function relativePose(pose: HeadPose, baseline: Baseline | null): HeadPose {
  if (!baseline) return pose;
  return { yaw: pose.yaw - baseline.yaw, pitch: pose.pitch - baseline.pitch };
}

/** One frame's contribution to a baseline. */
export interface BaselineSample {
  raw: readonly number[];
  pose: HeadPose;
}

/** The baseline of usable face frames: their mean raw probabilities and mean pose; null without. */
export function baselineOf(samples: readonly BaselineSample[]): Baseline | null {
  if (samples.length === 0) return null;
  const sums = new Array<number>(EXPRESSIONS.length).fill(0);
  let yaw = 0;
  let pitch = 0;
  for (const s of samples) {
    s.raw.forEach((p, i) => (sums[i] += p));
    yaw += s.pose.yaw;
    pitch += s.pose.pitch;
  }
  return {
    probs: normalise(sums.map((sum) => sum / samples.length)),
    yaw: yaw / samples.length,
    pitch: pitch / samples.length,
  };
}

/** Largest |yaw| or |pitch| a baseline may hold, in degrees: beyond it no face was facing anything. */
export const BASELINE_MAX_ANGLE = 90;

/**
 * Checks a baseline given from outside (a setter, a stored viewing): seven finite probabilities
 * in 0–1 summing to 1 ± 0.01 and angles within ±90°. Returns a clean copy or throws a TypeError
 * that says what is wrong.
 */
export function checkBaseline(value: unknown): Baseline {
  const v = value as Partial<Baseline> | null;
  if (typeof v !== "object" || v === null) throw new TypeError("a baseline must be an object");
  const probs = v.probs;
  if (
    !Array.isArray(probs) || probs.length !== EXPRESSIONS.length ||
    !probs.every((p) => typeof p === "number" && Number.isFinite(p) && p >= 0 && p <= 1) ||
    Math.abs(probs.reduce((a, b) => a + b, 0) - 1) > 0.01
  ) {
    throw new TypeError(
      `baseline.probs must be ${EXPRESSIONS.length} numbers from 0 to 1 summing to 1`,
    );
  }
  for (const key of ["yaw", "pitch"] as const) {
    const angle = v[key];
    if (typeof angle !== "number" || !(Math.abs(angle) <= BASELINE_MAX_ANGLE)) {
      throw new TypeError(`baseline.${key} must be a number of degrees from -90 to 90`);
    }
  }
  return { probs: normalise(probs), yaw: v.yaw! + 0, pitch: v.pitch! + 0 };
}
