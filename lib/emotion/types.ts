/**
 * Shapes shared by the detector, the classifiers, the worker and the tracker.
 * Boxes are in the pixels of the frame they were found in.
 */
import type { Expression } from "@/lib/recording.ts";

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

/** What one analysed frame yields. */
export interface FrameAnalysis {
  /** The viewer's face, or null when none was found. */
  box: Detection | null;
  /** Seven probabilities in EXPRESSIONS order (sum 1), or null without a face. */
  probs: number[] | null;
  /** The most probable expression, or null without a face. */
  label: Expression | null;
  /** How far the face centre moved since the previous analysed frame, in face widths. */
  movement: number;
}
