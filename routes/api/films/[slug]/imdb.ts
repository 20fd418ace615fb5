/**
 * A library film's link to its IMDb title in the catalog:
 * - `GET /api/films/:slug/imdb` → `{ film, tconst, title }` (`title` is the card data or null);
 * - `PUT /api/films/:slug/imdb` with `{ tconst, screeningId }` and `Authorization: Bearer
 *   <token>` links it (the viewer confirmed a suggestion from `/api/catalog/search`),
 *   replacing any earlier link. Only a viewer of the film may: `screeningId` must be their
 *   own viewing of this film and the token its write token; in shared mode they must also be
 *   an admin (the first account or one in `REELFEEL_ADMINS`).
 *
 * The link is kept in the catalog (`film_links`, slug → tconst): the store's film record has
 * no field for it.
 */
import { parseFilmLink } from "@/lib/api/film_link_input.ts";
import { HttpError } from "@/lib/framework/errors.ts";
import { json, readJson } from "@/lib/framework/http.ts";
import { toApiMovie } from "@/lib/recommend/recommend.ts";
import { define } from "@/lib/state.ts";
import { isAdmin } from "@/lib/admin.ts";
import { findFilm, findViewerViewing, requireToken } from "@/routes/api/_http.ts";

const IN_LIBRARY = " in the library";

export const handler = define.handlers({
  async GET(_req, ctx) {
    const { store, catalog } = ctx.state;
    const film = await findFilm(store, ctx.params.slug, IN_LIBRARY);
    const tconst = await catalog.filmLink(film.slug);
    const card = tconst ? await catalog.title(tconst) : null;
    return json({ film: film.slug, tconst, title: card ? toApiMovie(card) : null });
  },

  async PUT(req, ctx) {
    const { store, catalog } = ctx.state;
    const film = await findFilm(store, ctx.params.slug, IN_LIBRARY);
    const { tconst, screeningId } = parseFilmLink(await readJson(req));
    const viewing = await findViewerViewing(store, ctx.state.viewer, screeningId);
    requireToken(req, viewing);
    if (!isAdmin(ctx.state)) {
      throw new HttpError(403, "Only an admin may link a film to its IMDb title");
    }
    if (viewing.film !== film.slug) {
      throw new HttpError(403, `Screening ${viewing.id} is not of ${film.slug}`);
    }
    const card = await catalog.title(tconst);
    if (!card) {
      throw new HttpError(
        404,
        `${tconst} is not in the film catalog: search it with /api/catalog/search, or import IMDb's datasets`,
      );
    }
    await catalog.linkFilm(film.slug, tconst);
    return json({ film: film.slug, tconst, title: toApiMovie(card) });
  },
});
