/** A rating's reference in words, as the end of the watch flow shows it. Pure. */
import type { RatingReference } from "@/lib/rating/reference.ts";
import { rating } from "./format.ts";

/** The sentences beside a rating: the anchor, its interval, its place among own viewings. */
export function referenceLines(reference: RatingReference): string[] {
  const lines = [
    `${reference.anchor.rating} means ${reference.anchor.meaning}.`,
  ];
  if (reference.interval) {
    lines.push(
      `Probably between ${rating(reference.interval.low)} and ${
        rating(reference.interval.high)
      } (90 % interval).`,
    );
  }
  if (reference.own) {
    const others = reference.own.n - 1;
    lines.push(
      `Higher than ${reference.own.below} of your ${others} other viewing${
        others === 1 ? "" : "s"
      } (percentile ${reference.own.percentile}).`,
    );
  }
  if (reference.audience) {
    lines.push(
      `Percentile ${reference.audience.percentile} among this film's ${reference.audience.n} ratings.`,
    );
  }
  return lines;
}

/** Why a rating is provisional, or null when it is not. */
export function provisionalNote(reference: RatingReference): string | null {
  return reference.provisional
    ? "Provisional: fewer than 5 minutes with your face read clearly, so it may move a lot."
    : null;
}
