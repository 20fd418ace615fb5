/**
 * What the viewing page shows beyond the stored summary: the three charts' series (downsampled
 * to real seconds, with their subtitle lines) and the per-minute table that carries the same
 * numbers without JavaScript. Pure; the route reads the viewing and its seconds.
 */
import {
  type Expression,
  EXPRESSIONS,
  type RecordedSecond,
  watchedExpression,
} from "@/lib/recording.ts";
import type { ViewingSummary } from "@/lib/rating/types.ts";
import { ratedSeconds } from "@/lib/rating/prepare.ts";
import { extremaIndices, MAX_CHART_POINTS } from "@/lib/charts/downsample.ts";

/**
 * The rows of the expression chart, bottom to top: no face, then calm to strong reactions.
 * `null` is "no face".
 */
export const EXPRESSION_ROWS: readonly (Expression | null)[] = [
  null,
  "neutral",
  "sad",
  "disgust",
  "angry",
  "fear",
  "surprise",
  "happy",
];

/** The row of a second's expression in `EXPRESSION_ROWS`. */
export function expressionRow(emotion: Expression | null): number {
  return EXPRESSION_ROWS.indexOf(emotion);
}

/** Contribution bands: how the expression chart colours its points (points above 50). */
export const CONTRIBUTION_BANDS = [
  { id: "negative", label: "below 0 (looked away)", below: 0 },
  { id: "low", label: "0 to 10", below: 10 },
  { id: "mid", label: "10 to 20", below: 20 },
  { id: "high", label: "20 to 30", below: 30 },
  { id: "top", label: "30 and more", below: Infinity },
] as const;

/** The band (index in `CONTRIBUTION_BANDS`) of a contribution. */
export function contributionBand(contribution: number): number {
  return CONTRIBUTION_BANDS.findIndex((band) => contribution < band.below);
}

/** One chart series: parallel arrays, one entry per point drawn. */
export interface ViewingSeries {
  /** Seconds watched before this one (recording order): the chart's x. */
  x: number[];
  /** The playback second. */
  t: number[];
  y: number[];
  /** Index of the second's subtitle line in `ViewingChartsData.lines`, or -1. */
  line: number[];
}

export interface ViewingChartsData {
  /** The distinct subtitle lines of the points drawn, shared by the three series. */
  lines: string[];
  /** y: the row in `EXPRESSION_ROWS`; c: the second's contribution. */
  expression: ViewingSeries & { c: number[] };
  /** y: movement in face widths per second. */
  movement: ViewingSeries;
  /** y: the running score. */
  score: ViewingSeries;
}

/**
 * The three charts of a viewing, each at most `maxPoints` real seconds: the expression chart
 * keeps each stretch's lowest and highest contribution, the movement chart its stillest and
 * biggest moves, the score chart its lows and highs. `seconds` are in recording order, as
 * `summary.perSecond` is.
 */
export function viewingCharts(
  summary: ViewingSummary,
  seconds: readonly RecordedSecond[],
  maxPoints = MAX_CHART_POINTS,
): ViewingChartsData {
  const n = Math.min(summary.perSecond.length, seconds.length);
  const lines: string[] = [];
  const known = new Map<string, number>();
  const lineOf = (i: number) => {
    const line = seconds[i].line;
    if (line === null || line.trim() === "") return -1;
    let k = known.get(line);
    if (k === undefined) {
      k = lines.push(line) - 1;
      known.set(line, k);
    }
    return k;
  };
  const seriesAt = (keep: number[], y: (i: number) => number): ViewingSeries => ({
    x: keep,
    t: keep.map((i) => seconds[i].t),
    y: keep.map(y),
    line: keep.map(lineOf),
  });
  const contribution = (i: number) => summary.perSecond[i].contribution;
  const expressionKeep = extremaIndices(n, contribution, maxPoints);
  return {
    lines,
    expression: {
      ...seriesAt(expressionKeep, (i) => expressionRow(seconds[i].emotion)),
      c: expressionKeep.map(contribution),
    },
    movement: seriesAt(
      extremaIndices(n, (i) => seconds[i].movement, maxPoints),
      (i) => Math.round(seconds[i].movement * 1000) / 1000,
    ),
    score: seriesAt(
      extremaIndices(n, (i) => summary.perSecond[i].score, maxPoints),
      (i) => summary.perSecond[i].score,
    ),
  };
}

/** One minute of watching, for the table that stands in for the charts. */
export interface MinuteRow {
  /** Minute of watching, from 0 (recorded seconds 60·minute … 60·minute + 59). */
  minute: number;
  /** Playback seconds of its first and last recorded second. */
  fromT: number;
  toT: number;
  /** The expression most often detected in the minute; null when no face was seen. */
  top: Expression | null;
  /** Seconds with a face. */
  faceSec: number;
  /** Summed contribution of its seconds (points above 50, before the mean). */
  contribution: number;
  /** The running score at its last second. */
  score: number;
  movementMean: number;
  movementMax: number;
}

/** Per-minute rows of a viewing, in recording order, over the rated seconds (as `perSecond`). */
export function viewingMinutes(
  summary: ViewingSummary,
  recorded: readonly RecordedSecond[],
): MinuteRow[] {
  const seconds = ratedSeconds(recorded);
  const n = Math.min(summary.perSecond.length, seconds.length);
  const rows: MinuteRow[] = [];
  for (let from = 0; from < n; from += 60) {
    const to = Math.min(n, from + 60);
    const counts = new Array<number>(EXPRESSIONS.length).fill(0);
    let faceSec = 0;
    let contribution = 0;
    let movementSum = 0;
    let movementMax = 0;
    for (let i = from; i < to; i++) {
      const s = seconds[i];
      contribution += summary.perSecond[i].contribution;
      const emotion = watchedExpression(s);
      if (emotion) {
        counts[EXPRESSIONS.indexOf(emotion)]++;
        faceSec++;
        movementSum += s.movement;
        movementMax = Math.max(movementMax, s.movement);
      }
    }
    let top = -1;
    counts.forEach((count, k) => {
      if (count > 0 && (top < 0 || count > counts[top])) top = k;
    });
    rows.push({
      minute: from / 60,
      fromT: seconds[from].t,
      toT: seconds[to - 1].t,
      top: top < 0 ? null : EXPRESSIONS[top],
      faceSec,
      contribution: Math.round(contribution * 100) / 100,
      score: summary.perSecond[to - 1].score,
      movementMean: faceSec > 0 ? Math.round((movementSum / faceSec) * 1000) / 1000 : 0,
      movementMax: Math.round(movementMax * 1000) / 1000,
    });
  }
  return rows;
}

/**
 * What a section alone would rate: 50 plus its mean contribution per second (the rating's own
 * formula, over the section's `end - start` playback seconds), clamped to 0–100, one decimal.
 */
export function sectionRating(section: { start: number; end: number; contribution: number }) {
  const seconds = Math.max(1, section.end - section.start);
  return Math.round(Math.min(100, Math.max(0, 50 + section.contribution / seconds)) * 10) / 10;
}

/**
 * A y range for the score chart: its values with at least 5 points of room, within 0–100, on
 * round ticks (steps of 5, 10 or 20 points, at most 8 of them).
 */
export function scoreRange(
  scores: readonly number[],
): { min: number; max: number; tickAmount: number } {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of scores) {
    lo = Math.min(lo, s);
    hi = Math.max(hi, s);
  }
  if (scores.length === 0) [lo, hi] = [0, 100];
  const range = (step: number) => {
    const min = Math.max(0, Math.floor((lo - 5) / step) * step);
    const max = Math.min(100, Math.ceil((hi + 5) / step) * step);
    return { min, max, tickAmount: Math.max(1, (max - min) / step) };
  };
  return [5, 10].map(range).find((r) => r.tickAmount <= 8) ?? range(20);
}
