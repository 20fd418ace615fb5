/**
 * A rating's reference in words, for every place a rating is shown: what it is measured
 * against (65: watched attentively, face at rest), where it stands among the viewer's own
 * viewings and in the film's audience, its interval, and whether it is provisional. Pure.
 */
import type { RatingPlace, RatingReference } from "@/lib/rating/reference.ts";
import { rating as ratingText, signed } from "./format.ts";

export interface ReferenceWords {
  /** "5.6 above 65, watched attentively, face at rest" (or "at 65, …", "3.1 below 65, …"). */
  anchor: string;
  /** "90 % interval 62.1–68.4", or null without one. */
  interval: string | null;
  /** "higher than 80% of your 12 viewings", or null with too few. */
  own: string | null;
  /** "higher than 40% of this film's 10 viewings", or null with too few. */
  audience: string | null;
  /** A warning when the rating rests on under 5 minutes of a face read, else null. */
  provisional: string | null;
}

/** "higher than 80% of your 12 viewings": the percentile rank, in words. */
export function placeWords(place: RatingPlace, whose: string): string {
  if (place.above === 0 && place.below === place.n - 1 && place.n > 1) {
    return `the highest of ${whose} ${place.n} viewings`;
  }
  if (place.below === 0 && place.above === place.n - 1 && place.n > 1) {
    return `the lowest of ${whose} ${place.n} viewings`;
  }
  return `higher than ${place.percentile}% of ${whose} ${place.n} viewings`;
}

/** How far a rating is from the anchor, with the anchor's meaning. */
export function anchorWords(value: number, anchor: RatingReference["anchor"]): string {
  const diff = Math.round((value - anchor.rating) * 10) / 10;
  if (diff === 0) return `at ${anchor.rating}: ${anchor.meaning}`;
  const side = diff > 0 ? "above" : "below";
  return `${signed(Math.abs(diff)).replace("+", "")} ${side} ${anchor.rating} (${anchor.meaning})`;
}

/** Everything said beside a rating. */
export function referenceWords(reference: RatingReference): ReferenceWords {
  const { interval } = reference;
  return {
    anchor: anchorWords(reference.rating, reference.anchor),
    interval: interval && interval.high > interval.low
      ? `90% interval ${ratingText(interval.low)}–${ratingText(interval.high)}`
      : null,
    own: reference.own ? placeWords(reference.own, "your") : null,
    audience: reference.audience ? placeWords(reference.audience, "this film's") : null,
    provisional: reference.provisional
      ? "Provisional: fewer than 5 minutes with a face read, a first impression."
      : null,
  };
}

/** A percentile as an ordinal: "1st", "2nd", "3rd", "11th", "63rd". */
export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${["th", "st", "nd", "rd"][n % 10] ?? "th"}`;
}
