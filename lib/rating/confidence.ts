/**
 * How sure a rating is: a 90 % interval from a bootstrap over its minutes, and whether it rests
 * on so little signal that it is only a first impression (provisional). Computed once, when a
 * viewing finishes; deterministic (a fixed seed), so the same seconds always give the same
 * interval.
 */
import { seededRandom } from "@/lib/random.ts";
import { clampScore, roundTo, START_SCORE } from "./rules.ts";
import type { RatingInterval } from "./types.ts";

/** The interval holds the middle 90 % of the resampled ratings. */
export const INTERVAL_LEVEL = 0.9;

/** Resampled ratings per interval: enough for stable 5th and 95th percentiles, cheap at 3 h. */
export const BOOTSTRAP_RESAMPLES = 400;

/** Fixed, so an interval is a function of the seconds alone. */
const BOOTSTRAP_SEED = 65;

/**
 * A block is a minute of recorded seconds (what one minute document holds): reactions within a
 * minute hang together (a scene, a streak), so the minutes, not the seconds, are resampled.
 */
export const BLOCK_SEC = 60;

/** Fewer blocks than this would make the bootstrap blind; shorter viewings use shorter blocks. */
export const MIN_BLOCKS = 12;

/** More blocks than this add cost, not accuracy; longer viewings use blocks of whole minutes. */
export const MAX_BLOCKS = 60;

/** The shortest block, for viewings under 12 minutes (a streak lasts several seconds). */
export const MIN_BLOCK_SEC = 10;

/** A rating based on fewer seconds with a face read than this (5 minutes) is provisional. */
export const PROVISIONAL_BELOW_SEC = 300;

/**
 * The block length for a viewing of `n` recorded seconds: a minute from 12 minutes to an hour;
 * shorter below (at least 10 s) to keep 12 blocks; whole minutes above, to keep at most 60.
 */
export function blockSecFor(n: number): number {
  if (n > MAX_BLOCKS * BLOCK_SEC) return BLOCK_SEC * Math.ceil(n / (MAX_BLOCKS * BLOCK_SEC));
  return Math.max(MIN_BLOCK_SEC, Math.min(BLOCK_SEC, Math.floor(n / MIN_BLOCKS)));
}

/** Whether a rating with `faceSec` seconds of readable face is only a first impression. */
export function isProvisional(faceSec: number): boolean {
  return faceSec < PROVISIONAL_BELOW_SEC;
}

/**
 * The 90 % interval of a rating: split the recorded seconds (recording order) into blocks of
 * `blockSecFor(n)` (the last one may be shorter), draw as many blocks with replacement, rate the draw like a viewing
 * (`clamp(50 + Σ contribution / Σ counted)`), repeat `BOOTSTRAP_RESAMPLES` times and keep the
 * 5th and 95th percentiles. The bounds are widened, if need be, to hold the rating itself
 * (`score`), and rounded outwards to one decimal. An empty viewing gets the point interval at
 * its score.
 */
export function ratingInterval(
  contribution: ArrayLike<number>,
  counted: ArrayLike<number>,
  score: number,
): RatingInterval {
  const n = contribution.length;
  const rating = roundTo(score, 1);
  if (n === 0) return { low: rating, high: rating };
  const blockSec = blockSecFor(n);
  const blocks = Math.ceil(n / blockSec);
  const sums = new Float64Array(blocks);
  const counts = new Float64Array(blocks);
  for (let i = 0; i < n; i++) {
    const b = Math.floor(i / blockSec);
    sums[b] += contribution[i];
    counts[b] += counted[i];
  }
  const random = seededRandom(BOOTSTRAP_SEED);
  const resampled = new Float64Array(BOOTSTRAP_RESAMPLES);
  for (let r = 0; r < BOOTSTRAP_RESAMPLES; r++) {
    let sum = 0;
    let count = 0;
    for (let k = 0; k < blocks; k++) {
      const b = Math.floor(random() * blocks);
      sum += sums[b];
      count += counts[b];
    }
    resampled[r] = count > 0 ? clampScore(START_SCORE + sum / count) : START_SCORE;
  }
  resampled.sort();
  const tail = (1 - INTERVAL_LEVEL) / 2;
  const low = resampled[Math.floor(tail * BOOTSTRAP_RESAMPLES)];
  const high = resampled[Math.ceil((1 - tail) * BOOTSTRAP_RESAMPLES) - 1];
  return {
    low: Math.min(rating, Math.floor(low * 10 + 1e-9) / 10),
    high: Math.max(rating, Math.ceil(high * 10 - 1e-9) / 10),
  };
}
