/**
 * Head pose from BlazeFace's key points, pure. The eyes, nose tip and mouth are fitted to a
 * generic adult head, so the angles are estimates in degrees, good for "facing the screen or
 * turned away", not for measurement; each viewer's own calibrated pose is subtracted before any
 * threshold applies (see calibration.ts). The ear points are left out: once the head turns, the
 * far ear is hidden and its point a guess.
 */
import type { HeadPose, Point } from "./types.ts";

/**
 * A generic head in millimetres, nose tip at the origin, x to the head's left as the camera
 * sees it (the image's right), y up, z towards the camera: the pupils 63 mm apart, 34 mm above
 * and 27 mm behind the nose tip; the mouth 30 mm below and 25 mm behind it (the proportions of
 * the generic face model often used with OpenCV's solvePnP).
 */
export const HEAD_MODEL = {
  eyeHalfSpan: 31.5,
  eyeHeight: 34,
  eyeDepth: 27,
  mouthDrop: 30,
  mouthDepth: 25,
} as const;

type Vec3 = [number, number, number];

const h = HEAD_MODEL;
/** The model's points in BlazeFace's order: eye on the image's left, other eye, nose, mouth. */
const MODEL: Vec3[] = [
  [-h.eyeHalfSpan, h.eyeHeight, -h.eyeDepth],
  [h.eyeHalfSpan, h.eyeHeight, -h.eyeDepth],
  [0, 0, 0],
  [0, -h.mouthDrop, -h.mouthDepth],
];

function centred<T extends number[]>(points: T[]): T[] {
  const mean = points[0].map((_, k) => points.reduce((s, p) => s + p[k], 0) / points.length);
  return points.map((p) => p.map((v, k) => v - mean[k]) as T);
}

const CENTRED_MODEL = centred(MODEL);

/** The inverse of the model's 3×3 scatter matrix Σ PᵀP, computed once. */
const MODEL_SCATTER_INVERSE: number[][] = (() => {
  const a = [0, 1, 2].map((i) =>
    [0, 1, 2].map((j) => CENTRED_MODEL.reduce((s, p) => s + p[i] * p[j], 0))
  );
  const c = (i: number, j: number) => {
    const r = [0, 1, 2].filter((k) => k !== i);
    const q = [0, 1, 2].filter((k) => k !== j);
    return a[r[0]][q[0]] * a[r[1]][q[1]] - a[r[0]][q[1]] * a[r[1]][q[0]];
  };
  const det = a[0][0] * c(0, 0) - a[0][1] * c(0, 1) + a[0][2] * c(0, 2);
  return [0, 1, 2].map((i) => [0, 1, 2].map((j) => ((i + j) % 2 ? -1 : 1) * c(j, i) / det));
})();

const norm = (v: Vec3) => Math.hypot(v[0], v[1], v[2]);
const scale = (v: Vec3, k: number): Vec3 => [v[0] * k, v[1] * k, v[2] * k];
const add = (a: Vec3, b: Vec3): Vec3 => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const cross = (a: Vec3, b: Vec3): Vec3 => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
];

const DEG = 180 / Math.PI;

/**
 * Yaw and pitch of a head from its key points in image pixels (y down), in BlazeFace's order
 * (the eye on the image's left, the other eye, nose tip, mouth, then the ears, unused).
 *
 * A weak-perspective fit: the least-squares linear map from the centred generic head to the
 * centred points gives two rows of a scaled rotation; they are made orthonormal and their cross
 * product is the head's forward direction n as the camera sees it. Yaw is its sideways angle,
 * asin(n_x) (positive when the nose points to the image's right), pitch its upward angle,
 * atan2(n_y, n_z) (positive when the face turns up). Roll (a tilted head) changes neither.
 * Null without the four points or when they are degenerate (all on one spot or one line).
 */
export function headPose(keypoints: readonly Point[] | undefined): HeadPose | null {
  if (!keypoints || keypoints.length < 4) return null;
  // Image points with y up, centred.
  const image = centred(keypoints.slice(0, 4).map((p) => [p.x, -p.y]));
  // M (2×3) = (Σ pᵢ Pᵢᵀ)(Σ Pᵢ Pᵢᵀ)⁻¹ maps the centred model onto the centred image points.
  const rows = [0, 1].map((r) => {
    const b = [0, 1, 2].map((k) => image.reduce((s, p, i) => s + p[r] * CENTRED_MODEL[i][k], 0));
    return [0, 1, 2].map((j) =>
      b.reduce((s, bk, k) => s + bk * MODEL_SCATTER_INVERSE[k][j], 0)
    ) as Vec3;
  });
  const [r1, r2] = rows;
  const n1 = norm(r1);
  const n2 = norm(r2);
  if (!(n1 > 1e-9 && n2 > 1e-9)) return null;
  // The nearest orthonormal pair to the two normalised rows: rotate them symmetrically apart.
  const a = scale(r1, 1 / n1);
  const b = scale(r2, 1 / n2);
  const c = add(a, b);
  const d = sub(a, b);
  const nc = norm(c);
  const nd = norm(d);
  if (!(nc > 1e-9 && nd > 1e-9)) return null;
  const x = scale(add(scale(c, 1 / nc), scale(d, 1 / nd)), Math.SQRT1_2);
  const y = scale(sub(scale(c, 1 / nc), scale(d, 1 / nd)), Math.SQRT1_2);
  // Rows x, y, z of the rotation; its third column is the model's forward axis in camera terms.
  const z = cross(x, y);
  const forward: Vec3 = [x[2], y[2], z[2]];
  const yaw = Math.asin(Math.max(-1, Math.min(1, forward[0]))) * DEG;
  const pitch = Math.atan2(forward[1], forward[2]) * DEG;
  if (!Number.isFinite(yaw) || !Number.isFinite(pitch)) return null;
  return { yaw, pitch };
}
