/**
 * Signal quality, pure: when is a picture too poor to read an expression from, and what a frame
 * is (watching, away, absent, unknown). docs/emotion.md gives the measurements behind every
 * threshold.
 */
import type { FrameQuality, FrameState, HeadPose, Light, QualityIssue } from "./types.ts";

/**
 * Below these a frame (or a second) is "unknown": neither an expression nor distraction.
 * - `minFaceSize`: face box width in the analysed frame's pixels;
 * - `minScore`: the detector's confidence in the face;
 * - `minBrightness`, `minContrast`: mean luma and its standard deviation (0–255 scale) of the
 *   face crop, or of the whole frame when no face was found: a dark or featureless frame
 *   without a face is not proof that nobody is there;
 * - `minFrames`: frames analysed in a second.
 */
export const QUALITY_THRESHOLDS = {
  minFaceSize: 80,
  minScore: 0.6,
  minBrightness: 40,
  minContrast: 10,
  minFrames: 2,
} as const;

/**
 * A head turned beyond these angles from the calibrated pose, in degrees, is looking away even
 * though its face is found.
 */
export const AWAY_THRESHOLDS = { yaw: 30, pitch: 25 } as const;

/**
 * Mean and standard deviation of luma (ITU-R 601 weights, 0–255) of RGBA pixels: all of them,
 * or the `region` of an image `width` pixels wide.
 */
export function lightOf(
  rgba: ArrayLike<number>,
  width?: number,
  region?: { x: number; y: number; width: number; height: number },
): Light {
  const columns = width ?? Math.floor(rgba.length / 4);
  const rows = Math.floor(rgba.length / 4 / Math.max(1, columns));
  const r = region ?? { x: 0, y: 0, width: columns, height: rows };
  let sum = 0;
  let squares = 0;
  let count = 0;
  for (let y = Math.max(0, r.y); y < Math.min(rows, r.y + r.height); y++) {
    for (let x = Math.max(0, r.x); x < Math.min(columns, r.x + r.width); x++) {
      const p = (y * columns + x) * 4;
      const luma = 0.299 * rgba[p] + 0.587 * rgba[p + 1] + 0.114 * rgba[p + 2];
      sum += luma;
      squares += luma * luma;
      count++;
    }
  }
  if (count === 0) return { brightness: 0, contrast: 0 };
  const mean = sum / count;
  return { brightness: mean, contrast: Math.sqrt(Math.max(0, squares / count - mean * mean)) };
}

/** What a frame's measures fall short of; `face` says whether a face was found. */
export function qualityIssues(
  measures: { faceSize: number; score: number } & Light,
  face: boolean,
): QualityIssue[] {
  const t = QUALITY_THRESHOLDS;
  const issues: QualityIssue[] = [];
  if (face && measures.faceSize < t.minFaceSize) issues.push("small");
  if (measures.brightness < t.minBrightness) issues.push("dark");
  if (measures.contrast < t.minContrast) issues.push("flat");
  if (face && measures.score < t.minScore) issues.push("uncertain");
  return issues;
}

/** A frame's quality from its face (or none) and its light. */
export function frameQuality(
  face: { width: number; score: number } | null,
  light: Light,
): FrameQuality {
  const measures = {
    faceSize: face ? face.width : 0,
    score: face ? face.score : 0,
    brightness: light.brightness,
    contrast: light.contrast,
  };
  return { ...measures, issues: qualityIssues(measures, face !== null) };
}

/** Whether a pose relative to the calibrated one faces the screen. */
export function isFacing(pose: HeadPose): boolean {
  return Math.abs(pose.yaw) <= AWAY_THRESHOLDS.yaw && Math.abs(pose.pitch) <= AWAY_THRESHOLDS.pitch;
}

/**
 * A frame's state: unknown when the picture is poor (whether or not a face was found: in the
 * dark a missing face proves nothing), absent without a face, away when the head is turned
 * beyond AWAY_THRESHOLDS from the calibrated pose, watching otherwise. `pose` is null without
 * key points or without a baseline (the camera may sit beside the screen, so an uncalibrated
 * pose says nothing about the screen): such a face counts as facing.
 */
export function frameState(
  face: boolean,
  quality: FrameQuality,
  pose: HeadPose | null,
): FrameState {
  if (quality.issues.length > 0) return "unknown";
  if (!face) return "absent";
  return pose && !isFacing(pose) ? "away" : "watching";
}
