/** The data of `/`, the library: every film ranked, the totals, the latest viewings. */
import { type LibraryOverview, libraryOverview } from "@/lib/dashboards/library_page.ts";
import type { Store, ViewingListing } from "@/lib/store/port.ts";

/** The latest viewings the library lists. */
export const RECENT_VIEWINGS = 10;

export interface LibraryPage {
  overview: LibraryOverview;
  /** The latest viewings, each with its film's title. */
  recent: (ViewingListing & { title: string })[];
}

/** The library page's data. */
export async function loadLibraryPage(store: Store): Promise<LibraryPage> {
  const [films, recent] = await Promise.all([
    store.listFilms(),
    store.listViewings({ limit: RECENT_VIEWINGS }),
  ]);
  const titles = new Map(films.map((film) => [film.slug, film.title]));
  return {
    overview: libraryOverview(films),
    recent: recent.map((v) => ({ ...v, title: titles.get(v.film) ?? v.film })),
  };
}
