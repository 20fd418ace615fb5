/** The library page's numbers, from the films' precomputed stats. Pure. */
import type { Film, FilmStats, ViewingListing } from "@/lib/store/port.ts";
import { ratingBin } from "@/lib/store/viewing_effect.ts";

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
  /**
   * Rated films by mean rating (highest first; more viewings, then title, on a tie), then the
   * unrated by title.
   */
  films: RankedFilm[];
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

/** Ranks the films and sums the library's totals. */
export function libraryOverview(films: readonly RankableFilm[]): LibraryOverview {
  const ranked: RankedFilm[] = films.map((film) => ({
    slug: film.slug,
    title: film.title,
    year: film.year,
    mean: filmMean(film),
    viewings: film.stats.viewings,
    watchSec: film.stats.watchSec,
  }));
  ranked.sort((a, b) => {
    if (a.mean !== null && b.mean !== null && a.mean !== b.mean) return b.mean - a.mean;
    if ((a.mean === null) !== (b.mean === null)) return a.mean === null ? 1 : -1;
    if (a.viewings !== b.viewings) return b.viewings - a.viewings;
    return TITLES.compare(a.title, b.title) || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);
  });
  let viewings = 0;
  let watchSec = 0;
  let ratingSum = 0;
  for (const film of films) {
    viewings += film.stats.viewings;
    watchSec += film.stats.watchSec;
    ratingSum += film.stats.ratingSum;
  }
  return {
    films: ranked,
    viewings,
    watchSec,
    meanRating: viewings > 0 ? oneDecimal(ratingSum / viewings) : null,
  };
}

/**
 * One viewer's totals of a film, from their own viewings' listings: the finished ones that
 * recorded something count, as the film's stats count a viewing (so that in personal mode,
 * where every viewing is the one viewer's, they equal the film's stats).
 */
export function ownFilmStats(listings: readonly ViewingListing[]): FilmStats {
  const counted = listings.filter((v) =>
    v.state === "finished" && v.rating !== null && (v.recordedSec ?? 0) > 0
  );
  const ratingHistogram = new Array(10).fill(0);
  let ratingTenths = 0;
  let watchSec = 0;
  let lastWatchedAt: string | null = null;
  for (const v of counted) {
    ratingHistogram[ratingBin(v.rating!)]++;
    ratingTenths += Math.round(v.rating! * 10);
    watchSec += v.recordedSec!;
    if (v.finishedAt && (lastWatchedAt === null || v.finishedAt > lastWatchedAt)) {
      lastWatchedAt = v.finishedAt;
    }
  }
  return {
    viewings: counted.length,
    finished: counted.length,
    ratingSum: ratingTenths / 10,
    ratingHistogram,
    watchSec,
    lastWatchedAt,
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
