/**
 * `GET /api/films/:slug`: a film with its stats over finished viewings and its per-second
 * audience aggregate (read from the precomputed buckets: O(film length), not O(viewers)).
 */
import { isFilmSlug } from "@/lib/film.ts";
import type { Handlers } from "@/lib/framework/types.ts";
import type { AppState } from "@/lib/state.ts";
import { filmJson, json } from "@/routes/api/_http.ts";

export const handler: Handlers<unknown, AppState> = {
  GET: async (_req, ctx) => {
    const { store } = ctx.state;
    const film = isFilmSlug(ctx.params.slug) ? await store.getFilm(ctx.params.slug) : null;
    if (!film) return json({ error: `No film ${JSON.stringify(ctx.params.slug)}` }, 404);
    const audience = await store.readAudience(film.slug);
    return json({ film: { ...filmJson(film), stats: film.stats }, audience });
  },
};
