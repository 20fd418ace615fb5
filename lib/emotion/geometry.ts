/**
 * Frame geometry, pure: padding a frame to the detector's square input, mapping boxes
 * back, and the square crop the expression classifiers see.
 */
import type { Box, Point } from "./types.ts";

/** Where a width×height frame sits, centred, inside a square of side `size`. */
export interface SquarePadding {
  size: number;
  offsetX: number;
  offsetY: number;
}

/**
 * Centres a frame in a square `margin` times its longer side (1: the smallest square that holds
 * it). The detector needs a square input; stretching the frame instead would distort the boxes.
 * A margin above 1 leaves room around a face that fills the frame, which the detector otherwise
 * misses (its anchors expect a face with some context around it).
 */
export function squarePadding(width: number, height: number, margin = 1): SquarePadding {
  const size = Math.max(width, height) * margin;
  return { size, offsetX: (size - width) / 2, offsetY: (size - height) / 2 };
}

/**
 * Whether a box found in a width×height frame reaches its edge (within `tolerance` pixels):
 * the face may be cut by the frame, and its box then guessed from a part of it.
 */
export function touchesEdge(box: Box, width: number, height: number, tolerance = 1): boolean {
  return box.x <= tolerance || box.y <= tolerance ||
    box.x + box.width >= width - tolerance || box.y + box.height >= height - tolerance;
}

/** Maps a box (and its key points) found in the detector's `inputSize` square to frame pixels. */
export function boxFromSquare<T extends Box & { keypoints?: Point[] }>(
  box: T,
  padding: SquarePadding,
  inputSize: number,
): T {
  const scale = padding.size / inputSize;
  const mapped: T = {
    ...box,
    x: box.x * scale - padding.offsetX,
    y: box.y * scale - padding.offsetY,
    width: box.width * scale,
    height: box.height * scale,
  };
  if (box.keypoints) {
    mapped.keypoints = box.keypoints.map((p) => ({
      x: p.x * scale - padding.offsetX,
      y: p.y * scale - padding.offsetY,
    }));
  }
  return mapped;
}

/**
 * The head's roll in radians, from the line between the eyes (0 when they are level,
 * positive when the eye on the image's right is lower). Needs the detector's key points.
 */
export function rollAngle(keypoints: Point[] | undefined): number {
  if (!keypoints || keypoints.length < 2) return 0;
  const [first, second] = keypoints;
  return Math.atan2(second.y - first.y, second.x - first.x);
}

/** Clips a box to the frame; width or height 0 when it lies outside. */
export function clampBox<T extends Box>(box: T, width: number, height: number): T {
  const x0 = Math.min(Math.max(box.x, 0), width);
  const y0 = Math.min(Math.max(box.y, 0), height);
  const x1 = Math.min(Math.max(box.x + box.width, 0), width);
  const y1 = Math.min(Math.max(box.y + box.height, 0), height);
  return { ...box, x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/**
 * The square crop around a face for the classifier: side `scale` × the box's longer side,
 * centred on the box, moved inside the frame (and shrunk only when the frame is smaller).
 * The classifiers are sensitive to it: face-api loses accuracy fast beyond about 1.2×.
 */
export function squareCrop(box: Box, width: number, height: number, scale = 1.1): Box {
  const side = Math.min(Math.max(box.width, box.height) * scale, width, height);
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const x = Math.min(Math.max(cx - side / 2, 0), width - side);
  const y = Math.min(Math.max(cy - side / 2, 0), height - side);
  return { x, y, width: side, height: side };
}

/** Intersection over union of two boxes (0 when they do not overlap). */
export function iou(a: Box, b: Box): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  return inter / (a.width * a.height + b.width * b.height - inter);
}
