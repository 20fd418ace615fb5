/**
 * The face check, pure: the tracker reports face / no face per frame, and single frames flip;
 * the check smooths them over a window (a face counts when it is in at least half the window's
 * frames, as a recorded second counts) and continues once the smoothed face has been held for
 * FACE_HOLD_MS.
 */

/** How long a face must be held before the countdown. */
export const FACE_HOLD_MS = 4000;
/** The smoothing window; the same length as a recorded second. */
export const SMOOTHING_MS = 1000;

export interface FaceSample {
  /** `performance.now()` when the frame was grabbed. */
  time: number;
  face: boolean;
}

export interface FaceHold {
  /** The samples of the last SMOOTHING_MS, oldest first. */
  samples: FaceSample[];
  /** Since when the smoothed state has been "face", or null. */
  since: number | null;
}

export const NO_FACE_HOLD: FaceHold = { samples: [], since: null };

/** Whether a window of samples counts as a face: at least half of them have one. */
export function smoothedFace(samples: readonly FaceSample[]): boolean {
  if (samples.length === 0) return false;
  const faces = samples.filter((s) => s.face).length;
  return faces * 2 >= samples.length;
}

/** The hold after one more frame (frames come in grab order). */
export function addFaceSample(hold: FaceHold, sample: FaceSample): FaceHold {
  const samples = [...hold.samples, sample].filter((s) => s.time > sample.time - SMOOTHING_MS);
  const face = smoothedFace(samples);
  return { samples, since: face ? hold.since ?? sample.time : null };
}

/**
 * Whether the face is in the frame at `now`: the smoothed state, unless no frame came for a
 * whole window (a stalled camera shows no face).
 */
export function faceInFrame(hold: FaceHold, now: number): boolean {
  const last = hold.samples.at(-1);
  return hold.since !== null && last !== undefined && now - last.time < SMOOTHING_MS;
}

/** How far the hold is, 0–1; 1 means the check is passed. */
export function holdProgress(hold: FaceHold, now: number): number {
  if (!faceInFrame(hold, now)) return 0;
  return Math.min(1, Math.max(0, (now - hold.since!) / FACE_HOLD_MS));
}

/** Whether the face has been held long enough to continue. */
export function faceHeld(hold: FaceHold, now: number): boolean {
  return holdProgress(hold, now) >= 1;
}
