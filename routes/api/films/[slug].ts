/**
 * `GET /api/films/:slug`: a film with its stats over finished viewings and its per-second
 * audience aggregate (read from the precomputed buckets: O(film length), not O(viewers)) —
 * the audience's numbers only once `MIN_AUDIENCE` viewers contributed (shared mode); before,
 * `audience` is empty and the stats are the viewer's own. `audienceViewers` is the count.
 */
import { json } from "@/lib/framework/http.ts";
import { ownFilmStats } from "@/lib/store/viewing_effect.ts";
import { audienceOpen, LISTED_VIEWINGS } from "@/lib/loaders/film_page.ts";
import { define } from "@/lib/state.ts";
import { filmJson, findFilm } from "@/routes/api/_http.ts";

export const handler = define.handlers({
  GET: async (_req, ctx) => {
    const { store, viewer, accounts } = ctx.state;
    const found = await findFilm(store, ctx.params.slug);
    const viewers = await store.countFilmViewers(found.slug);
    const open = audienceOpen(accounts.mode, viewers);
    const film = open ? found : {
      ...found,
      stats: ownFilmStats(
        viewer
          ? await store.listViewings({
            viewer: viewer.id,
            film: found.slug,
            limit: LISTED_VIEWINGS,
          })
          : [],
      ),
    };
    const audience = open ? await store.readAudience(film.slug) : [];
    return json({
      film: { ...filmJson(film), stats: film.stats },
      audienceViewers: viewers,
      audienceShown: open,
      audience,
    });
  },
});
