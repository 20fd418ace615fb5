/**
 * `GET /api/films/:slug/chart`: the film's audience chart, second by second (at most 1,000
 * real seconds), for the film page's "Zoom into seconds" to fetch when opened. From the
 * precomputed audience view (lib/loaders/film_page.ts): O(film length), whatever the audience.
 * Only where the audience's numbers may be shown (`audienceOpen`): else 403.
 */
import { json } from "@/lib/framework/http.ts";
import { HttpError } from "@/lib/framework/errors.ts";
import { audienceShown, loadAudienceChart, MIN_AUDIENCE } from "@/lib/loaders/film_page.ts";
import { define } from "@/lib/state.ts";
import { findFilm } from "@/routes/api/_http.ts";

export const handler = define.handlers({
  GET: async (_req, ctx) => {
    const { store, accounts } = ctx.state;
    const film = await findFilm(store, ctx.params.slug);
    if (!(await audienceShown(store, accounts.mode, film.slug))) {
      throw new HttpError(403, `A film's audience is shown from ${MIN_AUDIENCE} viewers on`);
    }
    return json({ chart: await loadAudienceChart(store, film) });
  },
});
