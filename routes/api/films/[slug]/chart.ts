/**
 * `GET /api/films/:slug/chart`: the film's audience chart, second by second (at most 1,000
 * real seconds), for the film page's "Zoom into seconds" to fetch when opened. From the
 * precomputed audience view (lib/loaders/film_page.ts): O(film length), whatever the audience.
 */
import { json } from "@/lib/framework/http.ts";
import { loadAudienceChart } from "@/lib/loaders/film_page.ts";
import { define } from "@/lib/state.ts";
import { findFilm } from "@/routes/api/_http.ts";

export const handler = define.handlers({
  GET: async (_req, ctx) => {
    const film = await findFilm(ctx.state.store, ctx.params.slug);
    return json({ chart: await loadAudienceChart(ctx.state.store, film) });
  },
});
