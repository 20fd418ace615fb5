/** The library page's numbers, from the films' precomputed stats. Pure. */
import type { Film } from "@/lib/store/port.ts";

export interface RankedFilm {
  slug: string;
  title: string;
  year: number | null;
  /** Mean rating over its counted viewings (one decimal), or null without any. */
  mean: number | null;
  viewings: number;
  watchSec: number;
}

export interface LibraryOverview {
  /** How many films the library has. */
  films: number;
  /** Counted viewings over every film. */
  viewings: number;
  /** Recorded seconds over every film. */
  watchSec: number;
  /** Mean rating over every counted viewing (one decimal), or null without any. */
  meanRating: number | null;
}

/** What ranking a film needs of it: who it is and its totals. */
export type RankableFilm = Pick<Film, "slug" | "title" | "year" | "stats">;

const oneDecimal = (value: number) => Math.round(value * 10) / 10;

/**
 * One collator for every title comparison: `localeCompare` with options builds one per call,
 * which made sorting 1,000 films cost 11–16 ms instead of about 1.
 */
const TITLES = new Intl.Collator("en", { sensitivity: "base" });

/** A film's mean rating from its stats, one decimal; null without counted viewings. */
export function filmMean(film: Pick<Film, "stats">): number | null {
  const { viewings, ratingSum } = film.stats;
  return viewings > 0 ? oneDecimal(ratingSum / viewings) : null;
}

/** The rank order's numbers: rated films by mean rating (highest first), more viewings first. */
function byNumbers(a: RankedFilm, b: RankedFilm): number {
  if ((a.mean === null) !== (b.mean === null)) return a.mean === null ? 1 : -1;
  if (a.mean !== null && b.mean !== null && a.mean !== b.mean) return b.mean - a.mean;
  return b.viewings - a.viewings;
}

/** The rank order between films whose numbers tie: by title, then slug. */
function byTitle(a: RankedFilm, b: RankedFilm): number {
  return TITLES.compare(a.title, b.title) || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);
}

/**
 * The films at ranks `from` to `from + count − 1` (0-based), in rank order: rated films by
 * mean rating (highest first; more viewings, then title, on a tie), then the unrated by title.
 * Titles are compared only within the ties that reach those ranks: a page of 24 among 1,000
 * films compares a few dozen titles, not thousands.
 */
export function rankedPage(
  films: readonly RankableFilm[],
  from: number,
  count: number,
): RankedFilm[] {
  const ranked: RankedFilm[] = films.map((film) => ({
    slug: film.slug,
    title: film.title,
    year: film.year,
    mean: filmMean(film),
    viewings: film.stats.viewings,
    watchSec: film.stats.watchSec,
  }));
  ranked.sort(byNumbers);
  const end = Math.min(ranked.length, from + count);
  // From the start of the tie that holds the page's first film to the end of its last one.
  let i = Math.min(from, end);
  while (i > 0 && i < ranked.length && byNumbers(ranked[i - 1], ranked[i]) === 0) i--;
  while (i < end) {
    let j = i + 1;
    while (j < ranked.length && byNumbers(ranked[i], ranked[j]) === 0) j++;
    if (j - i > 1) ranked.splice(i, j - i, ...ranked.slice(i, j).sort(byTitle));
    i = j;
  }
  return ranked.slice(from, end);
}

/** The library's totals over every film. */
export function libraryOverview(films: readonly RankableFilm[]): LibraryOverview {
  let viewings = 0;
  let watchSec = 0;
  let ratingSum = 0;
  for (const film of films) {
    viewings += film.stats.viewings;
    watchSec += film.stats.watchSec;
    ratingSum += film.stats.ratingSum;
  }
  return {
    films: films.length,
    viewings,
    watchSec,
    meanRating: viewings > 0 ? oneDecimal(ratingSum / viewings) : null,
  };
}

/**
 * Every counted viewing's rating in ten 10-point bins, summed over the films' histograms: what
 * a viewing's place among all of them is read from (`placeInHistogram`), without listing them.
 */
export function libraryHistogram(films: readonly Pick<Film, "stats">[]): number[] {
  const sum = new Array<number>(10).fill(0);
  for (const film of films) {
    film.stats.ratingHistogram.forEach((count, k) => {
      if (k < sum.length && Number.isFinite(count)) sum[k] += count;
    });
  }
  return sum;
}
