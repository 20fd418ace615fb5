/**
 * A viewer's own films: those they finished a viewing of, with their own totals (never the
 * other viewers'). The library, the film list and the recommendations read them here.
 */
import { ownFilmStats } from "@/lib/dashboards/library_page.ts";
import type { Film, Store, ViewingListing } from "@/lib/store/port.ts";
import { storeCache } from "./store_cache.ts";

/** The viewings of one viewer read at most (the per-viewer limits keep them far below). */
export const OWN_VIEWINGS = 10_000;
/** Film titles kept in memory. */
export const CACHED_TITLES = 100_000;

/** A film as its viewer's own: who it is, and their own totals of it. */
export type OwnFilm = Pick<Film, "slug" | "title" | "year" | "stats">;

type FilmIdentity = Pick<Film, "title" | "year">;

/**
 * Who each film is. A film keeps the title and year it was created with under its slug
 * (`upsertFilm`), so these never go stale: a library of 1,000 films reads its rows only once.
 */
const identities = storeCache<FilmIdentity>(CACHED_TITLES);
const IDENTITY = "first";

async function identitiesOf(store: Store, slugs: string[]): Promise<Map<string, FilmIdentity>> {
  const known = new Map<string, FilmIdentity>();
  const missing: string[] = [];
  for (const slug of slugs) {
    const identity = identities.get(store, slug, IDENTITY);
    if (identity) known.set(slug, identity);
    else missing.push(slug);
  }
  if (missing.length > 0) {
    for (const { slug, title, year } of await store.getFilms(missing)) {
      identities.set(store, slug, IDENTITY, { title, year });
      known.set(slug, { title, year });
    }
  }
  return known;
}

/**
 * The viewer's films with their own totals, in the order of their latest viewings, and their
 * viewings (newest first).
 */
export async function loadOwnFilms(
  store: Store,
  viewerId: string,
): Promise<{ films: OwnFilm[]; viewings: ViewingListing[] }> {
  const viewings = await store.listViewings({ viewer: viewerId, limit: OWN_VIEWINGS });
  const byFilm = Map.groupBy(viewings, (v) => v.film);
  const known = await identitiesOf(store, [...byFilm.keys()]);
  const films: OwnFilm[] = [];
  for (const [slug, listings] of byFilm) {
    const identity = known.get(slug);
    const stats = ownFilmStats(listings);
    // Films without a finished viewing are not listed.
    if (identity && stats.viewings > 0) films.push({ slug, ...identity, stats });
  }
  return { films, viewings };
}

/** The whole records of some of a viewer's films, with their own totals, in the same order. */
export async function ownFilmRecords(store: Store, films: readonly OwnFilm[]): Promise<Film[]> {
  const read = new Map(
    (await store.getFilms(films.map((film) => film.slug))).map((film) => [film.slug, film]),
  );
  return films.flatMap((own) => {
    const film = read.get(own.slug);
    return film ? [{ ...film, stats: own.stats }] : [];
  });
}
