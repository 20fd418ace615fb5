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
  const sum = new Float64Array(n + 1);
  const count = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    sum[i + 1] = sum[i] + contribution[i];
    count[i + 1] = count[i] + counted[i];
  }
  const window = Math.min(PEAK_SEC, n);
  let peak = -Infinity;
  for (let a = 0; a + window <= n; a++) {
    const c = count[a + window] - count[a];
    if (c < Math.min(PEAK_MIN_COUNTED, window) || c === 0) continue;
    peak = Math.max(peak, scoreOf(sum[a + window] - sum[a], c));
  }
  const from = Math.max(0, n - END_SEC);
  const end = scoreOf(sum[n] - sum[from], count[n] - count[from]);
  return {
    peakScore: roundTo(peak === -Infinity ? scoreOf(sum[n], count[n]) : peak, 1),
    endScore: roundTo(end, 1),
  };
}
