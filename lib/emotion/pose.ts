/**
 * Head pose from BlazeFace's key points, pure. The six points (eyes, nose tip, mouth, ear
 * tragions) are compared with a generic adult head, so the angles are estimates in degrees,
 * good for "facing the screen or turned away", not for measurement; each viewer's own
 * calibrated pose is subtracted before any threshold applies (see calibration.ts).
 */
import type { HeadPose, Point } from "./types.ts";

/**
 * A generic head in millimetres, nose tip at the origin, z towards the camera: the pupils
 * 63 mm apart, 34 mm above and 27 mm behind the nose tip; the mouth 30 mm below and 25 mm
 * behind it (the proportions of the generic face model often used with OpenCV's solvePnP).
 */
export const HEAD_MODEL = {
  eyeHalfSpan: 31.5,
  eyeHeight: 34,
  eyeDepth: 27,
  mouthDrop: 30,
  mouthDepth: 25,
} as const;

const DEG = 180 / Math.PI;

/**
 * Yaw and pitch of a head from its key points in image pixels (y down), in BlazeFace's order:
 * the eye on the image's left, the other eye, nose tip, mouth, (ears, unused here: the far ear
 * is a guess once the head turns). The points are first turned so that the eyes are level.
 * - yaw: the nose tip's offset from the eyes' midpoint, over the eye distance. A head turned by
 *   θ moves the nose tip (in front of the eyes) by `eyeDepth · sin θ` while the eyes close up to
 *   `2 · eyeHalfSpan · cos θ`: tan θ = (2 · eyeHalfSpan / eyeDepth) · offset / distance.
 *   Positive when the nose points to the image's right.
 * - pitch: where the nose tip sits between the eyes and the mouth (s = 0 at the eyes, 1 at the
 *   mouth); turning up by φ brings it nearer the eyes. Solving the model's projection for
 *   tan φ gives (eyeHeight − s · (eyeHeight + mouthDrop)) / (eyeDepth − s · (eyeDepth −
 *   mouthDepth)). Positive when the face turns up.
 * Null without the four points, or when the eyes coincide.
 */
export function headPose(keypoints: readonly Point[] | undefined): HeadPose | null {
  if (!keypoints || keypoints.length < 4) return null;
  const [a, b, nose, mouth] = keypoints;
  const distance = Math.hypot(b.x - a.x, b.y - a.y);
  if (!(distance > 0)) return null;
  // Level the eyes: express every point in a frame whose x axis runs from eye to eye.
  const ux = (b.x - a.x) / distance;
  const uy = (b.y - a.y) / distance;
  const mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
  const local = (p: Point) => ({
    x: (p.x - mid.x) * ux + (p.y - mid.y) * uy,
    y: -(p.x - mid.x) * uy + (p.y - mid.y) * ux,
  });
  const n = local(nose);
  const m = local(mouth);
  const h = HEAD_MODEL;
  const yaw = Math.atan(((2 * h.eyeHalfSpan) / h.eyeDepth) * (n.x / distance)) * DEG;
  if (!(m.y > 0)) return { yaw, pitch: 0 };
  const s = n.y / m.y;
  const pitch = Math.atan2(
    h.eyeHeight - s * (h.eyeHeight + h.mouthDrop),
    h.eyeDepth - s * (h.eyeDepth - h.mouthDepth),
  ) * DEG;
  return { yaw, pitch };
}
