/** Predominant expressions and the movement summary of a viewing. */
import { EXPRESSIONS, type RecordedSecond } from "@/lib/recording.ts";
import { roundTo } from "./rules.ts";
import { LARGE, MODERATE, NO_FACE, prepare, type Prepared, STILL } from "./prepare.ts";
import type { MovementSummary, Predominant } from "./types.ts";

/** Share of the seconds with a face per label (all seven, EXPRESSIONS order) and the top one. */
export function predominantOfPrepared(p: Prepared): Predominant {
  const counts = new Array<number>(EXPRESSIONS.length).fill(0);
  for (let i = 0; i < p.n; i++) if (p.label[i] !== NO_FACE) counts[p.label[i]]++;
  let top = -1;
  for (let k = 0; k < counts.length; k++) {
    if (counts[k] > 0 && (top === -1 || counts[k] > counts[top])) top = k;
  }
  return {
    shares: EXPRESSIONS.map((label, k) => ({
      label,
      share: p.faceSec > 0 ? roundTo(counts[k] / p.faceSec, 4) : 0,
    })),
    top: top === -1 ? null : EXPRESSIONS[top],
  };
}

/** Predominant expressions of a viewing: see `predominantOfPrepared`. */
export function predominantOf(seconds: readonly RecordedSecond[]): Predominant {
  return predominantOfPrepared(prepare(seconds));
}

/** Movement over the seconds with a face: mean, 95th percentile (nearest rank), max, categories. */
export function movementSummaryOfPrepared(p: Prepared): MovementSummary {
  const values = new Float64Array(p.faceSec);
  const seconds = { still: 0, moderate: 0, large: 0 };
  let k = 0;
  let sum = 0;
  let max = 0;
  for (let i = 0; i < p.n; i++) {
    if (p.label[i] === NO_FACE) continue;
    values[k++] = p.movement[i];
    sum += p.movement[i];
    if (p.movement[i] > max) max = p.movement[i];
    const c = p.category[i];
    if (c === STILL) seconds.still++;
    else if (c === MODERATE) seconds.moderate++;
    else if (c === LARGE) seconds.large++;
  }
  if (k === 0) return { mean: 0, p95: 0, max: 0, seconds };
  return {
    mean: roundTo(sum / k, 3),
    p95: roundTo(kthSmallest(values, Math.min(k - 1, Math.max(0, Math.ceil(0.95 * k) - 1))), 3),
    max: roundTo(max, 3),
    seconds,
  };
}

/**
 * The k-th smallest value (0-based) of `values`, which it reorders: Hoare's selection, O(n) on
 * average, where sorting a 3-hour viewing's movements took a quarter of its summary's time.
 */
export function kthSmallest(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >>> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const swap = values[i];
        values[i++] = values[j];
        values[j--] = swap;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k];
  }
  return values[k];
}

/** Movement summary of a viewing: see `movementSummaryOfPrepared`. */
export function movementSummaryOf(seconds: readonly RecordedSecond[]): MovementSummary {
  return movementSummaryOfPrepared(prepare(seconds));
}
