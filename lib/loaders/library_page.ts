/**
 * The data of `/`, the library: the viewer's own films ranked by their own ratings, their
 * totals, the films of one page with their generated posters (from the film's audience, only
 * where it may be shown), and their latest viewings. Nobody signed in (shared mode) has no
 * library.
 */
import {
  libraryHistogram,
  type LibraryOverview,
  libraryOverview,
  type RankedFilm,
  rankedPage,
} from "@/lib/dashboards/library_page.ts";
import { audienceBlocks } from "@/lib/dashboards/blocks.ts";
import { type Poster, posterOf } from "@/lib/dashboards/poster.ts";
import type { Film, Store, ViewingListing } from "@/lib/store/port.ts";
import type { AccountsConfig } from "@/lib/viewers/config.ts";
import type { RequestViewer } from "@/lib/viewers/own.ts";
import { audienceShown, filmVersion } from "./film_page.ts";
import { filmIdentities, loadOwnFilms } from "./own_films.ts";
import { loadViewerModel } from "./viewing_result.ts";
import { predictVerdict } from "@/lib/rating/personal_model.ts";
import { storeCache } from "./store_cache.ts";

/** The latest viewings the library lists. */
export const RECENT_VIEWINGS = 10;
/** Viewings read for the rating-against-verdict scatter (the latest). */
export const VERDICT_VIEWINGS = 200;
/** Film cards per page. */
export const FILMS_PER_PAGE = 24;
/** Films whose posters are kept in memory. */
export const CACHED_POSTERS = 2000;
/** Library pages kept in memory (one per viewer and page number). */
export const CACHED_LIBRARY_PAGES = 256;

/** A viewing as the library lists it; verdicts are there once the viewer has given them. */
export type LibraryViewing = ViewingListing & {
  title: string;
  /** What the viewer's personal model expects them to give it (the latest viewings only). */
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

/** The viewings with the verdict the viewer's personal model expects (none while inactive). */
async function withPredictions(
  store: Store,
  viewer: string,
  viewings: LibraryViewing[],
): Promise<LibraryViewing[]> {
  const model = await loadViewerModel(store, viewer);
  if (!model.active) return viewings;
  return await Promise.all(viewings.map(async (v) => {
    if (v.state !== "finished") return v;
    const full = await store.getViewing(v.id, { perSecond: false });
    const prediction = full?.summary
      ? predictVerdict(model, { id: v.id, summary: full.summary })
      : null;
    return { ...v, predictedVerdict: prediction?.verdict ?? null };
  }));
}

/** A page number from the query (`?page=2`): 1 when missing or not a whole number ≥ 1. */
export function pageNumber(value: string | null | undefined): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

/** Library pages kept while the store has not changed (`changeMark`). */
const libraryPages = storeCache<LibraryPage>(CACHED_LIBRARY_PAGES);

/** `viewer`'s library page (null: nobody signed in); `page` is clamped to the pages there are. */
export async function loadLibraryPage(
  store: Store,
  viewer: RequestViewer | null,
  options: { page?: number; mode?: AccountsConfig["mode"] } = {},
): Promise<LibraryPage> {
  if (!viewer) {
    const overview = libraryOverview([]);
    return { overview, recent: [], viewings: [], cards: [], page: 1, pages: 1, histogram: [] };
  }
  const mode = options.mode ?? "personal";
  // Read before the page: a write while it is made leaves it under a mark already gone.
  const mark = await store.changeMark();
  const key = `${viewer.id} ${options.page ?? 1} ${mode}`;
  const kept = mark === null ? undefined : libraryPages.get(store, key, mark);
  if (kept) return kept;
  const made = await makeLibraryPage(store, viewer, options.page ?? 1, mode);
  if (mark !== null) libraryPages.set(store, key, mark, made);
  return made;
}

/** The library page as the store holds it now. */
async function makeLibraryPage(
  store: Store,
  viewer: RequestViewer,
  requested: number,
  mode: AccountsConfig["mode"],
): Promise<LibraryPage> {
  const [films, viewings] = await Promise.all([
    loadOwnFilms(store, viewer.id),
    store.listViewings({ viewer: viewer.id, limit: VERDICT_VIEWINGS }),
  ]);
  const overview = libraryOverview(films);
  const pages = Math.max(1, Math.ceil(overview.films / FILMS_PER_PAGE));
  const page = Math.min(pages, Math.max(1, requested));
  const bySlug = new Map(films.map((film) => [film.slug, film]));
  const from = (page - 1) * FILMS_PER_PAGE;
  const shown = rankedPage(films, from, FILMS_PER_PAGE);
  // The records of this page's films: a poster is of the film's whole audience, kept while
  // that audience's totals (not the viewer's own) stay the same.
  const records = new Map(
    (await store.getFilms(shown.map((film) => film.slug))).map((film) => [film.slug, film]),
  );
  const cards = await Promise.all(shown.map(async (ranked, k) => {
    const record = records.get(ranked.slug);
    const poster = record && await audienceShown(store, mode, ranked.slug)
      ? await posterFor(store, record)
      : null;
    return {
      film: ranked,
      rank: ranked.mean === null ? null : from + k + 1,
      poster,
      lastWatchedAt: bySlug.get(ranked.slug)!.stats.lastWatchedAt,
    };
  }));
  // Films still being recorded have no totals yet, but a title all the same.
  const titles = await filmIdentities(store, [...new Set(viewings.map((v) => v.film))]);
  const titled = viewings.map((v) => ({ ...v, title: titles.get(v.film)?.title ?? v.film }));
  return {
    overview,
    recent: await withPredictions(store, viewer.id, titled.slice(0, RECENT_VIEWINGS)),
    viewings: titled,
    cards,
    page,
    pages,
    histogram: libraryHistogram(films),
  };
}
