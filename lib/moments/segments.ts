/**
 * Segment extraction: the stretches of a film where the chosen expressions dominated, from a
 * per-second track. Deterministic: the same track, choice and options give the same segments.
 *
 * 1. A second qualifies when (viewing) its predominant label is chosen, or (audience) the chosen
 *    labels' combined share of its viewers is at least that of every other label and of "no
 *    face", or at least `audienceShare` (40% by default) — a reaction most viewers did not share
 *    can still be a moment when a large minority did. It counts for the chosen label it showed
 *    most.
 * 2. Qualifying seconds separated by at most `gapToleranceSec` other (or unrecorded) seconds form
 *    one run; runs shorter than `minLengthSec` are dropped.
 * 3. Each run is padded (`padBeforeSec`, `padAfterSec`), clamped to [0, film length]; padded
 *    runs that overlap or touch are merged.
 * 4. A segment's expression is the label most of its qualifying seconds counted for (then the
 *    larger summed confidence, then EXPRESSIONS order); its confidence is that label's mean
 *    confidence over those seconds.
 */
import { type Expression, EXPRESSIONS } from "@/lib/recording.ts";
import type { MomentOptions, MomentTrack, Segment, TrackSecond } from "./types.ts";

/**
 * The defaults: gaps of up to 2 s are bridged (a blink, a turned head), a moment lasts at least
 * 3 s, 3 s of context before (what set it off) and 2 s after, and 40% of viewers make an
 * audience moment.
 */
export const DEFAULT_MOMENT_OPTIONS: Readonly<MomentOptions> = Object.freeze({
  gapToleranceSec: 2,
  minLengthSec: 3,
  padBeforeSec: 3,
  padAfterSec: 2,
  audienceShare: 0.4,
});

/** Float slack for comparing shares that were rounded to four decimals. */
const EPSILON = 1e-9;

/** `DEFAULT_MOMENT_OPTIONS` with `options` over it; throws RangeError on a negative or NaN value. */
export function momentOptions(options: Partial<MomentOptions> = {}): MomentOptions {
  const merged = { ...DEFAULT_MOMENT_OPTIONS, ...options };
  for (const [key, value] of Object.entries(merged)) {
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
      throw new RangeError(`${key} must be a finite number ≥ 0, not ${value}`);
    }
  }
  return merged;
}

/**
 * The chosen label a second counts for, or null when it does not qualify (see the module
 * comment for the rule of each source).
 */
export function qualifyingLabel(
  second: TrackSecond,
  source: MomentTrack["source"],
  chosen: ReadonlySet<Expression>,
  audienceShare: number = DEFAULT_MOMENT_OPTIONS.audienceShare,
): Expression | null {
  if (source === "viewing") {
    return second.label !== null && chosen.has(second.label) ? second.label : null;
  }
  let chosenShare = 0;
  let other = second.noFace;
  let best = -1;
  for (let k = 0; k < EXPRESSIONS.length; k++) {
    const share = second.scores[k] ?? 0;
    if (!chosen.has(EXPRESSIONS[k])) other = Math.max(other, share);
    else {
      chosenShare += share;
      if (share > 0 && (best < 0 || share > second.scores[best])) best = k;
    }
  }
  if (best < 0) return null;
  const dominates = chosenShare + EPSILON >= other || chosenShare + EPSILON >= audienceShare;
  return dominates ? EXPRESSIONS[best] : null;
}

interface Tally {
  count: number;
  sum: number;
}

interface Run {
  start: number;
  end: number;
  tally: Map<Expression, Tally>;
}

function dominant(tally: Map<Expression, Tally>): { expression: Expression; confidence: number } {
  let best: Expression = EXPRESSIONS[0];
  let bestTally: Tally = { count: -1, sum: -1 };
  for (const label of EXPRESSIONS) {
    const t = tally.get(label);
    if (!t) continue;
    if (t.count > bestTally.count || (t.count === bestTally.count && t.sum > bestTally.sum)) {
      best = label;
      bestTally = t;
    }
  }
  return {
    expression: best,
    confidence: Math.round((bestTally.sum / bestTally.count) * 1000) / 1000,
  };
}

function addTally(into: Map<Expression, Tally>, from: Map<Expression, Tally>): void {
  for (const [label, t] of from) {
    const mine = into.get(label) ?? { count: 0, sum: 0 };
    into.set(label, { count: mine.count + t.count, sum: mine.sum + t.sum });
  }
}

/**
 * The segments of `track` where any of the `chosen` expressions dominated, in film order, within
 * [0, `durationSec`]. `durationSec` is the film's length (the file's, when it is open); when it
 * is not a positive number, the end of the track's last second stands for it. Seconds at or
 * after the film's end are ignored. No chosen expression, or no qualifying second: no segment.
 */
export function extractSegments(
  track: MomentTrack,
  chosen: Iterable<Expression>,
  durationSec: number,
  options: Partial<MomentOptions> = {},
): Segment[] {
  const o = momentOptions(options);
  const wanted = new Set(chosen);
  if (wanted.size === 0 || track.seconds.length === 0) return [];
  const filmEnd = Number.isFinite(durationSec) && durationSec > 0
    ? durationSec
    : track.seconds[track.seconds.length - 1].t + 1;

  // Runs of qualifying seconds, gaps of up to gapToleranceSec bridged.
  const runs: Run[] = [];
  let last = -Infinity;
  for (const second of track.seconds) {
    if (second.t >= filmEnd) break;
    const label = qualifyingLabel(second, track.source, wanted, o.audienceShare);
    if (label === null) continue;
    const score = second.scores[EXPRESSIONS.indexOf(label)] ?? 0;
    let run = runs[runs.length - 1];
    if (!run || second.t - last - 1 > o.gapToleranceSec) {
      run = { start: second.t, end: second.t + 1, tally: new Map() };
      runs.push(run);
    }
    run.end = second.t + 1;
    const t = run.tally.get(label) ?? { count: 0, sum: 0 };
    run.tally.set(label, { count: t.count + 1, sum: t.sum + score });
    last = second.t;
  }

  // Long enough runs, padded and clamped; overlapping or touching ones merged.
  const padded: Run[] = [];
  for (const run of runs) {
    if (run.end - run.start < o.minLengthSec) continue;
    const start = Math.max(0, run.start - o.padBeforeSec);
    const end = Math.min(filmEnd, run.end + o.padAfterSec);
    const previous = padded[padded.length - 1];
    if (previous && start <= previous.end) {
      previous.end = Math.max(previous.end, end);
      addTally(previous.tally, run.tally);
    } else {
      padded.push({ start, end, tally: new Map(run.tally) });
    }
  }
  return padded.map((run) => ({ start: run.start, end: run.end, ...dominant(run.tally) }));
}

/** What each expression alone would give: its number of segments and their total length. */
export interface ExpressionCount {
  expression: Expression;
  segments: number;
  /** Total length of its segments in seconds, padding included. */
  seconds: number;
}

/** For the chips: each expression's segments when chosen alone, in EXPRESSIONS order. */
export function expressionCounts(
  track: MomentTrack,
  durationSec: number,
  options: Partial<MomentOptions> = {},
): ExpressionCount[] {
  return EXPRESSIONS.map((expression) => {
    const segments = extractSegments(track, [expression], durationSec, options);
    return { expression, segments: segments.length, seconds: totalLength(segments) };
  });
}

/**
 * The expressions chosen when a track is opened: the non-neutral ones that make a moment of
 * their own, what a "moved" viewer (or audience) showed.
 */
export function defaultExpressions(
  track: MomentTrack | null,
  durationSec: number,
): Set<Expression> {
  if (!track) return new Set();
  return new Set(
    expressionCounts(track, durationSec)
      .filter((c) => c.expression !== "neutral" && c.segments > 0)
      .map((c) => c.expression),
  );
}

/** The total length of segments in seconds (millisecond precision). */
export function totalLength(segments: readonly Segment[]): number {
  const ms = segments.reduce((sum, s) => sum + Math.round((s.end - s.start) * 1000), 0);
  return ms / 1000;
}
