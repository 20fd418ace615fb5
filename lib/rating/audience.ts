/**
 * Audience functions: a viewing's additive share of the film's per-second aggregate, applying
 * it (and taking it back), and what the film's pages show from many viewings.
 */
import { type AudienceSecond, EXPRESSIONS, type RecordedSecond } from "@/lib/recording.ts";
import { scorePrepared } from "./contribution.ts";
import { NO_FACE, prepare, type Prepared } from "./prepare.ts";
import { MOVEMENT_MAX, roundTo, WINDOW_SEC } from "./rules.ts";
import { type Timeline, timelineOf } from "./timeline.ts";
import type { AudienceExpressionSecond, AudienceMoment, FilmRatingStats } from "./types.ts";
import { findMoments } from "./window.ts";

/**
 * Contribution and movement in a share are multiples of this (2⁻¹⁰). Sums of such numbers are
 * exact in binary floating point (far below 2⁵³ of them), so adding a share with `$inc` and
 * later subtracting the same share restores the aggregate bit for bit, in any order.
 */
export const SHARE_QUANTUM = 1 / 1024;

const quantise = (value: number) => Math.round(value / SHARE_QUANTUM) * SHARE_QUANTUM;

/**
 * A viewing's additive share of its film's audience aggregate: one entry per distinct playback
 * second, ascending, from that second's first recording: `viewers` 1, `faces` 0 or 1, `counts`
 * one-hot on its label (all zeros without a face), its contribution and its movement (0 without
 * a face), both quantised to `SHARE_QUANTUM`. The store adds it with `$inc` when the viewing
 * finishes and subtracts the very same share when the viewing is deleted.
 */
export function audienceShare(seconds: readonly RecordedSecond[]): AudienceSecond[] {
  const p = prepare(seconds);
  return audienceShareOf(p, scorePrepared(p).contribution, timelineOf(p));
}

/** `audienceShare` from passes already made (`analyseViewing` returns them). */
export function audienceShareOf(
  p: Prepared,
  contribution: Float64Array,
  timeline: Timeline,
): AudienceSecond[] {
  return timeline.t.map((t, k) => {
    const i = timeline.index[k];
    const label = p.label[i];
    const counts = new Array<number>(EXPRESSIONS.length).fill(0);
    if (label !== NO_FACE) counts[label] = 1;
    return {
      t,
      viewers: 1,
      faces: label === NO_FACE ? 0 : 1,
      counts,
      contribution: quantise(contribution[i]),
      movement: quantise(Math.min(MOVEMENT_MAX, p.movement[i])),
    };
  });
}

/**
 * Adds (`sign` 1) or subtracts (`sign` -1) a share to an aggregate, the way the store's `$inc`
 * does; returns a new aggregate sorted by `t`. Seconds left with no viewers are dropped, so
 * subtracting a share just added gives back exactly the aggregate it was added to.
 */
export function applyAudienceShare(
  aggregate: readonly AudienceSecond[],
  share: readonly AudienceSecond[],
  sign: 1 | -1,
): AudienceSecond[] {
  const byT = new Map<number, AudienceSecond>();
  for (const s of aggregate) byT.set(s.t, { ...s, counts: [...s.counts] });
  for (const s of share) {
    const a = byT.get(s.t) ??
      {
        t: s.t,
        viewers: 0,
        faces: 0,
        counts: EXPRESSIONS.map(() => 0),
        contribution: 0,
        movement: 0,
      };
    const add = (x: number, y: number) => sign === 1 ? x + y : x - y;
    a.viewers = add(a.viewers, s.viewers);
    a.faces = add(a.faces, s.faces);
    a.counts = a.counts.map((c, k) => add(c, s.counts[k] ?? 0));
    a.contribution = add(a.contribution, s.contribution);
    a.movement = add(a.movement, s.movement);
    byT.set(s.t, a);
  }
  return [...byT.values()].filter((s) => s.viewers > 0).sort((a, b) => a.t - b.t);
}

/** A film's ratings: count, mean (one decimal) and a histogram in ten 10-point bins. */
export function filmRatingStats(ratings: readonly number[]): FilmRatingStats {
  const histogram = new Array<number>(10).fill(0);
  let count = 0;
  let sum = 0;
  for (const rating of ratings) {
    if (!Number.isFinite(rating)) continue;
    const r = Math.min(100, Math.max(0, rating));
    histogram[Math.min(9, Math.floor(r / 10))]++;
    sum += r;
    count++;
  }
  return { count, mean: count > 0 ? roundTo(sum / count, 1) : null, histogram };
}

/**
 * The audience's expressions per playback second, ascending: each label's share among the
 * viewers with a face, and the share of viewers without one. Seconds nobody watched are left out.
 */
export function audienceExpressionShares(
  aggregate: readonly AudienceSecond[],
): AudienceExpressionSecond[] {
  return aggregate
    .filter((s) => s.viewers > 0)
    .sort((a, b) => a.t - b.t)
    .map((s) => ({
      t: s.t,
      viewers: s.viewers,
      shares: EXPRESSIONS.map((_, k) => s.faces > 0 ? roundTo((s.counts[k] ?? 0) / s.faces, 4) : 0),
      noFace: roundTo((s.viewers - s.faces) / s.viewers, 4),
    }));
}

/**
 * The fewest viewers an audience second needs to speak for the audience: half of the film's
 * peak audience (the most viewers any second has), rounded up, and at least one. The ending that
 * one viewer out of forty reached is that viewer's reaction, not the audience's.
 */
export function minAudience(aggregate: readonly AudienceSecond[]): number {
  let peak = 0;
  for (const s of aggregate) if (Number.isFinite(s.viewers)) peak = Math.max(peak, s.viewers);
  return Math.max(1, Math.ceil(peak / 2));
}

/**
 * The audience's favourite 20-second section: the one with the highest sum of the mean
 * contribution per viewer, counting only seconds with at least `minAudience` viewers. Null when
 * no section has a positive sum. Ties go to the earlier section.
 */
export function audienceFavourite(aggregate: readonly AudienceSecond[]): AudienceMoment | null {
  const minViewers = minAudience(aggregate);
  const counted = aggregate.filter((s) => s.viewers >= minViewers).sort((a, b) => a.t - b.t);
  const t: number[] = [];
  const value: number[] = [];
  for (const s of counted) {
    if (t.length > 0 && t[t.length - 1] === s.t) continue; // a duplicated entry counts once
    t.push(s.t);
    value.push(s.contribution / s.viewers);
  }
  const [best] = findMoments(t, value, 1, WINDOW_SEC);
  return best
    ? { start: best.start, end: best.end, contribution: roundTo(best.sum, 2), minViewers }
    : null;
}
