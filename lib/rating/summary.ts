/**
 * `summarizeViewing`: the rating and every insight of one viewing, in a few linear passes;
 * `analyseViewing` is the same computation in slices (see `lib/slices.ts`), for the server.
 */
import type { RecordedSecond } from "@/lib/recording.ts";
import { runToEnd, type Slices } from "@/lib/slices.ts";
import { arcOf } from "./arc.ts";
import { isProvisional, ratingInterval } from "./confidence.ts";
import { roundTo } from "./rules.ts";
import { scorePrepared } from "./contribution.ts";
import { movementSummaryOfPrepared, predominantOfPrepared } from "./insights.ts";
import { prepare, type Prepared } from "./prepare.ts";
import { volatilityOfPrepared } from "./streaks.ts";
import { type Timeline, timelineOf } from "./timeline.ts";
import type { Moment, PerSecondPoint, ViewingSummary } from "./types.ts";
import { findMoments } from "./window.ts";
import { quoteCues } from "@/lib/subtitles/quotes.ts";

/** A viewing's summary and the passes it came from (its audience share is built from them). */
export interface ViewingAnalysis {
  summary: ViewingSummary;
  prepared: Prepared;
  /** Each recorded second's contribution, unrounded, in recording order. */
  contribution: Float64Array;
  timeline: Timeline;
}

/** Recorded seconds per slice of a per-second pass (about a millisecond of work each). */
const SECONDS_PER_SLICE = 4096;

/**
 * `summarizeViewing` in slices: it yields between its passes and every `SECONDS_PER_SLICE`
 * seconds of its longest one, so that a 24-hour recording never holds a thread for long.
 */
export function* analyseViewing(seconds: readonly RecordedSecond[]): Slices<ViewingAnalysis> {
  const p = prepare(seconds);
  yield;
  const scored = scorePrepared(p);
  yield;
  const perSecond: PerSecondPoint[] = new Array(p.n);
  for (let i = 0; i < p.n; i++) {
    perSecond[i] = {
      t: p.t[i],
      contribution: roundTo(scored.contribution[i], 2),
      score: roundTo(scored.running[i], 1),
    };
    if ((i + 1) % SECONDS_PER_SLICE === 0) yield;
  }
  yield;
  const timeline = timelineOf(p);
  const values = new Float64Array(timeline.index.length);
  for (let k = 0; k < values.length; k++) values[k] = scored.contribution[timeline.index[k]];
  const sections = findMoments(timeline.t, values);
  yield;
  const [favourite = null, ...moments] = sections.map((section) => {
    const said: (string | null)[] = [];
    for (let k = section.from; k < section.to; k++) {
      said.push(seconds[p.source[timeline.index[k]]].line);
    }
    return {
      start: section.start,
      end: section.end,
      contribution: roundTo(section.sum, 2),
      lines: quoteCues(said),
    } satisfies Moment;
  });
  const predominant = predominantOfPrepared(p);
  const volatility = volatilityOfPrepared(p);
  yield;
  const movement = movementSummaryOfPrepared(p);
  return {
    summary: {
      rating: roundTo(scored.score, 1),
      interval: ratingInterval(scored.contribution, scored.counted, scored.score),
      provisional: isProvisional(p.faceSec),
      ...arcOf(scored.contribution, scored.counted),
      recordedSec: p.n,
      faceSec: p.faceSec,
      countedSec: scored.countedSec,
      distractedSec: scored.distractedSec,
      sustainedSec: scored.sustainedSec,
      spikes: scored.spikes,
      perSecond,
      favourite,
      moments,
      predominant,
      volatility,
      movement,
    },
    prepared: p,
    contribution: scored.contribution,
    timeline,
  };
}

/**
 * Rates a viewing and derives its insights. `seconds` are in recording order (as the minute
 * documents hold them, by `seq`); they may jump in playback time or repeat a playback second.
 * The score, streaks, spikes and distraction follow recording order; the favourite section
 * and the moments follow playback time, each playback second counted once (its first
 * recording). Unknown seconds (a picture too poor to tell) are left out entirely. The result is
 * JSON-serialisable.
 */
export function summarizeViewing(seconds: readonly RecordedSecond[]): ViewingSummary {
  return runToEnd(analyseViewing(seconds)).summary;
}
