/**
 * What finishing a viewing adds to its film, computed once from the minutes that arrived:
 * the summary (`summarizeViewing`), the per-second share of the audience aggregate
 * (`audienceShare`) and the additive change to the film's stats. Both adapters apply exactly
 * this, and a delete subtracts exactly this, recomputed from the same stored minutes.
 */
import {
  analyseViewing,
  audienceShareOf,
  SHARE_QUANTUM,
  type ViewingSummary,
} from "@/lib/rating/mod.ts";
import { type AudienceSecond, EXPRESSIONS, type RecordedSecond } from "@/lib/recording.ts";
import { runToEnd, type Slices } from "@/lib/slices.ts";
import type { FilmStats, StoredMinute, ViewingListing } from "./port.ts";

/** The additive part of a viewing's effect on `FilmStats` (the rating is kept in tenths). */
export interface StatsDelta {
  viewings: number;
  finished: number;
  /** The rating in tenths of a point (ratings have one decimal), so sums stay exact integers. */
  ratingTenths: number;
  /** Which of the ten 10-point bins the rating falls in. */
  ratingBin: number;
  watchSec: number;
}

export interface ViewingEffect {
  summary: ViewingSummary;
  /** The viewing's share of the audience aggregate, one entry per playback second, by `t`. */
  share: AudienceSecond[];
  /** Null when nothing was recorded: such a viewing is kept but not counted. */
  stats: StatsDelta | null;
}

/** A viewing that recorded its film's last minute counts as watched to the end. */
export const END_MARGIN_SEC = 60;

/** The seconds of minutes in `seq` order: the recording order the rating expects. */
export function secondsOf(minutes: readonly StoredMinute[]): RecordedSecond[] {
  return [...minutes].sort((a, b) => a.seq - b.seq).flatMap((m) => m.seconds);
}

/** The rating bin (0–9) of a rating out of 100; 100 falls in the last bin. */
export function ratingBin(rating: number): number {
  return Math.min(9, Math.max(0, Math.floor(rating / 10)));
}

/**
 * One viewer's totals of a film, counted one viewing at a time: the finished ones that
 * recorded something count, as the film's stats count a viewing (so that in personal mode,
 * where every viewing is the one viewer's, they equal the film's stats). Times are compared
 * as given: all ISO strings, or all epoch milliseconds.
 */
export class OwnFilmTally<Time extends string | number> {
  #viewings = 0;
  #ratingTenths = 0;
  #watchSec = 0;
  #histogram = new Array<number>(10).fill(0);
  #last: Time | null = null;

  /** Counts a viewing, if it counts. */
  add(state: string, rating: number | null, recordedSec: number | null, finishedAt: Time | null) {
    if (state !== "finished" || rating === null || recordedSec === null || !(recordedSec > 0)) {
      return;
    }
    this.#viewings++;
    this.#histogram[ratingBin(rating)]++;
    this.#ratingTenths += Math.round(rating * 10);
    this.#watchSec += recordedSec;
    if (finishedAt !== null && (this.#last === null || finishedAt > this.#last)) {
      this.#last = finishedAt;
    }
  }

  /** The totals so far, the last time written by `iso`. */
  stats(iso: (time: Time) => string): FilmStats {
    return {
      viewings: this.#viewings,
      finished: this.#viewings,
      ratingSum: this.#ratingTenths / 10,
      ratingHistogram: this.#histogram,
      watchSec: this.#watchSec,
      lastWatchedAt: this.#last === null ? null : iso(this.#last),
    };
  }
}

/** One viewer's totals of a film from their own viewings' listings (see `OwnFilmTally`). */
export function ownFilmStats(
  listings: readonly Pick<ViewingListing, "state" | "rating" | "recordedSec" | "finishedAt">[],
): FilmStats {
  const tally = new OwnFilmTally<string>();
  for (const v of listings) tally.add(v.state, v.rating, v.recordedSec, v.finishedAt || null);
  return tally.stats((time) => time);
}

/** Computes what finishing a viewing of a `durationSec` file with these minutes adds. */
export function viewingEffect(
  minutes: readonly StoredMinute[],
  durationSec: number,
): ViewingEffect {
  return runToEnd(viewingEffectSlices(minutes, durationSec));
}

/** `viewingEffect` in slices (`lib/slices.ts`), for a server that must keep answering. */
export function* viewingEffectSlices(
  minutes: readonly StoredMinute[],
  durationSec: number,
): Slices<ViewingEffect> {
  const seconds = secondsOf(minutes);
  yield;
  const { summary, prepared, contribution, timeline } = yield* analyseViewing(seconds);
  if (seconds.length === 0) return { summary, share: [], stats: null };
  yield;
  let lastT = 0;
  for (const s of seconds) lastT = Math.max(lastT, s.t);
  return {
    summary,
    share: audienceShareOf(prepared, contribution, timeline),
    stats: {
      viewings: 1,
      finished: lastT >= durationSec - END_MARGIN_SEC ? 1 : 0,
      ratingTenths: Math.round(summary.rating * 10),
      ratingBin: ratingBin(summary.rating),
      watchSec: seconds.length,
    },
  };
}

/**
 * A viewing's share as stored with its viewing, so that a delete subtracts exactly what was
 * added even if the rating rules change in between. Columnar and in integers: `label` is the
 * index in EXPRESSIONS (-1 without a face), `c` and `m` are contribution and movement in
 * units of SHARE_QUANTUM. About 20 bytes a playback second.
 */
export interface PackedShare {
  t: number[];
  label: number[];
  c: number[];
  m: number[];
}

/** Packs a share; throws if an entry is not one viewer with at most one label (not packable). */
export function packShare(share: readonly AudienceSecond[]): PackedShare {
  const packed: PackedShare = { t: [], label: [], c: [], m: [] };
  for (const s of share) {
    const label = s.counts.findIndex((count) => count === 1);
    const ones = s.counts.filter((count) => count !== 0).length;
    if (s.viewers !== 1 || s.faces !== (label >= 0 ? 1 : 0) || ones !== s.faces) {
      throw new Error(`share at t=${s.t} is not one viewer's: cannot pack it`);
    }
    const c = s.contribution / SHARE_QUANTUM;
    const m = s.movement / SHARE_QUANTUM;
    if (!Number.isInteger(c) || !Number.isInteger(m)) {
      throw new Error(`share at t=${s.t} is not quantised to SHARE_QUANTUM`);
    }
    packed.t.push(s.t);
    packed.label.push(label);
    packed.c.push(c);
    packed.m.push(m);
  }
  return packed;
}

/** The share a `PackedShare` holds, exactly as `packShare` received it. */
export function unpackShare(packed: PackedShare): AudienceSecond[] {
  return packed.t.map((t, i) => {
    const label = packed.label[i];
    return {
      t,
      viewers: 1,
      faces: label >= 0 ? 1 : 0,
      counts: EXPRESSIONS.map((_, k) => (k === label ? 1 : 0)),
      contribution: packed.c[i] * SHARE_QUANTUM,
      movement: packed.m[i] * SHARE_QUANTUM,
    };
  });
}
