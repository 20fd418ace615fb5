/**
 * A library film's link to its IMDb title in the catalog:
 * - `GET /api/films/:slug/imdb` → `{ film, tconst, title }` (`title` is the card data or null);
 * - `PUT /api/films/:slug/imdb` with `{ tconst }` links it (the user confirmed a suggestion
 *   from `/api/catalog/search`), replacing any earlier link.
 *
 * The link is kept in the catalog (`film_links`, slug → tconst): the store's film record has
 * no field for it.
 */
import { jsonError } from "../../../../lib/framework/app.ts";
import type { Handlers } from "../../../../lib/framework/types.ts";
import { readJsonBody } from "../../../../lib/catalog/http.ts";
import { toApiMovie } from "../../../../lib/catalog/recommend.ts";
import type { AppState } from "../../../../lib/state.ts";

const TCONST = /^tt\d{7,10}$/;

export const handler: Handlers<unknown, AppState> = {
  async GET(_req, ctx) {
    const { store, catalog } = ctx.state;
    const slug = ctx.params.slug;
    if (!(await store.getFilm(slug))) return jsonError(`No film "${slug}" in the library`, 404);
    const tconst = await catalog.filmLink(slug);
    const card = tconst ? await catalog.title(tconst) : null;
    return Response.json({ film: slug, tconst, title: card ? toApiMovie(card) : null });
  },

  async PUT(req, ctx) {
    const { store, catalog } = ctx.state;
    const slug = ctx.params.slug;
    const body = await readJsonBody(req);
    if (!body.ok) return jsonError(body.error, body.status);
    const value = body.value;
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      return jsonError('The body must be a JSON object: { "tconst": "tt…" }', 400);
    }
    const extra = Object.keys(value).filter((k) => k !== "tconst");
    if (extra.length > 0) {
      return jsonError(`Unknown field ${JSON.stringify(extra[0])}: the only field is tconst`, 400);
    }
    const tconst = (value as { tconst?: unknown }).tconst;
    if (typeof tconst !== "string" || !TCONST.test(tconst)) {
      return jsonError('tconst must be an IMDb title id such as "tt0133093"', 400);
    }
    if (!(await store.getFilm(slug))) return jsonError(`No film "${slug}" in the library`, 404);
    const card = await catalog.title(tconst);
    if (!card) {
      return jsonError(
        `${tconst} is not in the film catalog: search it with /api/catalog/search, or import IMDb's datasets`,
        404,
      );
    }
    await catalog.linkFilm(slug, tconst);
    return Response.json({ film: slug, tconst, title: toApiMovie(card) });
  },
};
