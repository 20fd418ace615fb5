/**
 * IMDb links follow a film to its new slug: the catalog keys a film's link by its slug, and
 * slugs of long titles changed once (`filmSlug`), so a link made under a former slug is carried
 * to the current one. Run at start; cheap (a film keeps at most one former slug) and repeatable.
 */
import type { Store } from "@/lib/store/port.ts";
import type { CatalogPort } from "./port.ts";

/** Links each film whose former slug was linked and whose current one is not; returns how many. */
export async function carryFilmLinks(store: Store, catalog: CatalogPort): Promise<number> {
  let carried = 0;
  for (const { slug, film } of await store.formerSlugs()) {
    const tconst = await catalog.filmLink(slug);
    if (tconst && !(await catalog.filmLink(film))) {
      await catalog.linkFilm(film, tconst);
      carried++;
    }
  }
  return carried;
}
