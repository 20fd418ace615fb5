/**
 * The per-second contribution and the score, in recording order (the order the seconds were
 * recorded, which is the order of the minute documents and of their `seconds`): streaks,
 * spikes and distraction are about what the viewer's face did one second after another, even
 * when playback jumped.
 *
 * score = clamp(50 + mean contribution of the counted seconds, 0, 100), where a second's
 * contribution is
 * - with a face: `STATE_TABLE[label][category] − 50`, divided by `SUSTAINED_WEIGHT` unless
 *   the second lies in a run of at least `SUSTAINED_MIN_SEC` seconds of the same label,
 *   plus `SPIKE_BONUS` for a movement spike with happy, surprise or angry;
 * - without a face: `NO_FACE_SCORE − 50` inside a run of at least `DISTRACTION_MIN_SEC` seconds
 *   without a face (distraction). A shorter gap is not counted at all (contribution 0, and
 *   left out of the mean): it costs nothing, whatever the rest of the viewing scores.
 * A viewing in one state throughout (five seconds or more) therefore scores its table value.
 */
import { EXPRESSIONS, type RecordedSecond } from "@/lib/recording.ts";
import {
  clampScore,
  DISTRACTION_CONTRIBUTION,
  DISTRACTION_MIN_SEC,
  SPIKE_BONUS,
  SPIKE_EXPRESSIONS,
  START_SCORE,
  STATE_TABLE,
  SUSTAINED_MIN_SEC,
  SUSTAINED_WEIGHT,
} from "./rules.ts";
import { LARGE, NO_FACE, prepare, type Prepared } from "./prepare.ts";

/** Table points (value − 50) by `label * 3 + category`. */
const POINTS = new Float64Array(
  EXPRESSIONS.flatMap((e) => [STATE_TABLE[e].still, STATE_TABLE[e].moderate, STATE_TABLE[e].large])
    .map((value) => value - START_SCORE),
);
const SPIKE_LABEL = new Uint8Array(EXPRESSIONS.map((e) => SPIKE_EXPRESSIONS.has(e) ? 1 : 0));

/** The outcome of one pass over a viewing. */
export interface Scored {
  /** Final contribution of each recorded second. */
  contribution: Float64Array;
  /** 1 for each recorded second in the mean, 0 for those in short gaps (they cost nothing). */
  counted: Uint8Array;
  /** Clamped score had the viewing ended after each second. */
  running: Float64Array;
  /** Clamped, unrounded final score (START_SCORE when no second counts). */
  score: number;
  /** Seconds in the mean: all but those in gaps of fewer than DISTRACTION_MIN_SEC without a face. */
  countedSec: number;
  spikes: number;
  sustainedSec: number;
  distractedSec: number;
}

/** Scores a prepared viewing in one pass: O(n). */
export function scorePrepared(p: Prepared): Scored {
  const { n, label, category } = p;
  const contribution = new Float64Array(n);
  const running = new Float64Array(n);
  const counted = new Uint8Array(n).fill(1);
  let closedSum = 0; // contributions of finished runs
  let spikeSum = 0;
  let spikes = 0;
  let sustainedSec = 0;
  let distractedSec = 0;
  let shortGapSec = 0; // seconds of finished gaps too short to be distraction
  let runLabel = -2; // no run yet
  let runStart = 0;
  let runPoints = 0; // summed table points of the open run (face runs)

  const closeRun = (end: number) => {
    const len = end - runStart;
    if (runLabel === NO_FACE) {
      if (len >= DISTRACTION_MIN_SEC) {
        for (let j = runStart; j < end; j++) contribution[j] = DISTRACTION_CONTRIBUTION;
        closedSum += DISTRACTION_CONTRIBUTION * len;
        distractedSec += len;
      } else {
        counted.fill(0, runStart, end);
        shortGapSec += len;
      }
    } else if (len >= SUSTAINED_MIN_SEC) {
      // contribution[j] holds the table points; inside a sustained run they count in full.
      closedSum += runPoints;
      sustainedSec += len;
    } else {
      for (let j = runStart; j < end; j++) contribution[j] /= SUSTAINED_WEIGHT;
      closedSum += runPoints / SUSTAINED_WEIGHT;
    }
  };

  let bonus: Uint8Array | null = null;
  for (let i = 0; i < n; i++) {
    const l = label[i];
    if (l !== runLabel) {
      if (runLabel !== -2) closeRun(i);
      runLabel = l;
      runStart = i;
      runPoints = 0;
    }
    if (l !== NO_FACE) {
      const points = POINTS[l * 3 + category[i]];
      contribution[i] = points;
      runPoints += points;
      // A spike: large now, after a recorded second with a face that was not large.
      if (
        category[i] === LARGE && SPIKE_LABEL[l] === 1 && i > 0 && label[i - 1] !== NO_FACE &&
        category[i - 1] !== LARGE
      ) {
        (bonus ??= new Uint8Array(n))[i] = 1;
        spikes++;
        spikeSum += SPIKE_BONUS;
      }
    }
    const len = i + 1 - runStart;
    const openGap = l === NO_FACE && len < DISTRACTION_MIN_SEC ? len : 0;
    const open = l === NO_FACE
      ? (openGap > 0 ? 0 : DISTRACTION_CONTRIBUTION * len)
      : (len >= SUSTAINED_MIN_SEC ? runPoints : runPoints / SUSTAINED_WEIGHT);
    const counted = i + 1 - shortGapSec - openGap;
    running[i] = counted > 0
      ? clampScore(START_SCORE + (closedSum + open + spikeSum) / counted)
      : START_SCORE;
  }
  if (n > 0) closeRun(n);
  if (bonus) { for (let i = 0; i < n; i++) if (bonus[i]) contribution[i] += SPIKE_BONUS; }
  return {
    contribution,
    counted,
    running,
    score: n > 0 ? running[n - 1] : START_SCORE,
    countedSec: n - shortGapSec,
    spikes,
    sustainedSec,
    distractedSec,
  };
}

/**
 * Each recorded second's contribution to the score, in points above or below 50, in the
 * order given (recording order). The rating is `clamp(50 + mean, 0, 100)`, the mean taken
 * over the counted seconds (all but those in gaps shorter than five seconds without a face).
 */
export function contributions(seconds: readonly RecordedSecond[]): number[] {
  return Array.from(scorePrepared(prepare(seconds)).contribution);
}

/** The running score after each recorded second: the rating had the viewing ended there. */
export function runningScores(seconds: readonly RecordedSecond[]): number[] {
  return Array.from(scorePrepared(prepare(seconds)).running);
}

/** The unrounded, clamped score of a viewing (50 when no second counts, e.g. an empty one). */
export function scoreOf(seconds: readonly RecordedSecond[]): number {
  return scorePrepared(prepare(seconds)).score;
}
