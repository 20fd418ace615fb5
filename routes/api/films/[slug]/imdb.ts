/**
 * A library film's link to its IMDb title in the catalog:
 * - `GET /api/films/:slug/imdb` → `{ film, tconst, title }` (`title` is the card data or null);
 * - `PUT /api/films/:slug/imdb` with `{ tconst, screeningId }` and `Authorization: Bearer
 *   <token>` links it (the viewer confirmed a suggestion from `/api/catalog/search`),
 *   replacing any earlier link and settling the viewers' proposals. Only an admin may (in
 *   personal mode, its one viewer): with `screeningId` their own viewing of this film opened
 *   by its token; an admin signed in to a shared server may leave both out (confirming a
 *   proposal from the film page). Other viewers propose a title (`imdb-proposals.ts`).
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
import { findFilm, requireCatalogTitle, requireViewingOf } from "@/routes/api/_http.ts";

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
    const { store, catalog, accounts, viewer } = ctx.state;
    const film = await findFilm(store, ctx.params.slug, IN_LIBRARY);
    const { tconst, screeningId } = parseFilmLink(await readJson(req));
    // A signed-in admin of a shared server is known by their session; anyone else by a token.
    if (!(accounts.mode === "passkeys" && isAdmin(ctx.state) && screeningId === null)) {
      await requireViewingOf(req, store, viewer, film, screeningId);
    }
    if (!isAdmin(ctx.state)) {
      throw new HttpError(
        403,
        "Only an admin may link a film to its IMDb title: propose it instead (POST …/imdb-proposals)",
      );
    }
    const card = await requireCatalogTitle(catalog, tconst);
    await catalog.linkFilm(film.slug, tconst);
    await catalog.dropFilmLinkProposals({ slug: film.slug });
    return json({ film: film.slug, tconst, title: toApiMovie(card) });
  },
});
