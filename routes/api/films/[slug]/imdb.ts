/**
 * A library film's link to its IMDb title in the catalog:
 * - `GET /api/films/:slug/imdb` → `{ film, tconst, title }` (`title` is the card data or null);
 * - `PUT /api/films/:slug/imdb` with `{ tconst, screeningId }` and `Authorization: Bearer
 *   <token>` links it (the viewer confirmed a suggestion from `/api/catalog/search`),
 *   replacing any earlier link. Only a viewer of the film may: the token must be the write
 *   token of `screeningId`, a viewing of this film.
 *
 * The link is kept in the catalog (`film_links`, slug → tconst): the store's film record has
 * no field for it.
 */
import { isFilmSlug } from "@/lib/film.ts";
import { InputError, isRecord, rejectUnknownFields } from "@/lib/api/input.ts";
import type { Handlers } from "@/lib/framework/types.ts";
import { toApiMovie } from "@/lib/recommend/recommend.ts";
import type { AppState } from "@/lib/state.ts";
import type { Store } from "@/lib/store/port.ts";
import {
  findViewing,
  guarded,
  HttpError,
  json,
  readJsonBody,
  requireToken,
  SMALL_BODY_BYTES,
} from "@/routes/api/_http.ts";

const TCONST = /^tt\d{7,10}$/;

async function findFilm(store: Store, slug: string) {
  const film = isFilmSlug(slug) ? await store.getFilm(slug) : null;
  if (!film) throw new HttpError(404, `No film ${JSON.stringify(slug)} in the library`);
  return film;
}

export const handler: Handlers<unknown, AppState> = {
  GET: (_req, ctx) =>
    guarded(async () => {
      const { store, catalog } = ctx.state;
      const film = await findFilm(store, ctx.params.slug);
      const tconst = await catalog.filmLink(film.slug);
      const card = tconst ? await catalog.title(tconst) : null;
      return json({ film: film.slug, tconst, title: card ? toApiMovie(card) : null });
    }),

  PUT: (req, ctx) =>
    guarded(async () => {
      const { store, catalog } = ctx.state;
      const film = await findFilm(store, ctx.params.slug);
      const body = await readJsonBody(req, SMALL_BODY_BYTES);
      if (!isRecord(body)) throw new InputError("body", "must be a JSON object");
      rejectUnknownFields(body, ["tconst", "screeningId"]);
      const { tconst, screeningId } = body;
      if (typeof tconst !== "string" || !TCONST.test(tconst)) {
        throw new InputError("tconst", 'must be an IMDb title id such as "tt0133093"');
      }
      if (typeof screeningId !== "string") {
        throw new InputError("screeningId", "must be the id of your screening of this film");
      }
      const viewing = await findViewing(store, screeningId);
      requireToken(req, viewing);
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
    }),
};
