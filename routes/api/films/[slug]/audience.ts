/**
 * `GET /api/films/:slug/audience`: the film's per-second audience aggregate, lean (playback
 * second, viewers, faces, count per expression in EXPRESSIONS order), for the moments player
 * to fetch when the viewer opens the film rather than carrying it in the page. Read from the
 * precomputed aggregate: O(film length), whatever the audience.
 */
import { isFilmSlug } from "@/lib/film.ts";
import type { Handlers } from "@/lib/framework/types.ts";
import type { AppState } from "@/lib/state.ts";
import { json } from "@/routes/api/_http.ts";

export const handler: Handlers<unknown, AppState> = {
  GET: async (_req, ctx) => {
    const { store } = ctx.state;
    const slug = ctx.params.slug;
    const film = isFilmSlug(slug) ? await store.getFilm(slug) : null;
    if (!film) return json({ error: `No film ${JSON.stringify(slug)}` }, 404);
    const aggregate = await store.readAudience(film.slug);
    return json({
      film: {
        slug: film.slug,
        title: film.title,
        durationSec: film.durationSec,
        viewings: film.stats.viewings,
      },
      seconds: aggregate.map(({ t, viewers, faces, counts }) => ({ t, viewers, faces, counts })),
    });
  },
};
