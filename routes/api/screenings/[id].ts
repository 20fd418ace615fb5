/**
 * `GET /api/screenings/:id`: everything recorded in a viewing, as JSON (the viewing, its
 * film, its summary once finished, the viewer's verdict, the verdict their personal model expects,
 * the rating's reference, every recorded second in order); `GET …/:id.csv` the same seconds as
 * CSV (the verdict in a last column). Both are streamed minute by minute, read from the store a
 * page at a time. Only its viewer may read it: to anyone else it does not exist (404). `DELETE`
 * by its viewer, with the token, removes the viewing, its minutes and its share of the film's
 * aggregates.
 */
import { secondsCsvPieces } from "@/lib/api/csv.ts";
import { viewingJsonPieces } from "@/lib/api/viewing_export.ts";
import { json, textStream } from "@/lib/framework/http.ts";
import { loadViewingResult } from "@/lib/loaders/viewing_result.ts";
import { define } from "@/lib/state.ts";
import { eachMinute } from "@/lib/store/each_minute.ts";
import {
  attachment,
  filmJson,
  findViewerViewing,
  requireToken,
  resultJson,
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
    const film = await store.getFilm(viewing.film);
    const minutes = eachMinute(store, viewing.id);
    if (csv) {
      return new Response(textStream(secondsCsvPieces(minutes, { verdict: viewing.verdict })), {
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
      ...resultJson(await loadViewingResult(store, viewing, ctx.state.accounts.mode, film)),
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
