/**
 * The vote-weighted rating the catalog ranks by: IMDb's published Bayesian estimate (the one
 * its Top 250 used). Pure.
 *
 *   WR = (v / (v + m)) · R + (m / (v + m)) · C
 *
 * R is the title's average rating, v its number of votes, C the mean rating of all rated titles
 * in the catalog (computed after each import of `title.ratings`), and m the number of votes a
 * title needs before its own rating outweighs C. With m = 25,000, a 9.2 with 40 votes ranks
 * near the average while an 8.6 with two million votes stays at about 8.6.
 */

/** m: the votes at which a title's own rating and the catalog mean weigh the same. */
export const MIN_VOTES_WEIGHT = 25_000;

/** IMDb's weighted rating of a title; see the module's comment. */
export function weightedRating(
  rating: number,
  votes: number,
  meanRating: number,
  m = MIN_VOTES_WEIGHT,
): number {
  if (votes <= 0) return meanRating;
  return (votes / (votes + m)) * rating + (m / (votes + m)) * meanRating;
}
