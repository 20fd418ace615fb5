/**
 * The `/recommend` page's five-second mood capture, as pure functions: which expression the
 * camera read most (a guess about a face, to be confirmed, never a fact about a mind). Camera
 * problems are worded by `lib/camera.ts`, as on `/watch`.
 */
import { type Expression, EXPRESSIONS } from "@/lib/recording.ts";

/** How long the camera reads the viewer's expression. */
export const CAPTURE_SECONDS = 5;

export type CaptureResult =
  | {
    ok: true;
    /** The most frequent expression among the frames with a face. */
    label: Expression;
    /** Its share of the frames with a face (0–1). */
    share: number;
    frames: number;
    faceFrames: number;
  }
  | { ok: false; message: string; frames: number; faceFrames: number };

/**
 * Sums up the labels of the analysed frames (null for a frame without a face). Fails when a
 * face was seen in too few of them: fewer than `minFaceFrames`, or under `minFaceShare`.
 */
export function summariseCapture(
  labels: readonly (Expression | null)[],
  options: { minFaceFrames?: number; minFaceShare?: number } = {},
): CaptureResult {
  const frames = labels.length;
  const counts = EXPRESSIONS.map(() => 0);
  for (const label of labels) if (label !== null) counts[EXPRESSIONS.indexOf(label)]++;
  const faceFrames = counts.reduce((a, b) => a + b, 0);
  if (frames === 0) {
    return {
      ok: false,
      frames,
      faceFrames,
      message: "The camera gave no picture to read. Check that it is not covered, then try again.",
    };
  }
  if (
    faceFrames < (options.minFaceFrames ?? 3) || faceFrames / frames < (options.minFaceShare ?? 0.3)
  ) {
    return {
      ok: false,
      frames,
      faceFrames,
      message:
        "No face was seen clearly enough. Face the camera in good light and try again, or pick a mood yourself.",
    };
  }
  // Ties go to the label listed first in EXPRESSIONS.
  const best = counts.indexOf(Math.max(...counts));
  return {
    ok: true,
    label: EXPRESSIONS[best],
    share: counts[best] / faceFrames,
    frames,
    faceFrames,
  };
}

/**
 * How each expression is named on the page: `label` on its own ("Afraid"), `phrase` as an
 * adjective with its article, for "films for a fearful mood" or "an angry expression".
 */
export const EXPRESSION_CHOICES: Record<Expression, { label: string; phrase: string }> = {
  happy: { label: "Happy", phrase: "a happy" },
  sad: { label: "Sad", phrase: "a sad" },
  angry: { label: "Angry", phrase: "an angry" },
  fear: { label: "Afraid", phrase: "a fearful" },
  surprise: { label: "Surprised", phrase: "a surprised" },
  disgust: { label: "Disgusted", phrase: "a disgusted" },
  neutral: { label: "Neutral", phrase: "a neutral" },
};
