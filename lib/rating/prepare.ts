/**
 * Reads recorded seconds once into compact arrays the other modules share, in recording
 * order. Both versions of a recorded second map onto the same two cases: a face watching the
 * screen with its (calibrated) label, or no face. A version-2 second that is "away" or
 * "absent" counts as no face (distraction, when it lasts); an "unknown" one (a picture too poor
 * to tell) is left out of the rating entirely, as if it had not been recorded. Robust to what a
 * well-behaved client never sends: a second marked as watching without a valid label counts
 * as no face, a negative or non-finite movement counts as 0 and one above MOVEMENT_MAX as
 * MOVEMENT_MAX, and a non-finite playback second takes the previous one's.
 */
import {
  EXPRESSIONS,
  MOVEMENT_MAX,
  type RecordedSecond,
  secondState,
  watchedExpression,
} from "@/lib/recording.ts";
import { MOVEMENT_THRESHOLDS } from "./rules.ts";

/** Movement category codes in `Prepared.category`. */
export const STILL = 0;
export const MODERATE = 1;
export const LARGE = 2;

/** Label code of a second without a face in `Prepared.label`. */
export const NO_FACE = -1;

const LABEL_INDEX: ReadonlyMap<string, number> = new Map(EXPRESSIONS.map((e, i) => [e, i]));

export interface Prepared {
  /** Rated seconds: the recorded ones less the unknown ones. */
  n: number;
  /** For each rated second, its index in the seconds given. */
  source: Int32Array;
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

/** Whether a second counts in the rating: every second but the "unknown" ones. */
export function isRated(second: RecordedSecond): boolean {
  return secondState(second) !== "unknown";
}

/** The seconds the rating counts, in the order given: see `isRated`. */
export function ratedSeconds(seconds: readonly RecordedSecond[]): RecordedSecond[] {
  return seconds.filter(isRated);
}

/** Compacts `seconds` (in recording order) for the rating passes, leaving out unknown ones. */
export function prepare(all: readonly RecordedSecond[]): Prepared {
  const source = new Int32Array(all.length);
  let n = 0;
  for (let i = 0; i < all.length; i++) if (isRated(all[i])) source[n++] = i;
  const seconds = n === all.length ? all : Array.from(source.subarray(0, n), (i) => all[i]);
  const label = new Int8Array(n);
  const category = new Uint8Array(n);
  const movement = new Float64Array(n);
  const t = new Float64Array(n);
  let faceSec = 0;
  for (let i = 0; i < n; i++) {
    const s = seconds[i];
    t[i] = Number.isFinite(s.t) ? Math.floor(s.t) : i > 0 ? t[i - 1] : 0;
    const emotion = watchedExpression(s);
    const index = emotion === null ? undefined : LABEL_INDEX.get(emotion);
    if (index === undefined) {
      label[i] = NO_FACE;
      continue;
    }
    faceSec++;
    label[i] = index;
    // The edge refuses more than MOVEMENT_MAX; minutes stored before it did may hold more.
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
  return { n, source: source.slice(0, n), label, category, movement, t, faceSec };
}
