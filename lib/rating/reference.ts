/**
 * What a rating is measured against, computed when a page is read (the ratings it is compared
 * with keep changing): the fixed anchor (65: watched attentively, face at rest), its place among
 * the viewer's own viewings, and on a film its place in that film's audience.
 */
import { isProvisional } from "./confidence.ts";
import { STATE_TABLE } from "./rules.ts";
import type { RatingInterval, ViewingSummary } from "./types.ts";

/** The anchor every rating is set against: a whole viewing neutral and still scores exactly this. */
export const ANCHOR_RATING = STATE_TABLE.neutral.still;

/** What the anchor means, in the words the pages use. */
export const ANCHOR_MEANING = "watched attentively, face at rest";

/** A place among own viewings needs at least this many ratings (this one included). */
export const MIN_OWN_RATINGS = 2;

/**
 * A place in a film's audience needs at least this many ratings: fewer is not an audience, and
 * on a shared server a film's audience is shown only from three viewers on.
 */
export const MIN_AUDIENCE_RATINGS = 3;

/** Where a rating stands among others. */
export interface RatingPlace {
  /** Ratings compared with (the rating itself included when it is among them). */
  n: number;
  /** How many of them are lower. */
  below: number;
  /** How many of them are higher. */
  above: number;
  /**
   * Percentile rank, 0–100, whole: the share of the ratings below it, ties counting half
   * (`100 × (below + equal / 2) / n`). The middle of a list is 50 whatever its length.
   */
  percentile: number;
}

/**
 * The place of `rating` among `ratings` (exact), or null with fewer than `minCount` finite
 * ratings. Pass the viewer's own ratings (`MIN_OWN_RATINGS`) or a film's (`MIN_AUDIENCE_RATINGS`).
 */
export function placeAmong(
  rating: number,
  ratings: readonly number[],
  minCount = MIN_OWN_RATINGS,
): RatingPlace | null {
  let n = 0;
  let below = 0;
  let above = 0;
  for (const r of ratings) {
    if (!Number.isFinite(r)) continue;
    n++;
    if (r < rating) below++;
    else if (r > rating) above++;
  }
  if (n < minCount || n === 0) return null;
  const equal = n - below - above;
  return { n, below, above, percentile: Math.round((100 * (below + equal / 2)) / n) };
}

/**
 * The place of `rating` in a film's audience from its rating histogram (ten 10-point bins,
 * `FilmStats.ratingHistogram`), or null with fewer than `MIN_AUDIENCE_RATINGS` ratings. `below`
 * and `above` count the ratings in lower and higher bins (exact); inside the rating's own bin
 * the ratings are taken as spread evenly, so the percentile is interpolated there.
 */
export function placeInHistogram(
  rating: number,
  histogram: readonly number[],
  minCount = MIN_AUDIENCE_RATINGS,
): RatingPlace | null {
  const bins = histogram.length;
  if (bins === 0 || !Number.isFinite(rating)) return null;
  const width = 100 / bins;
  const r = Math.min(100, Math.max(0, rating));
  const bin = Math.min(bins - 1, Math.floor(r / width));
  let n = 0;
  let below = 0;
  let above = 0;
  for (let k = 0; k < bins; k++) {
    const count = Number.isFinite(histogram[k]) && histogram[k] > 0 ? histogram[k] : 0;
    n += count;
    if (k < bin) below += count;
    else if (k > bin) above += count;
  }
  if (n < minCount || n === 0) return null;
  const within = (r - bin * width) / width;
  const own = n - below - above;
  return { n, below, above, percentile: Math.round((100 * (below + own * within)) / n) };
}

/** Everything a page shows beside a rating. */
export interface RatingReference {
  rating: number;
  /** 65, and what it means. */
  anchor: { rating: number; meaning: string };
  /** The 90 % interval; null for a summary stored before intervals were computed. */
  interval: RatingInterval | null;
  /** Fewer than 5 minutes with a face read. */
  provisional: boolean;
  /** Among the viewer's own viewings; null with fewer than two. */
  own: RatingPlace | null;
  /** In the film's audience; null with fewer than three ratings or without a film. */
  audience: RatingPlace | null;
}

/**
 * A rating's reference: its anchor, interval and provisional flag (precomputed in the
 * summary), its place among `ownRatings` (the viewer's finished viewings, this one included)
 * and, given the film's `filmHistogram` (`FilmStats.ratingHistogram`, this viewing counted),
 * its place in the film's audience.
 */
export function ratingReference(
  summary: Pick<ViewingSummary, "rating" | "faceSec"> & Partial<Pick<ViewingSummary, "interval">>,
  context: { ownRatings?: readonly number[]; filmHistogram?: readonly number[] | null } = {},
): RatingReference {
  return {
    rating: summary.rating,
    anchor: { rating: ANCHOR_RATING, meaning: ANCHOR_MEANING },
    interval: summary.interval ?? null,
    provisional: isProvisional(summary.faceSec),
    own: placeAmong(summary.rating, context.ownRatings ?? []),
    audience: context.filmHistogram
      ? placeInHistogram(summary.rating, context.filmHistogram)
      : null,
  };
}
