/**
 * The favourite section and the moments: the best 20-second sections of playback time by
 * summed contribution. One sliding pass computes every section's sum; picking the best few
 * non-overlapping ones is then linear too.
 */
import { MOMENT_COUNT, WINDOW_SEC } from "./rules.ts";

/** A section found by `findMoments`, before lines and rounding are added. */
export interface Section {
  /** First playback second. */
  start: number;
  /** Exclusive end: one past the last valued second inside the section. */
  end: number;
  /** Summed value. */
  sum: number;
  /** Indices into the input arrays of the first and one past the last second of the section. */
  from: number;
  to: number;
}

/** Contributions are quantised to this before summing, so sliding sums are exact and ties are true ties. */
const QUANTUM = 1 / 1024;

/**
 * The best `count` non-overlapping sections of `windowSec` playback seconds, best first.
 * `t` holds distinct playback seconds in ascending order and `value` the value of each.
 * A section starts at a valued second and spans [start, start + windowSec); seconds missing
 * from `t` count nothing. Only sections with a positive sum qualify; on a tie the earlier
 * section wins. O(length of t × count).
 */
export function findMoments(
  t: readonly number[],
  value: ArrayLike<number>,
  count = 1 + MOMENT_COUNT,
  windowSec = WINDOW_SEC,
): Section[] {
  const m = t.length;
  const sums = new Float64Array(m);
  const ends = new Int32Array(m);
  let sum = 0;
  let b = 0;
  for (let a = 0; a < m; a++) {
    while (b < m && t[b] < t[a] + windowSec) sum += Math.round(value[b++] / QUANTUM) * QUANTUM;
    sums[a] = sum;
    ends[a] = b;
    sum -= Math.round(value[a] / QUANTUM) * QUANTUM;
  }
  const chosen: Section[] = [];
  for (let k = 0; k < count; k++) {
    let best = -1;
    for (let a = 0; a < m; a++) {
      if (sums[a] <= 0 || (best !== -1 && sums[a] <= sums[best])) continue;
      const start = t[a];
      const end = t[ends[a] - 1] + 1;
      if (chosen.every((c) => end <= c.start || c.end <= start)) best = a;
    }
    if (best === -1) break;
    chosen.push({
      start: t[best],
      end: t[ends[best] - 1] + 1,
      sum: sums[best],
      from: best,
      to: ends[best],
    });
  }
  return chosen;
}
