/**
 * What the film page shows from the film's precomputed aggregates: the audience's expression
 * shares per second (downsampled to real seconds) and per minute, the rating distribution, and
 * the lines of the audience's favourite section. Pure; O(film length), whatever the audience.
 */
import {
  type AudienceSecond,
  type Expression,
  EXPRESSIONS,
  type RecordedSecond,
} from "@/lib/recording.ts";
import { extremaIndices } from "@/lib/charts/downsample.ts";
import { quoteCues } from "@/lib/subtitles/quotes.ts";

/**
 * The stacked chart's series, bottom to top: reactions first, so that they rise from the
 * baseline, then neutral, then "no face" on top.
 */
export const AUDIENCE_SERIES = [
  "happy",
  "surprise",
  "fear",
  "sad",
  "angry",
  "disgust",
  "neutral",
  "none",
] as const;
export type AudienceSeriesId = typeof AUDIENCE_SERIES[number];

/** A series' name for people: its expression, or "no face". */
export function seriesName(id: AudienceSeriesId): string {
  return id === "none" ? "no face" : id;
}

/** Each series' index in a `counts` array (EXPRESSIONS order); -1 for "none". */
const COUNT_INDEX = AUDIENCE_SERIES.map((id) => EXPRESSIONS.indexOf(id as Expression));

/** Counts in EXPRESSIONS order and the no-face count, in AUDIENCE_SERIES order. */
export function inSeriesOrder(counts: readonly number[], none: number): number[] {
  return COUNT_INDEX.map((k) => (k < 0 ? none : counts[k] ?? 0));
}

/** The stacked chart's points at most: 8 stacked series are heavy for a browser to draw. */
export const AUDIENCE_CHART_POINTS = 1000;

export interface AudienceChartData {
  /** Playback seconds of the points drawn. */
  t: number[];
  /** Viewers who recorded each of those seconds. */
  viewers: number[];
  /**
   * Per series of `AUDIENCE_SERIES`, the share of the viewers at each point, in percent with
   * one decimal: each expression among all viewers (so a point's shares sum to 100).
   */
  percent: number[][];
}

const tenth = (share: number) => Math.round(share * 1000) / 10;

/**
 * The audience's expressions per playback second for the stacked chart, as shares of all the
 * viewers at that second (those without a face on top), at most `maxPoints` seconds. Seconds
 * are kept where the share of viewers showing a reaction (any expression but neutral) is
 * lowest and highest in each stretch, so the moments a crowd reacted survive downsampling.
 */
export function audienceChart(
  aggregate: readonly AudienceSecond[],
  maxPoints = AUDIENCE_CHART_POINTS,
): AudienceChartData {
  let seconds = aggregate.filter((s) => s.viewers > 0);
  if (seconds.some((s, i) => i > 0 && s.t <= seconds[i - 1].t)) {
    seconds = [...seconds].sort((a, b) => a.t - b.t);
  }
  const neutral = EXPRESSIONS.indexOf("neutral");
  const keep = extremaIndices(seconds.length, (i) => {
    const s = seconds[i];
    return (s.faces - s.counts[neutral]) / s.viewers;
  }, maxPoints);
  const kept = keep.map((i) => seconds[i]);
  return {
    t: kept.map((s) => s.t),
    viewers: kept.map((s) => s.viewers),
    percent: COUNT_INDEX.map((k) =>
      kept.map((s) => tenth((k >= 0 ? s.counts[k] : s.viewers - s.faces) / s.viewers))
    ),
  };
}

/** One minute of the film across its audience, for the table that stands in for the chart. */
export interface AudienceMinuteRow {
  minute: number;
  /** The most viewers any of its seconds had. */
  viewers: number;
  /** Shares of all viewer-seconds of the minute, per series of `AUDIENCE_SERIES` (sum 1). */
  shares: number[];
  /** Mean contribution per viewer-second. */
  contribution: number;
}

/** What a stretch of audience seconds adds up to. */
interface Tally {
  /** Viewers summed over the seconds. */
  viewerSeconds: number;
  /** The most viewers any of the seconds had. */
  peakViewers: number;
  /** Shares of the viewer-seconds per series of `AUDIENCE_SERIES` (sum 1; all 0 when none). */
  shares: number[];
  contribution: number;
}

function tally(seconds: Iterable<AudienceSecond>): Tally {
  const counts = new Array<number>(EXPRESSIONS.length).fill(0);
  let viewerSeconds = 0;
  let faces = 0;
  let contribution = 0;
  let peakViewers = 0;
  for (const s of seconds) {
    if (s.viewers <= 0) continue;
    s.counts.forEach((count, k) => counts[k] += count);
    viewerSeconds += s.viewers;
    faces += s.faces;
    contribution += s.contribution;
    peakViewers = Math.max(peakViewers, s.viewers);
  }
  const shares = inSeriesOrder(counts, viewerSeconds - faces)
    .map((n) => (viewerSeconds > 0 ? n / viewerSeconds : 0));
  return { viewerSeconds, peakViewers, shares, contribution };
}

/**
 * The whole film across its audience: the share of all viewer-seconds per series of
 * `AUDIENCE_SERIES` (sum 1; all 0 without any viewer).
 */
export function audienceOverall(aggregate: readonly AudienceSecond[]): number[] {
  return tally(aggregate).shares;
}

/** The audience aggregate per minute of playback. */
export function audienceMinutes(aggregate: readonly AudienceSecond[]): AudienceMinuteRow[] {
  const byMinute = new Map<number, AudienceSecond[]>();
  for (const s of aggregate) {
    if (s.viewers <= 0) continue;
    const minute = Math.floor(s.t / 60);
    const list = byMinute.get(minute);
    if (list) list.push(s);
    else byMinute.set(minute, [s]);
  }
  return [...byMinute.entries()].sort((a, b) => a[0] - b[0]).map(([minute, list]) => {
    const { viewerSeconds, peakViewers, shares, contribution } = tally(list);
    return {
      minute,
      viewers: peakViewers,
      shares,
      contribution: Math.round((contribution / viewerSeconds) * 100) / 100,
    };
  });
}

/**
 * The subtitle cues a viewing's seconds hold in playback seconds `[start, end)`, each once and
 * whole, in playback order (`quoteCues`); each playback second counts once (its first recording).
 */
export function linesBetween(
  seconds: readonly RecordedSecond[],
  start: number,
  end: number,
): string[] {
  const firstLine = new Map<number, string | null>();
  for (const s of seconds) {
    if (s.t >= start && s.t < end && !firstLine.has(s.t)) firstLine.set(s.t, s.line);
  }
  return quoteCues(
    [...firstLine.keys()].sort((a, b) => a - b).map((t) => firstLine.get(t) ?? null),
  );
}
