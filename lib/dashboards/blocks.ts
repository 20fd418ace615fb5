/**
 * A film read as a whole: its time cut into blocks of 30 s (films up to 40 minutes) or 60 s,
 * each with what it alone would rate (the engagement line) and the shares of expressions in it
 * (the expression bands), over the whole film — blocks nobody watched are marked, not dropped,
 * so the axis always ends at the film's end. From a viewing's rated seconds, or from a film's
 * audience aggregate (O(film length), whatever the audience). Pure.
 */
import { type AudienceSecond, EXPRESSIONS, type RecordedSecond } from "@/lib/recording.ts";
import type { PerSecondPoint } from "@/lib/rating/types.ts";
import { ratedSeconds } from "@/lib/rating/prepare.ts";
import { watchedExpression } from "@/lib/recording.ts";
import { AUDIENCE_SERIES, inSeriesOrder } from "./film_page.ts";

/** Films up to this long are cut into 30-second blocks, longer ones into 60-second blocks. */
export const SHORT_FILM_SEC = 40 * 60;

/** The block length for a film: 30 s up to 40 minutes, 60 s beyond. */
export function blockSecFor(durationSec: number): number {
  return durationSec <= SHORT_FILM_SEC ? 30 : 60;
}

export interface ReactionBlock {
  /** Film seconds: [start, end). */
  start: number;
  end: number;
  /** Seconds (a viewing) or viewer-seconds (an audience) recorded in it; 0 when unwatched. */
  weight: number;
  /** The most viewers any of its seconds had (a viewing: 1 when watched, else 0). */
  viewers: number;
  /**
   * Shares of `weight` per series of `AUDIENCE_SERIES` (expressions, then "none": no face),
   * four decimals, summing to 1; all 0 when unwatched.
   */
  shares: number[];
  /**
   * What the block alone would rate: 50 plus its mean contribution per (viewer-)second, within
   * 0–100, one decimal; null when unwatched.
   */
  engagement: number | null;
}

export interface ReactionBlocks {
  /** The axis' end: the film's length (or, unknown, the end of the last recorded second). */
  durationSec: number;
  blockSec: number;
  /** Every block of the film, watched or not, in film order. */
  blocks: ReactionBlock[];
  /** Seconds of the film inside watched blocks' recorded seconds (distinct playback seconds). */
  watchedSec: number;
}

interface Accumulator {
  weight: number;
  viewers: number;
  counts: number[];
  none: number;
  contribution: number;
}

const round = (value: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};

function blocksFrom(
  durationSec: number,
  lastT: number,
  fill: (add: (t: number) => Accumulator | null) => void,
  distinct: Set<number>,
): ReactionBlocks {
  const length = durationSec > 0 ? durationSec : Math.max(0, lastT + 1);
  const blockSec = blockSecFor(length);
  const count = Math.max(1, Math.ceil(length / blockSec));
  const acc: Accumulator[] = Array.from({ length: count }, () => ({
    weight: 0,
    viewers: 0,
    counts: new Array<number>(EXPRESSIONS.length).fill(0),
    none: 0,
    contribution: 0,
  }));
  fill((t) => (t >= 0 && t < length ? acc[Math.min(count - 1, Math.floor(t / blockSec))] : null));
  const blocks = acc.map((a, k): ReactionBlock => ({
    start: k * blockSec,
    end: Math.min(length, (k + 1) * blockSec),
    weight: a.weight,
    viewers: a.viewers,
    shares: a.weight > 0
      ? inSeriesOrder(a.counts, a.none).map((n) => round(n / a.weight, 4))
      : AUDIENCE_SERIES.map(() => 0),
    engagement: a.weight > 0
      ? round(Math.min(100, Math.max(0, 50 + a.contribution / a.weight)), 1)
      : null,
  }));
  let watchedSec = 0;
  for (const t of distinct) if (t >= 0 && t < length) watchedSec++;
  return { durationSec: length, blockSec, blocks, watchedSec };
}

/**
 * A viewing's blocks from its summary's `perSecond` and its recorded seconds (recording order,
 * as stored; unknown seconds are left out as the rating leaves them). `durationSec` is the
 * film's length as the viewer's file gave it.
 */
export function viewingBlocks(
  perSecond: readonly PerSecondPoint[],
  recorded: readonly RecordedSecond[],
  durationSec: number,
): ReactionBlocks {
  const seconds = ratedSeconds(recorded);
  const n = Math.min(perSecond.length, seconds.length);
  const distinct = new Set<number>();
  let lastT = -1;
  for (let i = 0; i < n; i++) {
    const t = Math.floor(seconds[i].t);
    distinct.add(t);
    lastT = Math.max(lastT, t);
  }
  return blocksFrom(durationSec, lastT, (at) => {
    for (let i = 0; i < n; i++) {
      const a = at(Math.floor(seconds[i].t));
      if (!a) continue;
      a.weight++;
      a.viewers = 1;
      a.contribution += perSecond[i].contribution;
      const emotion = watchedExpression(seconds[i]);
      if (emotion) a.counts[EXPRESSIONS.indexOf(emotion)]++;
      else a.none++;
    }
  }, distinct);
}

/** A film's blocks from its audience aggregate (one entry per playback second). */
export function audienceBlocks(
  aggregate: readonly AudienceSecond[],
  durationSec: number,
): ReactionBlocks {
  const distinct = new Set<number>();
  let lastT = -1;
  for (const s of aggregate) {
    if (!(s.viewers > 0)) continue;
    const t = Math.floor(s.t);
    distinct.add(t);
    lastT = Math.max(lastT, t);
  }
  return blocksFrom(durationSec, lastT, (at) => {
    for (const s of aggregate) {
      if (!(s.viewers > 0)) continue;
      const a = at(Math.floor(s.t));
      if (!a) continue;
      a.weight += s.viewers;
      a.viewers = Math.max(a.viewers, s.viewers);
      a.contribution += s.contribution;
      for (let k = 0; k < a.counts.length; k++) a.counts[k] += s.counts[k] ?? 0;
      a.none += s.viewers - s.faces;
    }
  }, distinct);
}

/** Runs of consecutive watched blocks, as [first, last] indices: where the line is drawn. */
export function watchedRuns(blocks: readonly ReactionBlock[]): [number, number][] {
  const runs: [number, number][] = [];
  blocks.forEach((b, k) => {
    if (b.weight <= 0) return;
    const last = runs[runs.length - 1];
    if (last && last[1] === k - 1) last[1] = k;
    else runs.push([k, k]);
  });
  return runs;
}
