/**
 * The data of `/`, the library: every film ranked, the totals, the films of one page with their
 * generated posters, and the latest viewings. Reads the store through its port.
 */
import {
  libraryHistogram,
  type LibraryOverview,
  libraryOverview,
  type RankedFilm,
} from "@/lib/dashboards/library_page.ts";
import { audienceBlocks } from "@/lib/dashboards/blocks.ts";
import { type Poster, posterOf } from "@/lib/dashboards/poster.ts";
import type { Film, Store, ViewingListing } from "@/lib/store/port.ts";
import { filmVersion } from "./film_page.ts";
import { storeCache } from "./store_cache.ts";

/** The latest viewings the library lists. */
export const RECENT_VIEWINGS = 10;
/** Viewings read for the rating-against-verdict scatter (the latest). */
export const VERDICT_VIEWINGS = 200;
/** Film cards per page. */
export const FILMS_PER_PAGE = 24;
/** Films whose posters are kept in memory. */
export const CACHED_POSTERS = 2000;

/** A viewing as the library lists it; verdicts are there once the viewer has given them. */
export type LibraryViewing = ViewingListing & {
  title: string;
  verdict?: number | null;
  predictedVerdict?: number | null;
};

/** A film's card: its rank and numbers, its poster, when it was last watched. */
export interface LibraryCard {
  film: RankedFilm;
  /** 1-based rank among the rated films; null for a film without a finished viewing. */
  rank: number | null;
  poster: Poster | null;
  lastWatchedAt: string | null;
}

export interface LibraryPage {
  overview: LibraryOverview;
  /** The latest viewings, each with its film's title. */
  recent: LibraryViewing[];
  /** The latest viewings (up to VERDICT_VIEWINGS), for the rating-against-verdict scatter. */
  viewings: LibraryViewing[];
  /** The films of this page, in rank order. */
  cards: LibraryCard[];
  /** This page (1-based) and how many there are. */
  page: number;
  pages: number;
  /** Every counted rating in ten 10-point bins: where a rating stands among the viewer's. */
  histogram: number[];
}

/** Posters, kept while a film's aggregates stay the same (`filmVersion`). */
const posters = storeCache<Poster | null>(CACHED_POSTERS);

async function posterFor(store: Store, film: Film): Promise<Poster | null> {
  if (film.stats.viewings === 0) return null;
  const version = filmVersion(film);
  const cached = posters.get(store, film.slug, version);
  if (cached !== undefined) return cached;
  const poster = posterOf(audienceBlocks(await store.readAudience(film.slug), film.durationSec));
  posters.set(store, film.slug, version, poster);
  return poster;
}

/** A page number from the query (`?page=2`): 1 when missing or not a whole number ≥ 1. */
export function pageNumber(value: string | null | undefined): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

/** The library page's data; `page` is clamped to the pages there are. */
export async function loadLibraryPage(
  store: Store,
  options: { page?: number } = {},
): Promise<LibraryPage> {
  const [films, viewings] = await Promise.all([
    store.listFilms(),
    store.listViewings({ limit: VERDICT_VIEWINGS }),
  ]);
  const overview = libraryOverview(films);
  const pages = Math.max(1, Math.ceil(overview.films.length / FILMS_PER_PAGE));
  const page = Math.min(pages, Math.max(1, options.page ?? 1));
  const bySlug = new Map(films.map((film) => [film.slug, film]));
  const from = (page - 1) * FILMS_PER_PAGE;
  const shown = overview.films.slice(from, from + FILMS_PER_PAGE);
  const cards = await Promise.all(shown.map(async (ranked, k) => {
    const film = bySlug.get(ranked.slug)!;
    return {
      film: ranked,
      rank: ranked.mean === null ? null : from + k + 1,
      poster: await posterFor(store, film),
      lastWatchedAt: film.stats.lastWatchedAt,
    };
  }));
  const titled = viewings.map((v) => ({ ...v, title: bySlug.get(v.film)?.title ?? v.film }));
  return {
    overview,
    recent: titled.slice(0, RECENT_VIEWINGS),
    viewings: titled,
    cards,
    page,
    pages,
    histogram: libraryHistogram(films),
  };
}
