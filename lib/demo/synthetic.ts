/**
 * Synthetic viewings from a seeded PRNG, for tests, benchmarks and demo data: scenes with a
 * mood, runs of expressions, still faces with the odd laugh or jump, short and long
 * look-aways, rewatched and skipped parts, and a subtitle line most of the time. Deterministic
 * for a given seed; no I/O.
 */
import { type Expression, EXPRESSIONS, type RecordedSecondV1 } from "@/lib/recording.ts";
import { seededRandom } from "@/lib/random.ts";

/** Label weights per scene mood, in EXPRESSIONS order (angry, disgust, fear, happy, sad, surprise, neutral). */
const MOODS: readonly (readonly number[])[] = [
  [1, 1, 1, 4, 2, 2, 89], // calm
  [1, 1, 1, 30, 1, 7, 59], // funny
  [3, 4, 20, 1, 2, 15, 55], // scary
  [2, 1, 2, 2, 25, 2, 66], // sad
  [10, 5, 4, 3, 3, 8, 67], // tense
];

export interface SyntheticOptions {
  /** Recorded seconds to produce. */
  seconds: number;
  /** PRNG seed. */
  seed: number;
  /** Probability per second of starting a look-away (default 0.004). */
  lookAway?: number;
  /** Probability per second of seeking (default 0.001). */
  seek?: number;
  /**
   * Weights of the scene moods, in `MOOD_NAMES` order (calm, funny, scary, sad, tense); by
   * default every mood is as likely.
   */
  moods?: readonly number[];
  /** Probability per second with a face of shifting in the seat (moderate movement; default 0.08). */
  restless?: number;
}

/** The scene moods `moods` weighs, in order. */
export const MOOD_NAMES = ["calm", "funny", "scary", "sad", "tense"] as const;

/** A realistic-looking viewing of `seconds` recorded seconds, in recording order. */
export function syntheticViewing(options: SyntheticOptions): RecordedSecondV1[] {
  const random = seededRandom(options.seed);
  const lookAway = options.lookAway ?? 0.004;
  const seek = options.seek ?? 0.001;
  const restless = options.restless ?? 0.08;
  const pick = (weights: readonly number[]) => {
    let r = random() * weights.reduce((a, b) => a + b, 0);
    for (let k = 0; k < weights.length; k++) if ((r -= weights[k]) < 0) return k;
    return weights.length - 1;
  };
  const out: RecordedSecondV1[] = [];
  let t = 0;
  let mood = 0;
  let sceneLeft = 0;
  let label: Expression = "neutral";
  let runLeft = 0;
  let awayLeft = 0;
  let line: string | null = null;
  let lineLeft = 0;
  let lineCount = 0;
  while (out.length < options.seconds) {
    if (sceneLeft-- <= 0) {
      mood = options.moods ? pick(options.moods) : Math.floor(random() * MOODS.length);
      sceneLeft = 30 + Math.floor(random() * 150);
    }
    if (runLeft-- <= 0) {
      label = EXPRESSIONS[pick(MOODS[mood])];
      runLeft = 1 + Math.floor(-Math.log(1 - random()) * (label === "neutral" ? 12 : 4));
    }
    if (awayLeft === 0 && random() < lookAway) {
      awayLeft = random() < 0.8 ? 1 + Math.floor(random() * 3) : 5 + Math.floor(random() * 60);
    }
    if (lineLeft-- <= 0) {
      line = random() < 0.7 ? `Line ${++lineCount}` : null;
      lineLeft = 1 + Math.floor(random() * 4);
    }
    const face = awayLeft === 0;
    if (awayLeft > 0) awayLeft--;
    const laugh = face && (label === "happy" || label === "surprise") && random() < 0.15;
    const movement = !face
      ? 0
      : laugh
      ? 1 + random() * 1.5
      : random() < restless
      ? 0.25 + random() * 0.6
      : random() * 0.2;
    const probs = face ? EXPRESSIONS.map((e) => e === label ? 0.7 : 0.05) : null;
    out.push({
      t,
      face,
      emotion: face ? label : null,
      probs,
      movement: Math.round(movement * 1000) / 1000,
      frames: face ? 12 + Math.floor(random() * 4) : 0,
      line,
    });
    if (random() < seek) {
      t = Math.max(
        0,
        t + (random() < 0.6 ? -(5 + Math.floor(random() * 30)) : 30 + Math.floor(random() * 120)),
      );
    } else {
      t++;
    }
  }
  return out;
}
