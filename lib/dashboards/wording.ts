/** Plain words about how much a number rests on. Pure; the film page and the library use them. */

/** "1 viewing", "3 viewings". */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/**
 * What a film's mean rating rests on, in a sentence: one viewing is that viewing's rating, a
 * few are a few, five and more are an audience's mean.
 */
export function restsOn(viewings: number): string {
  if (viewings <= 0) return "No finished viewing yet.";
  if (viewings === 1) {
    return "One viewing so far: this is that viewing's rating, not an audience's.";
  }
  if (viewings < 5) {
    return `Only ${viewings} viewings so far: each one moves the mean a lot, so read it as a first impression.`;
  }
  return `The mean of ${viewings} viewings.`;
}
