/**
 * Segment extraction: the stretches of a film where the chosen expressions stood out, from a
 * per-second track. Deterministic: the same track, choice and options give the same segments.
 *
 * 1. Baseline: each expression's share of the whole track (`baselineShares`): for a viewing, the
 *    share of its seconds that showed it; for the audience, the share of all viewer-seconds.
 * 2. A second qualifies for a chosen expression when it stands out from that baseline
 *    (`standOutThresholds`): its share at that second (a viewing: 1 when it is the second's
 *    label, else 0; the audience: the share of the second's viewers who showed it) is at least
 *    the baseline plus `standOut` points and at least 1.5 × the baseline; for the audience also
 *    at least `audienceShare` of the viewers. So a viewer who smiles through most of a film has
 *    no "happy" moment made of ordinary smiles, and one viewer of two is not the audience. A
 *    second counts for the chosen expression that stood out most.
 * 3. Qualifying seconds separated by at most `gapToleranceSec` other (or unrecorded) seconds form
 *    one run; a run is cut where it would make a moment longer than `maxLengthSec` (60 s) with
 *    its padding; runs shorter than `minLengthSec` are dropped.
 * 4. Each run is padded (`padBeforeSec`, `padAfterSec`), clamped to [0, film length]; padded
 *    runs that overlap or touch are merged while the result stays within `maxLengthSec`, else
 *    the later one starts where the earlier ends. A moment is never longer than `maxLengthSec`.
 * 5. A segment's expression is the label most of its qualifying seconds counted for (then the
 *    larger summed confidence, then EXPRESSIONS order); its confidence is that label's mean
 *    confidence over those seconds. When another label holds at least `MIXED_SHARE` of them the
 *    segment is mixed and carries its `mix`.
 */
import { type Expression, EXPRESSIONS } from "@/lib/recording.ts";
import type { MomentOptions, MomentTrack, Segment, SegmentMix, TrackSecond } from "./types.ts";

/**
 * The defaults: gaps of up to 2 s are bridged (a blink, a turned head), a moment lasts at least
 * 3 s and at most 60 s, 3 s of context before (what set it off) and 2 s after; an expression
 * stands out 20 points above its baseline share, and at least 25% of viewers make an audience
 * moment.
 */
export const DEFAULT_MOMENT_OPTIONS: Readonly<MomentOptions> = Object.freeze({
  gapToleranceSec: 2,
  minLengthSec: 3,
  padBeforeSec: 3,
  padAfterSec: 2,
  audienceShare: 0.25,
  maxLengthSec: 60,
  standOut: 0.2,
});

/** A segment is mixed when a second expression holds at least this share of its seconds. */
export const MIXED_SHARE = 0.25;

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
 * Each expression's share of the whole track, in EXPRESSIONS order: for a viewing, the share of
 * its seconds whose label it was; for the audience, its share of all viewer-seconds.
 */
export function baselineShares(track: MomentTrack): number[] {
  const sums = new Array<number>(EXPRESSIONS.length).fill(0);
  let total = 0;
  for (const second of track.seconds) {
    if (track.source === "viewing") {
      total++;
      if (second.label !== null) sums[EXPRESSIONS.indexOf(second.label)]++;
    } else {
      total += second.viewers;
      for (let k = 0; k < sums.length; k++) sums[k] += (second.scores[k] ?? 0) * second.viewers;
    }
  }
  return sums.map((sum) => (total > 0 ? sum / total : 0));
}

/**
 * The share each expression needs at a second to stand out (see the module comment), in
 * EXPRESSIONS order.
 */
export function standOutThresholds(
  track: MomentTrack,
  options: Partial<MomentOptions> = {},
): number[] {
  const o = momentOptions(options);
  return baselineShares(track).map((b) => {
    const threshold = Math.max(b + o.standOut, 1.5 * b);
    return track.source === "audience" ? Math.max(threshold, o.audienceShare) : threshold;
  });
}

/** A second's share of expression `k`: a viewing's is 1 for its label, the audience's its score. */
function shareAt(second: TrackSecond, source: MomentTrack["source"], k: number): number {
  if (source === "viewing") return second.label === EXPRESSIONS[k] ? 1 : 0;
  return second.scores[k] ?? 0;
}

/**
 * The chosen label a second counts for (the one that stood out most above its threshold from
 * `standOutThresholds`), or null when none stood out.
 */
export function qualifyingLabel(
  second: TrackSecond,
  source: MomentTrack["source"],
  chosen: ReadonlySet<Expression>,
  thresholds: readonly number[],
): Expression | null {
  let best = -1;
  let bestExcess = -Infinity;
  for (let k = 0; k < EXPRESSIONS.length; k++) {
    if (!chosen.has(EXPRESSIONS[k])) continue;
    const share = shareAt(second, source, k);
    if (share <= 0) continue;
    const excess = share - thresholds[k];
    if (excess + EPSILON >= 0 && excess > bestExcess) {
      best = k;
      bestExcess = excess;
    }
  }
  return best < 0 ? null : EXPRESSIONS[best];
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

function dominant(
  tally: Map<Expression, Tally>,
): { expression: Expression; confidence: number; mix?: SegmentMix[] } {
  let best: Expression = EXPRESSIONS[0];
  let bestTally: Tally = { count: -1, sum: -1 };
  let total = 0;
  const shown: { expression: Expression; tally: Tally }[] = [];
  for (const label of EXPRESSIONS) {
    const t = tally.get(label);
    if (!t) continue;
    total += t.count;
    shown.push({ expression: label, tally: t });
    if (t.count > bestTally.count || (t.count === bestTally.count && t.sum > bestTally.sum)) {
      best = label;
      bestTally = t;
    }
  }
  const result = {
    expression: best,
    confidence: Math.round((bestTally.sum / bestTally.count) * 1000) / 1000,
  };
  const mixed = shown.some((s) => s.expression !== best && s.tally.count >= MIXED_SHARE * total);
  if (!mixed) return result;
  const mix = shown
    .map((s) => ({
      expression: s.expression,
      share: Math.round((s.tally.count / total) * 100) / 100,
    }))
    .sort((a, b) =>
      b.share - a.share || (a.expression === best ? -1 : b.expression === best ? 1 : 0)
    );
  return { ...result, mix };
}

function addTally(into: Map<Expression, Tally>, from: Map<Expression, Tally>): void {
  for (const [label, t] of from) {
    const mine = into.get(label) ?? { count: 0, sum: 0 };
    into.set(label, { count: mine.count + t.count, sum: mine.sum + t.sum });
  }
}

/**
 * The segments of `track` where any of the `chosen` expressions stood out, in film order, within
 * [0, `durationSec`], each at most `maxLengthSec` long. `durationSec` is the film's length (the
 * file's, when it is open); when it is not a positive number, the end of the track's last second
 * stands for it. Seconds at or after the film's end are ignored. No chosen expression, or no
 * qualifying second: no segment.
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
  const thresholds = standOutThresholds(track, o);
  // The longest run of qualifying seconds that its padding keeps within maxLengthSec.
  const maxRun = Math.max(1, o.maxLengthSec - o.padBeforeSec - o.padAfterSec);

  // Runs of qualifying seconds, gaps of up to gapToleranceSec bridged, cut at maxRun.
  const runs: Run[] = [];
  let last = -Infinity;
  for (const second of track.seconds) {
    if (second.t >= filmEnd) break;
    const label = qualifyingLabel(second, track.source, wanted, thresholds);
    if (label === null) continue;
    const score = second.scores[EXPRESSIONS.indexOf(label)] ?? 0;
    let run = runs[runs.length - 1];
    if (!run || second.t - last - 1 > o.gapToleranceSec || second.t + 1 - run.start > maxRun) {
      run = { start: second.t, end: second.t + 1, tally: new Map() };
      runs.push(run);
    }
    run.end = second.t + 1;
    const t = run.tally.get(label) ?? { count: 0, sum: 0 };
    run.tally.set(label, { count: t.count + 1, sum: t.sum + score });
    last = second.t;
  }

  // Long enough runs, padded and clamped; overlapping or touching ones merged within the limit.
  const padded: Run[] = [];
  for (const run of runs) {
    if (run.end - run.start < o.minLengthSec) continue;
    let start = Math.max(0, run.start - o.padBeforeSec);
    const end = Math.min(filmEnd, run.end + o.padAfterSec);
    const previous = padded[padded.length - 1];
    if (previous && start <= previous.end) {
      if (Math.max(previous.end, end) - previous.start <= o.maxLengthSec) {
        previous.end = Math.max(previous.end, end);
        addTally(previous.tally, run.tally);
        continue;
      }
      start = previous.end;
    }
    if (end > start) padded.push({ start, end, tally: new Map(run.tally) });
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
