/**
 * A viewer's own films: those they finished a viewing of, with their own totals (never the
 * other viewers'). The library, the film list and the recommendations read them here.
 */
import { ownFilmStats } from "@/lib/dashboards/library_page.ts";
import type { Film, Store, ViewingListing } from "@/lib/store/port.ts";

/** The viewings of one viewer read at most (the per-viewer limits keep them far below). */
export const OWN_VIEWINGS = 10_000;

/** The viewer's films with their own totals, and their viewings (newest first). */
export async function loadOwnFilms(
  store: Store,
  viewerId: string,
): Promise<{ films: Film[]; viewings: ViewingListing[] }> {
  const viewings = await store.listViewings({ viewer: viewerId, limit: OWN_VIEWINGS });
  const byFilm = Map.groupBy(viewings, (v) => v.film);
  const films = await Promise.all([...byFilm.keys()].map((slug) => store.getFilm(slug)));
  return {
    films: films
      .filter((film): film is Film => film !== null)
      .map((film) => ({ ...film, stats: ownFilmStats(byFilm.get(film.slug) ?? []) }))
      // Films without a finished viewing are not listed.
      .filter((film) => film.stats.viewings > 0),
    viewings,
  };
}
