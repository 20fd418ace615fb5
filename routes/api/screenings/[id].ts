/**
 * `GET /api/screenings/:id`: everything recorded in a viewing, as JSON (the viewing, its
 * film, its summary once finished, every recorded second in order); `GET …/:id.csv` the same
 * seconds as CSV. Reads are public by id (ids are 128 random bits). `DELETE` with the token
 * removes the viewing, its minutes and its share of the film's aggregates.
 */
import { secondsCsv } from "@/lib/api/csv.ts";
import type { Handlers } from "@/lib/framework/types.ts";
import type { AppState } from "@/lib/state.ts";
import {
  attachment,
  filmJson,
  findViewing,
  guarded,
  json,
  requireToken,
  viewingJson,
} from "@/routes/api/_http.ts";

export const handler: Handlers<unknown, AppState> = {
  GET: (_req, ctx) =>
    guarded(async () => {
      const { store } = ctx.state;
      const csv = ctx.params.id.endsWith(".csv");
      const viewing = await findViewing(store, ctx.params.id.replace(/\.csv$/, ""));
      const [film, minutes] = await Promise.all([
        store.getFilm(viewing.film),
        store.listMinutes(viewing.id),
      ]);
      if (csv) {
        return new Response(secondsCsv(minutes ?? []), {
          headers: {
            "content-type": "text/csv; charset=utf-8; header=present",
            "content-disposition": attachment(`reelfeel-${viewing.film}-${viewing.id}.csv`),
            "cache-control": "no-store",
          },
        });
      }
      return json({
        screening: viewingJson(viewing),
        film: film ? filmJson(film) : null,
        summary: viewing.summary,
        minutes: (minutes ?? []).map((m) => ({ seq: m.seq, count: m.seconds.length })),
        seconds: (minutes ?? []).flatMap((m) => m.seconds),
      });
    }),
  DELETE: (req, ctx) =>
    guarded(async () => {
      const { store } = ctx.state;
      const viewing = await findViewing(store, ctx.params.id);
      requireToken(req, viewing);
      await store.deleteViewing(viewing.id);
      return json({ deleted: viewing.id });
    }),
};
