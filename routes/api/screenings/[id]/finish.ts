/**
 * `POST /api/screenings/:id/finish` (token): computes the viewing's rating and insights from
 * the minutes that arrived and adds it to the film's aggregates. Finishing again is harmless
 * and answers the same.
 */
import { InputError, isRecord } from "@/lib/api/input.ts";
import type { Handlers } from "@/lib/framework/types.ts";
import type { AppState } from "@/lib/state.ts";
import {
  findViewing,
  guarded,
  json,
  readJsonBody,
  requireToken,
  viewingJson,
} from "@/routes/api/_http.ts";

export const handler: Handlers<unknown, AppState> = {
  POST: (req, ctx) =>
    guarded(async () => {
      const { store } = ctx.state;
      const viewing = await findViewing(store, ctx.params.id);
      requireToken(req, viewing);
      // The request carries nothing; an empty JSON object is accepted too.
      if (req.headers.get("content-length") !== "0" && req.body) {
        const body = await readJsonBody(req);
        if (!isRecord(body) || Object.keys(body).length > 0) {
          throw new InputError("body", "must be empty or {}");
        }
      }
      const finished = await store.finishViewing(viewing.id, new Date(), "viewer");
      if (!finished) return json({ error: `No screening ${JSON.stringify(viewing.id)}` }, 404);
      return json({ screening: viewingJson(finished), summary: finished.summary });
    }),
};
