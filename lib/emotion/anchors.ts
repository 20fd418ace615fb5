/**
 * BlazeFace (front camera, 128×128) anchors and the decoding of its raw outputs into
 * boxes, pure. The model predicts, for each of 896 fixed anchors, a score logit and 16
 * regressors: the box centre's offset from the anchor and the box size (then 6 key points),
 * in pixels of the 128×128 input.
 */
import { iou } from "./geometry.ts";
import type { Detection } from "./types.ts";

/** An anchor centre, in units of the input side (0–1). */
export interface Anchor {
  x: number;
  y: number;
}

/** The detector's input side in pixels. */
export const BLAZEFACE_INPUT = 128;

/** Regressors per anchor. */
export const BLAZEFACE_REGRESSORS = 16;

/**
 * The SSD anchor grid of the front model: a 16×16 grid (stride 8) with 2 anchors per cell,
 * then an 8×8 grid (stride 16) with 6 per cell: 512 + 384 = 896 anchors, row by row.
 */
export function blazefaceAnchors(inputSize = BLAZEFACE_INPUT): Anchor[] {
  const anchors: Anchor[] = [];
  for (const { stride, perCell } of [{ stride: 8, perCell: 2 }, { stride: 16, perCell: 6 }]) {
    const cells = Math.ceil(inputSize / stride);
    for (let row = 0; row < cells; row++) {
      for (let col = 0; col < cells; col++) {
        for (let k = 0; k < perCell; k++) {
          anchors.push({ x: (col + 0.5) / cells, y: (row + 0.5) / cells });
        }
      }
    }
  }
  return anchors;
}

/** The model's four outputs as arrays, told apart by shape (they come in no fixed order). */
export interface RawOutputs {
  /** 896 score logits: the 512 fine-grid anchors, then the 384 coarse ones. */
  scores: Float32Array;
  /** 896 × 16 regressors in the same anchor order. */
  regressors: Float32Array;
}

/** A tensor's shape and data, enough to tell BlazeFace's outputs apart. */
export interface ShapedData {
  shape: readonly number[];
  data: Float32Array;
}

/**
 * Orders BlazeFace's outputs by shape: [1, 512|384, 1] are scores, [1, 512|384, 16] are
 * regressors; the 512-anchor grid comes first. Throws on anything else, which would mean
 * a different model.
 */
export function arrangeOutputs(outputs: ShapedData[]): RawOutputs {
  const find = (anchors: number, width: number) => {
    const match = outputs.find((o) =>
      o.shape.length === 3 && o.shape[1] === anchors && o.shape[2] === width
    );
    if (!match) {
      throw new Error(
        `unexpected detector outputs ${outputs.map((o) => `[${o.shape}]`).join(" ")}`,
      );
    }
    return match.data;
  };
  const scores = new Float32Array(896);
  scores.set(find(512, 1), 0);
  scores.set(find(384, 1), 512);
  const regressors = new Float32Array(896 * BLAZEFACE_REGRESSORS);
  regressors.set(find(512, BLAZEFACE_REGRESSORS), 0);
  regressors.set(find(384, BLAZEFACE_REGRESSORS), 512 * BLAZEFACE_REGRESSORS);
  return { scores, regressors };
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-Math.max(-100, Math.min(100, x))));
}

/** How detections are filtered and merged. */
export interface DecodeOptions {
  /** Minimum score (0–1) a face needs. */
  minScore?: number;
  /** Boxes overlapping more than this (IoU) are one face. */
  iouThreshold?: number;
  inputSize?: number;
}

/**
 * Turns raw outputs into faces, in input pixels, best first. Overlapping candidates of one
 * face are blended weighted by score (as MediaPipe does), which steadies the box from frame
 * to frame, so that movement is not noise.
 */
export function decodeDetections(
  raw: RawOutputs,
  anchors: Anchor[],
  { minScore = 0.5, iouThreshold = 0.3, inputSize = BLAZEFACE_INPUT }: DecodeOptions = {},
): Detection[] {
  const candidates: Detection[] = [];
  for (let i = 0; i < anchors.length; i++) {
    const score = sigmoid(raw.scores[i]);
    if (score < minScore) continue;
    const r = i * BLAZEFACE_REGRESSORS;
    const cx = anchors[i].x * inputSize + raw.regressors[r];
    const cy = anchors[i].y * inputSize + raw.regressors[r + 1];
    const width = raw.regressors[r + 2];
    const height = raw.regressors[r + 3];
    if (!(width > 0 && height > 0)) continue;
    const keypoints = [];
    for (let k = 0; k < 6; k++) {
      keypoints.push({
        x: anchors[i].x * inputSize + raw.regressors[r + 4 + 2 * k],
        y: anchors[i].y * inputSize + raw.regressors[r + 5 + 2 * k],
      });
    }
    candidates.push({ x: cx - width / 2, y: cy - height / 2, width, height, score, keypoints });
  }
  candidates.sort((a, b) => b.score - a.score);
  const faces: Detection[] = [];
  const used = new Array(candidates.length).fill(false);
  for (let i = 0; i < candidates.length; i++) {
    if (used[i]) continue;
    const group = [candidates[i]];
    for (let j = i + 1; j < candidates.length; j++) {
      if (!used[j] && iou(candidates[i], candidates[j]) > iouThreshold) {
        used[j] = true;
        group.push(candidates[j]);
      }
    }
    const total = group.reduce((sum, d) => sum + d.score, 0);
    const blend = (key: "x" | "y" | "width" | "height") =>
      group.reduce((sum, d) => sum + d[key] * d.score, 0) / total;
    faces.push({
      x: blend("x"),
      y: blend("y"),
      width: blend("width"),
      height: blend("height"),
      score: candidates[i].score,
      keypoints: candidates[i].keypoints!.map((_, k) => ({
        x: group.reduce((sum, d) => sum + d.keypoints![k].x * d.score, 0) / total,
        y: group.reduce((sum, d) => sum + d.keypoints![k].y * d.score, 0) / total,
      })),
    });
  }
  return faces;
}
