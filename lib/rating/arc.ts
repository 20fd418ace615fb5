/**
 * The arc of a viewing's score: its best minute (the peak) and its last five minutes (the
 * end). People judge an experience largely by its peak and its end; the personal model uses
 * both as features. Both are scores in the rating's own terms (`clamp(50 + mean contribution)`
 * over the counted seconds), in recording order.
 */
import { clampScore, roundTo, START_SCORE } from "./rules.ts";

/** The peak is the best stretch of this many consecutive recorded seconds: a minute. */
export const PEAK_SEC = 60;

/** A stretch counts for the peak only with at least this many counted seconds. */
const PEAK_MIN_COUNTED = PEAK_SEC / 2;

/** The end is the last this many recorded seconds: five minutes. */
export const END_SEC = 300;

export interface Arc {
  /** Score of the best minute (one decimal); a viewing under a minute is its own peak. */
  peakScore: number;
  /** Score of the last five recorded minutes (one decimal); the whole of a shorter viewing. */
  endScore: number;
}

const scoreOf = (sum: number, count: number) =>
  count > 0 ? clampScore(START_SCORE + sum / count) : START_SCORE;

/** Peak and end from each recorded second's contribution and whether it is counted. O(n). */
export function arcOf(contribution: ArrayLike<number>, counted: ArrayLike<number>): Arc {
  const n = contribution.length;
  const window = Math.min(PEAK_SEC, n);
  const minCounted = Math.max(1, Math.min(PEAK_MIN_COUNTED, window));
  let sum = 0;
  let count = 0;
  let totalSum = 0;
  let totalCount = 0;
  let peak = -Infinity;
  // One sliding window of `window` recorded seconds.
  for (let i = 0; i < n; i++) {
    sum += contribution[i];
    count += counted[i];
    totalSum += contribution[i];
    totalCount += counted[i];
    if (i >= window) {
      sum -= contribution[i - window];
      count -= counted[i - window];
    }
    if (i >= window - 1 && count >= minCounted) peak = Math.max(peak, scoreOf(sum, count));
  }
  let endSum = 0;
  let endCount = 0;
  for (let i = Math.max(0, n - END_SEC); i < n; i++) {
    endSum += contribution[i];
    endCount += counted[i];
  }
  return {
    peakScore: roundTo(peak === -Infinity ? scoreOf(totalSum, totalCount) : peak, 1),
    endScore: roundTo(scoreOf(endSum, endCount), 1),
  };
}
