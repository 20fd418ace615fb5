/**
 * A viewer's own films: those they finished a viewing of, with their own totals (never the
 * other viewers'). The library, the film list and the recommendations read them here.
 */
import type { Film, Store } from "@/lib/store/port.ts";
import { storeCache } from "./store_cache.ts";

/** The viewings of one viewer read at most (the per-viewer limits keep them far below). */
export const OWN_VIEWINGS = 10_000;
/** Film titles kept in memory. */
export const CACHED_TITLES = 100_000;

/** A film as its viewer's own: who it is, and their own totals of it. */
export type OwnFilm = Pick<Film, "slug" | "title" | "year" | "stats">;

/** Who a film is: what it was created with, and keeps. */
export type FilmIdentity = Pick<Film, "title" | "year">;

/**
 * Who each film is. A film keeps the title and year it was created with under its slug
 * (`upsertFilm`), so these never go stale: a library of 1,000 films reads its rows only once.
 */
const identities = storeCache<FilmIdentity>(CACHED_TITLES);
const IDENTITY = "first";

/** The title and year of each of these films (a slug with no film is left out). */
export async function filmIdentities(
  store: Store,
  slugs: readonly string[],
): Promise<Map<string, FilmIdentity>> {
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

/** The viewer's films with their own totals, in no particular order. */
export async function loadOwnFilms(store: Store, viewerId: string): Promise<OwnFilm[]> {
  const totals = await store.listOwnFilmStats(viewerId);
  const known = await filmIdentities(store, totals.map(({ film }) => film));
  return totals.flatMap(({ film, stats }) => {
    const identity = known.get(film);
    return identity ? [{ slug: film, ...identity, stats }] : [];
  });
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
