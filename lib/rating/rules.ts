/**
 * Every rule and constant of the rating, in one place. `docs/rating.md` explains each; the
 * tests check that a whole viewing in one state scores exactly its `STATE_TABLE` value.
 */
import type { Expression } from "@/lib/recording.ts";
import type { MovementCategory } from "./types.ts";

/** Where every score starts, and what a viewing in which no second counts scores. */
export const START_SCORE = 50;

/**
 * Movement categories, in face widths per second (the path the face centre travelled in the
 * second, frame to frame, divided by the face's width, so it depends neither on the camera's
 * resolution nor on the distance to the screen).
 * - below `moderate` (0.3) is `still`: a face at rest still wobbles from frame to frame
 *   (detector jitter, breathing, blinking). Measured on real webcam video of a face at rest
 *   (`deno task bench signal`, docs/rating.md): 27 of 28 seconds at 25 frames a second stayed
 *   below 0.25 (median 0.07–0.16); analysing up to 30 frames a second adds about a fifth;
 * - from 0.25 to 1 is `moderate`: nodding, shifting in the seat, a chuckle;
 * - from 1 (`large`) on, the whole head moved by at least its own width in one second:
 *   throwing the head back in a laugh, a jump, turning away.
 */
export const MOVEMENT_THRESHOLDS = { moderate: 0.3, large: 1 } as const;

/** Movement beyond this counts as this much, so that sums and means of movement stay finite. */
export { MOVEMENT_MAX } from "@/lib/recording.ts";

/** The movement category of a second; a negative or non-finite movement counts as still. */
export function movementCategory(movement: number): MovementCategory {
  if (!(movement >= MOVEMENT_THRESHOLDS.moderate)) return "still";
  return movement >= MOVEMENT_THRESHOLDS.large ? "large" : "moderate";
}

/**
 * The rating a whole viewing gets when every second is in the same state (expression ×
 * movement), from the anchor neutral and still = 65. This is literally what such a viewing
 * scores, at any length of five seconds or more. A second's contribution is derived from it:
 * `value − 50` inside a sustained run, `(value − 50) / SUSTAINED_WEIGHT` outside one. Every
 * value with a face is at least 50: a face turned to the screen never counts against a film
 * (a blank face fidgeting just earns little), which is what keeps "distraction never raises the
 * score" true. The reasons per row are in docs/rating.md.
 */
export const STATE_TABLE: Readonly<Record<Expression, Readonly<Record<MovementCategory, number>>>> =
  {
    happy: { still: 80, moderate: 88, large: 95 },
    surprise: { still: 75, moderate: 82, large: 88 },
    fear: { still: 72, moderate: 76, large: 78 },
    sad: { still: 72, moderate: 70, large: 62 },
    angry: { still: 62, moderate: 66, large: 70 },
    disgust: { still: 60, moderate: 62, large: 64 },
    neutral: { still: 65, moderate: 58, large: 52 },
  };

/** What a whole viewing without a face scores: nobody, or nobody visible, watched. */
export const NO_FACE_SCORE = 10;

/** A run of at least this many recorded seconds of the same expression is a sustained reaction. */
export const SUSTAINED_MIN_SEC = 5;

/** How much more a second inside a sustained reaction weighs than one outside. */
export const SUSTAINED_WEIGHT = 1.25;

/**
 * A run of at least this many recorded seconds without a face is distraction; a shorter gap
 * is left out of the mean, so it costs nothing.
 */
export const DISTRACTION_MIN_SEC = 5;

/**
 * Points a movement spike adds to its second when the expression is one of `SPIKE_EXPRESSIONS`.
 * A spike is a second in the large category whose previous recorded second had a face and was
 * not large: the onset of a burst of movement, not a viewer who keeps moving. It must not
 * exceed the smallest step from happy-moderate to happy-large (0.8 × 7 = 5.6 points), so that
 * giving a happy second a spike can never lower the score (see docs/rating.md).
 */
export const SPIKE_BONUS = 5;

/** Expressions whose movement spike is a reaction: a laugh, a jump, an outburst. */
export const SPIKE_EXPRESSIONS: ReadonlySet<Expression> = new Set(["happy", "surprise", "angry"]);

/** Length of the favourite section and of the moments, in playback seconds. */
export const WINDOW_SEC = 20;

/** How many moments follow the favourite section. */
export const MOMENT_COUNT = 2;

/** Lowest and highest rating. */
export const SCORE_MIN = 0;
export const SCORE_MAX = 100;

/** Contribution of a second with a face, outside (`sustained` false) or inside a sustained run. */
export function stateContribution(
  emotion: Expression,
  category: MovementCategory,
  sustained: boolean,
): number {
  const points = STATE_TABLE[emotion][category] - START_SCORE;
  return sustained ? points : points / SUSTAINED_WEIGHT;
}

/** Contribution of each second of a run of at least `DISTRACTION_MIN_SEC` without a face. */
export const DISTRACTION_CONTRIBUTION = NO_FACE_SCORE - START_SCORE;

/** Clamps a score to 0–100. */
export function clampScore(score: number): number {
  return Math.min(SCORE_MAX, Math.max(SCORE_MIN, score));
}

/** Rounds to `digits` decimals, for the stored summary. */
export function roundTo(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
