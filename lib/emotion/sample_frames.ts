/**
 * Builders of analysed frames for tests (not a test file itself): a face facing the screen in
 * good light, a face turned away, no face, a frame too dark to tell.
 */
import { type Expression, EXPRESSIONS } from "@/lib/recording.ts";
import type { FrameSample } from "./aggregate.ts";
import type { FrameQuality } from "./types.ts";

/** The quality of a face 120 px wide, found with confidence, in good light. */
export const GOOD_FACE: FrameQuality = {
  faceSize: 120,
  score: 0.95,
  brightness: 120,
  contrast: 40,
  issues: [],
};

/** The quality of a well-lit frame without a face. */
export const GOOD_ROOM: FrameQuality = {
  faceSize: 0,
  score: 0,
  brightness: 110,
  contrast: 45,
  issues: [],
};

/** A dark frame in which no face was found. */
export const DARK_ROOM: FrameQuality = {
  faceSize: 0,
  score: 0,
  brightness: 12,
  contrast: 4,
  issues: ["dark", "flat"],
};

function labelOf(probs: readonly number[]): Expression {
  let best = 0;
  probs.forEach((p, i) => (p > probs[best] ? (best = i) : 0));
  return EXPRESSIONS[best];
}

/**
 * A face frame: calibrated `probs` (raw the same unless given), facing the screen unless
 * `yaw` or `state` say otherwise.
 */
export function faceFrame(
  probs: number[],
  options: Partial<FrameSample> = {},
): FrameSample {
  return {
    raw: probs,
    probs,
    label: labelOf(probs),
    yaw: 0,
    pitch: 0,
    movement: 0,
    quality: GOOD_FACE,
    state: "watching",
    ...options,
  };
}

/** A frame without a face: a lit room (absent) unless `quality` says it was too poor. */
export function noFaceFrame(options: Partial<FrameSample> = {}): FrameSample {
  const quality = options.quality ?? GOOD_ROOM;
  return {
    raw: null,
    probs: null,
    label: null,
    yaw: null,
    pitch: null,
    movement: 0,
    quality,
    state: quality.issues.length > 0 ? "unknown" : "absent",
    ...options,
  };
}
