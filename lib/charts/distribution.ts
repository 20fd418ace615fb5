/**
 * The layout of a film's rating distribution, drawn as server-rendered SVG: a histogram of
 * ten 10-point bins from `MIN_HISTOGRAM_RATINGS` ratings on, each rating as its own dot below
 * that (a histogram of two viewings is two bars and eight empty bins: it says nothing a dot
 * would not say better). Pure; positions are shares of the plot (0–1).
 */
import { integerTicks } from "./axis.ts";

/** From this many ratings on a histogram is drawn; fewer are shown one by one. */
export const MIN_HISTOGRAM_RATINGS = 5;

export interface HistogramLayout {
  kind: "histogram";
  /** Whole-number ticks of the count axis, from 0. */
  ticks: number[];
  /** One per bin: its count and its height as a share of the axis (0–1, never below 0). */
  bars: { from: number; to: number; count: number; height: number }[];
}

export interface DotsLayout {
  kind: "dots";
  /** One per rating, ascending: where it sits on the 0–100 axis (0–1) and its row (0 = lowest). */
  dots: { rating: number; x: number; row: number }[];
  rows: number;
}

/**
 * A histogram from the film's bins, or dots from its `ratings` when it has fewer than
 * `MIN_HISTOGRAM_RATINGS` and they are all known. Dots closer than `minGap` (a share of the
 * axis) go to separate rows, so neither the dots nor their labels overlap.
 */
export function distributionLayout(
  histogram: readonly number[],
  ratings: readonly number[] | null,
  minGap = 0.1,
): HistogramLayout | DotsLayout {
  const counts = histogram.map((c) => (Number.isFinite(c) && c > 0 ? Math.floor(c) : 0));
  const total = counts.reduce((a, b) => a + b, 0);
  const known = (ratings ?? []).filter(Number.isFinite);
  if (total < MIN_HISTOGRAM_RATINGS && ratings && known.length === total) {
    const sorted = [...known].sort((a, b) => a - b);
    const rowEnds: number[] = [];
    const dots = sorted.map((rating) => {
      const x = Math.round(Math.min(100, Math.max(0, rating)) * 100) / 10000;
      let row = rowEnds.findIndex((end) => x - end >= minGap);
      if (row < 0) row = rowEnds.push(x) - 1;
      else rowEnds[row] = x;
      return { rating, x, row };
    });
    return { kind: "dots", dots, rows: Math.max(1, rowEnds.length) };
  }
  const ticks = integerTicks(Math.max(0, ...counts));
  const top = ticks[ticks.length - 1];
  const width = 100 / Math.max(1, counts.length);
  return {
    kind: "histogram",
    ticks,
    bars: counts.map((count, k) => ({
      from: k * width,
      to: Math.min(100, (k + 1) * width),
      count,
      height: count / top,
    })),
  };
}
