/**
 * `GET /api/films/:slug/audience`: the film's per-second audience aggregate, lean (playback
 * second, viewers, faces, count per expression in EXPRESSIONS order), for the moments player
 * to fetch when the viewer opens the film rather than carrying it in the page. Read from the
 * precomputed aggregate: O(film length), whatever the audience. In shared mode the seconds are
 * given only once `MIN_AUDIENCE` viewers contributed (before, none: `shown` is false).
 */
import { json } from "@/lib/framework/http.ts";
import { audienceOpen } from "@/lib/loaders/film_page.ts";
import { define } from "@/lib/state.ts";
import { findFilm } from "@/routes/api/_http.ts";

export const handler = define.handlers({
  GET: async (_req, ctx) => {
    const { store, accounts } = ctx.state;
    const film = await findFilm(store, ctx.params.slug);
    const viewers = await store.countFilmViewers(film.slug);
    const shown = audienceOpen(accounts.mode, viewers);
    const aggregate = shown ? await store.readAudience(film.slug) : [];
    return json({
      film: {
        slug: film.slug,
        title: film.title,
        durationSec: film.durationSec,
        viewings: shown ? film.stats.viewings : null,
      },
      viewers,
      shown,
      seconds: aggregate.map(({ t, viewers, faces, counts }) => ({ t, viewers, faces, counts })),
    });
  },
});
