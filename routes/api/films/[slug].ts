/**
 * `GET /api/films/:slug`: a film with its stats over finished viewings and its per-second
 * audience aggregate (read from the precomputed buckets: O(film length), not O(viewers)).
 */
import { json } from "@/lib/framework/http.ts";
import { define } from "@/lib/state.ts";
import { filmJson, findFilm } from "@/routes/api/_http.ts";

export const handler = define.handlers({
  GET: async (_req, ctx) => {
    const { store } = ctx.state;
    const film = await findFilm(store, ctx.params.slug);
    const audience = await store.readAudience(film.slug);
    return json({ film: { ...filmJson(film), stats: film.stats }, audience });
  },
});
