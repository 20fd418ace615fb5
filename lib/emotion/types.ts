/**
 * Shapes shared by the detector, the classifiers, the worker and the tracker.
 * Boxes are in the pixels of the frame they were found in.
 */
import type { Expression, SecondState } from "@/lib/recording.ts";

/** An axis-aligned rectangle in pixels. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A point in pixels. */
export interface Point {
  x: number;
  y: number;
}

/** A face the detector found, with its confidence (0–1). */
export interface Detection extends Box {
  score: number;
  /**
   * BlazeFace's six key points when known: the eyes (the one on the image's left first),
   * nose, mouth and the two ear tragions.
   */
  keypoints?: Point[];
}

/** The classifiers behind one interface; `face-api` is the default. */
export type ClassifierName = "face-api" | "fer";

/** Every classifier name, for validating a setting. */
export const CLASSIFIERS: readonly ClassifierName[] = ["face-api", "fer"];

/** tfjs backends in the order we try them. */
export type BackendName = "wasm" | "webgl" | "cpu";

/** WebAssembly first (about 20 ms a frame), then WebGL, then plain JavaScript. */
export const DEFAULT_BACKENDS: readonly BackendName[] = ["wasm", "webgl", "cpu"];

/** Head pose in degrees: yaw positive when the head turns to the image's right, pitch up. */
export interface HeadPose {
  yaw: number;
  pitch: number;
}

/** Mean luma and RMS contrast (standard deviation of luma) of some pixels, 0–255 scale. */
export interface Light {
  brightness: number;
  contrast: number;
}

/** What the worker measures in one frame, before the viewer's baseline is applied. */
export interface FrameMeasurement {
  /** The viewer's face with its key points, or null when none was found. */
  box: Detection | null;
  /** The classifier's seven probabilities in EXPRESSIONS order (sum 1), or null without a face. */
  raw: number[] | null;
  /** The head's pose from the key points, absolute (not relative to the baseline), or null. */
  pose: HeadPose | null;
  /** The face crop's light, or the whole frame's without a face. */
  light: Light;
  /** How far the face centre moved since the previous analysed frame, in face widths. */
  movement: number;
  /** Whether the detector ran a second time on the frame placed with a margin. */
  retried: boolean;
}

/** Why a frame's picture is too poor to read an expression from (see quality.ts). */
export type QualityIssue = "small" | "dark" | "flat" | "uncertain" | "few-frames";

/** A frame's signal quality: the measures and what falls below the thresholds. */
export interface FrameQuality {
  /** Face box width in the analysed frame's pixels; 0 without a face. */
  faceSize: number;
  /** Detector score (0–1); 0 without a face. */
  score: number;
  brightness: number;
  contrast: number;
  /** Empty when the picture is good enough. */
  issues: QualityIssue[];
}

/** A frame's state, named as a recorded second's (see lib/recording.ts). */
export type FrameState = SecondState;

/** What one analysed frame yields once the viewer's baseline is applied. */
export interface FrameAnalysis {
  /** The viewer's face, or null when none was found. */
  box: Detection | null;
  /** The classifier's probabilities as it gave them, or null without a face. */
  raw: number[] | null;
  /**
   * Calibrated probabilities (`raw` corrected for the viewer's baseline; equal to `raw` without
   * one) in EXPRESSIONS order, summing to 1, or null without a face.
   */
  probs: number[] | null;
  /** The most probable calibrated expression, or null without a face. */
  label: Expression | null;
  /** Head yaw and pitch in degrees relative to the baseline's pose, or null without a face. */
  yaw: number | null;
  pitch: number | null;
  /** How far the face centre moved since the previous analysed frame, in face widths. */
  movement: number;
  quality: FrameQuality;
  /** watching / away (turned beyond the threshold) / absent (no face) / unknown (poor picture). */
  state: FrameState;
}
