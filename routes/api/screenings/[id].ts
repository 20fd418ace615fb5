/**
 * `GET /api/screenings/:id`: everything recorded in a viewing, as JSON (the screening, its
 * film, its summary once finished, every recorded second in order); `GET …/:id.csv` the same
 * seconds as CSV. Reads are public by id (ids are 128 random bits). `DELETE` with the token
 * removes the screening, its minutes and its share of the film's aggregates.
 */
import { secondsCsv } from "../../../lib/api/csv.ts";
import type { Handlers } from "../../../lib/framework/types.ts";
import type { AppState } from "../../../lib/state.ts";
import {
  attachment,
  filmJson,
  findScreening,
  guarded,
  json,
  requireToken,
  screeningJson,
} from "../_http.ts";

export const handler: Handlers<unknown, AppState> = {
  GET: (_req, ctx) =>
    guarded(async () => {
      const { store } = ctx.state;
      const csv = ctx.params.id.endsWith(".csv");
      const screening = await findScreening(store, ctx.params.id.replace(/\.csv$/, ""));
      const [film, minutes] = await Promise.all([
        store.getFilm(screening.film),
        store.listMinutes(screening.id),
      ]);
      if (csv) {
        return new Response(secondsCsv(minutes ?? []), {
          headers: {
            "content-type": "text/csv; charset=utf-8; header=present",
            "content-disposition": attachment(`reelfeel-${screening.film}-${screening.id}.csv`),
            "cache-control": "no-store",
          },
        });
      }
      return json({
        screening: screeningJson(screening),
        film: film ? filmJson(film) : null,
        summary: screening.summary,
        minutes: (minutes ?? []).map((m) => ({ seq: m.seq, count: m.seconds.length })),
        seconds: (minutes ?? []).flatMap((m) => m.seconds),
      });
    }),
  DELETE: (req, ctx) =>
    guarded(async () => {
      const { store } = ctx.state;
      const screening = await findScreening(store, ctx.params.id);
      requireToken(req, screening);
      await store.deleteScreening(screening.id);
      return json({ deleted: screening.id });
    }),
};
