/**
 * Viewers' proposals of a film's IMDb title, for an admin to confirm (shared mode, where only
 * an admin links films):
 * - `POST /api/films/:slug/imdb-proposals` with `{ tconst, screeningId }` and that viewing's
 *   token: a viewer who recorded the film proposes the title (one proposal per viewer and
 *   film; a later one replaces it) → 201 `{ film, proposed, title }`;
 * - `GET` (admins) → `{ film, proposals: [{ tconst, viewers, title, year }] }`, the most
 *   proposed first; `viewers` is how many proposed it, never who;
 * - `DELETE ?tconst=tt…` (admins) dismisses a proposed title.
 * An admin confirms one with `PUT /api/films/:slug/imdb`, which settles them all.
 */
import { parseFilmLink, parseTconst } from "@/lib/api/film_link_input.ts";
import { HttpError } from "@/lib/framework/errors.ts";
import { json, readJson } from "@/lib/framework/http.ts";
import { isAdmin } from "@/lib/admin.ts";
import { loadLinkProposals } from "@/lib/loaders/link_proposals.ts";
import { toApiMovie } from "@/lib/recommend/recommend.ts";
import { type AppState, define } from "@/lib/state.ts";
import {
  findFilm,
  requireCatalogTitle,
  requireViewer,
  requireViewingOf,
} from "@/routes/api/_http.ts";

const IN_LIBRARY = " in the library";

function requireAdmin(state: AppState): void {
  requireViewer(state.viewer);
  if (!isAdmin(state)) throw new HttpError(403, "Only an admin may see or dismiss proposals");
}

export const handler = define.handlers({
  async GET(_req, ctx) {
    requireAdmin(ctx.state);
    const { store, catalog } = ctx.state;
    const film = await findFilm(store, ctx.params.slug, IN_LIBRARY);
    return json({ film: film.slug, proposals: await loadLinkProposals(catalog, film.slug) });
  },

  async POST(req, ctx) {
    const { store, catalog, viewer } = ctx.state;
    const film = await findFilm(store, ctx.params.slug, IN_LIBRARY);
    const { tconst, screeningId } = parseFilmLink(await readJson(req));
    const viewing = await requireViewingOf(req, store, viewer, film, screeningId);
    const card = await requireCatalogTitle(catalog, tconst);
    await catalog.proposeFilmLink(film.slug, tconst, viewing.viewer);
    return json({ film: film.slug, proposed: tconst, title: toApiMovie(card) }, 201);
  },

  async DELETE(_req, ctx) {
    requireAdmin(ctx.state);
    const { store, catalog } = ctx.state;
    const film = await findFilm(store, ctx.params.slug, IN_LIBRARY);
    const tconst = parseTconst(ctx.url.searchParams.get("tconst"));
    await catalog.dropFilmLinkProposals({ slug: film.slug, tconst });
    return json({ film: film.slug, dismissed: tconst });
  },
});
