/**
 * `GET /api/screenings/:id`: everything recorded in a viewing, as JSON (the viewing, its
 * film, its summary once finished, every recorded second in order); `GET …/:id.csv` the same
 * seconds as CSV. Both are streamed minute by minute. Only its viewer may read it: to anyone
 * else it does not exist (404). `DELETE` by its viewer, with the token, removes the viewing,
 * its minutes and its share of the film's aggregates.
 */
import { secondsCsvPieces } from "@/lib/api/csv.ts";
import { viewingJsonPieces } from "@/lib/api/viewing_export.ts";
import { json, textStream } from "@/lib/framework/http.ts";
import { define } from "@/lib/state.ts";
import {
  attachment,
  filmJson,
  findViewerViewing,
  requireToken,
  viewingJson,
} from "@/routes/api/_http.ts";

export const handler = define.handlers({
  async GET(_req, ctx) {
    const { store } = ctx.state;
    const csv = ctx.params.id.endsWith(".csv");
    const viewing = await findViewerViewing(
      store,
      ctx.state.viewer,
      ctx.params.id.replace(/\.csv$/, ""),
    );
    const [film, stored] = await Promise.all([
      store.getFilm(viewing.film),
      store.listMinutes(viewing.id),
    ]);
    const minutes = stored ?? [];
    if (csv) {
      return new Response(textStream(secondsCsvPieces(minutes)), {
        headers: {
          "content-type": "text/csv; charset=utf-8; header=present",
          "content-disposition": attachment(`reelfeel-${viewing.film}-${viewing.id}.csv`),
          "cache-control": "no-store",
        },
      });
    }
    const head = {
      screening: viewingJson(viewing),
      film: film ? filmJson(film) : null,
      summary: viewing.summary,
    };
    return new Response(textStream(viewingJsonPieces(head, minutes)), {
      headers: { "content-type": "application/json", "cache-control": "no-store" },
    });
  },

  async DELETE(req, ctx) {
    const { store } = ctx.state;
    const viewing = await findViewerViewing(store, ctx.state.viewer, ctx.params.id);
    requireToken(req, viewing);
    await store.deleteViewing(viewing.id);
    return json({ deleted: viewing.id });
  },
});
