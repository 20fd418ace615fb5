/**
 * A measured frame read against the viewer's baseline, pure: calibrated probabilities and
 * label, pose relative to the calibrated one, quality and state. The tracker applies it to
 * every frame the worker measured, so that a new baseline counts from the next result on.
 */
import { type Baseline, calibrateProbs, relativePose } from "./calibration.ts";
import { topExpression } from "./labels.ts";
import { frameQuality, frameState } from "./quality.ts";
import type { FrameAnalysis, FrameMeasurement } from "./types.ts";

/** Applies `baseline` (or none) to a frame the worker measured. */
export function assessFrame(m: FrameMeasurement, baseline: Baseline | null): FrameAnalysis {
  const quality = frameQuality(m.box, m.light);
  const probs = m.raw && calibrateProbs(m.raw, baseline);
  const pose = m.pose && relativePose(m.pose, baseline);
  return {
    box: m.box,
    raw: m.raw,
    probs,
    label: probs && topExpression(probs),
    yaw: pose?.yaw ?? null,
    pitch: pose?.pitch ?? null,
    movement: m.movement,
    quality,
    // Without a baseline the screen's direction is unknown: no pose is "away".
    state: frameState(m.box !== null, quality, baseline ? pose : null),
  };
}
