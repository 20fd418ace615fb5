/**
 * Downsampling for charts: long films become at most a few thousand points per series without
 * losing their peaks. Pure; returns indices into the original series, so every point drawn is a
 * real second (its subtitle line and exact values included), never an average.
 */

/** The most points a chart series carries to the browser. */
export const MAX_CHART_POINTS = 2000;

/**
 * Picks at most `maxPoints` indices of a series of `length` values, in ascending order: the
 * first and the last, and in each of equal buckets in between, the index of the smallest and of
 * the largest value (min/max per bucket). So the global minimum and maximum, and every local
 * peak wider than a bucket, survive. A series that already fits is returned whole.
 * `valueAt(i)` gives the value at index i; non-finite values count as 0.
 */
export function extremaIndices(
  length: number,
  valueAt: (i: number) => number,
  maxPoints: number = MAX_CHART_POINTS,
): number[] {
  if (!Number.isInteger(maxPoints) || maxPoints < 2) {
    throw new RangeError(`maxPoints must be an integer of at least 2, not ${maxPoints}`);
  }
  const all = Math.max(0, Math.floor(length));
  if (all <= maxPoints) return Array.from({ length: all }, (_, i) => i);
  const value = (i: number) => {
    const v = valueAt(i);
    return Number.isFinite(v) ? v : 0;
  };
  const inner = all - 2; // indices 1 … all-2
  const buckets = Math.floor((maxPoints - 2) / 2);
  if (maxPoints === 2) return [0, all - 1];
  if (buckets === 0) {
    // Room for one point between the endpoints: the largest value.
    let max = 1;
    for (let i = 2; i <= inner; i++) if (value(i) > value(max)) max = i;
    return [0, max, all - 1];
  }
  const out: number[] = [0];
  for (let b = 0; b < buckets; b++) {
    const from = 1 + Math.floor((b * inner) / buckets);
    const to = 1 + Math.floor(((b + 1) * inner) / buckets);
    if (from >= to) continue;
    let min = from;
    let max = from;
    let minValue = value(from);
    let maxValue = minValue;
    for (let i = from + 1; i < to; i++) {
      const v = value(i);
      if (v < minValue) [min, minValue] = [i, v];
      if (v > maxValue) [max, maxValue] = [i, v];
    }
    if (min === max) out.push(min);
    else out.push(Math.min(min, max), Math.max(min, max));
  }
  out.push(all - 1);
  return out;
}
