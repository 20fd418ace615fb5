/**
 * The data of `/`, the library: the viewer's own films ranked by their own ratings, their
 * totals, their latest viewings. Nobody signed in (shared mode) has no library.
 */
import { type LibraryOverview, libraryOverview } from "@/lib/dashboards/library_page.ts";
import type { Store, ViewingListing } from "@/lib/store/port.ts";
import type { RequestViewer } from "@/lib/viewers/own.ts";
import { loadOwnFilms } from "./own_films.ts";

/** The latest viewings the library lists. */
export const RECENT_VIEWINGS = 10;
/** Films per page of the library's table. */
export const FILMS_PER_PAGE = 50;

export interface LibraryPage {
  overview: LibraryOverview;
  /** The latest viewings, each with its film's title. */
  recent: (ViewingListing & { title: string })[];
  /** The page of the films table (1-based) and how many pages there are. */
  page: number;
  pages: number;
}

/** The library page's data for `viewer` (null: nobody signed in), page `page` of its films. */
export async function loadLibraryPage(
  store: Store,
  viewer: RequestViewer | null,
  page = 1,
): Promise<LibraryPage> {
  if (!viewer) {
    return { overview: libraryOverview([]), recent: [], page: 1, pages: 1 };
  }
  const { films, viewings } = await loadOwnFilms(store, viewer.id);
  const titles = new Map(films.map((film) => [film.slug, film.title]));
  const overview = libraryOverview(films);
  const pages = Math.max(1, Math.ceil(overview.films.length / FILMS_PER_PAGE));
  const shown = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  return {
    overview: {
      ...overview,
      films: overview.films.slice((shown - 1) * FILMS_PER_PAGE, shown * FILMS_PER_PAGE),
    },
    recent: viewings.slice(0, RECENT_VIEWINGS).map((v) => ({
      ...v,
      title: titles.get(v.film) ?? v.film,
    })),
    page: shown,
    pages,
  };
}
