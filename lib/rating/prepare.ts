/**
 * Reads recorded seconds once into compact arrays the other modules share, in recording
 * order. Robust to what a well-behaved client never sends: a second marked `face` without a
 * valid label counts as no face, a negative or non-finite movement counts as 0, a movement
 * beyond `MOVEMENT_MAX` as `MOVEMENT_MAX`, and a non-finite playback second takes the previous
 * one's.
 */
import { EXPRESSIONS, type RecordedSecond } from "@/lib/recording.ts";
import { MOVEMENT_MAX, MOVEMENT_THRESHOLDS } from "./rules.ts";

/** Movement category codes in `Prepared.category`. */
export const STILL = 0;
export const MODERATE = 1;
export const LARGE = 2;

/** Label code of a second without a face in `Prepared.label`. */
export const NO_FACE = -1;

const LABEL_INDEX: ReadonlyMap<string, number> = new Map(EXPRESSIONS.map((e, i) => [e, i]));

export interface Prepared {
  n: number;
  /** Index into EXPRESSIONS, or NO_FACE. */
  label: Int8Array;
  /** STILL, MODERATE or LARGE (STILL for seconds without a face). */
  category: Uint8Array;
  /** Movement in face widths per second (0 for seconds without a face). */
  movement: Float64Array;
  /** Playback second, as an integer (a non-finite `t` takes the previous second's, or 0). */
  t: Float64Array;
  faceSec: number;
}

/** Compacts `seconds` (in recording order) for the rating passes. */
export function prepare(seconds: readonly RecordedSecond[]): Prepared {
  const n = seconds.length;
  const label = new Int8Array(n);
  const category = new Uint8Array(n);
  const movement = new Float64Array(n);
  const t = new Float64Array(n);
  let faceSec = 0;
  for (let i = 0; i < n; i++) {
    const s = seconds[i];
    t[i] = Number.isFinite(s.t) ? Math.floor(s.t) : i > 0 ? t[i - 1] : 0;
    const index = s.face === true && s.emotion !== null ? LABEL_INDEX.get(s.emotion) : undefined;
    if (index === undefined) {
      label[i] = NO_FACE;
      continue;
    }
    faceSec++;
    label[i] = index;
    const m = s.movement >= 0 && Number.isFinite(s.movement)
      ? Math.min(MOVEMENT_MAX, s.movement)
      : 0;
    movement[i] = m;
    category[i] = m >= MOVEMENT_THRESHOLDS.large
      ? LARGE
      : m >= MOVEMENT_THRESHOLDS.moderate
      ? MODERATE
      : STILL;
  }
  return { n, label, category, movement, t, faceSec };
}
