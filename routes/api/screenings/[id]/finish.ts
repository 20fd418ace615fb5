/**
 * `POST /api/screenings/:id/finish` (token): computes the viewing's rating and insights from
 * the minutes that arrived and adds it to the film's aggregates. Finishing again is harmless
 * and answers the same. The request needs no body; an empty JSON object is accepted too.
 */
import { InputError, isRecord } from "@/lib/api/input.ts";
import { HttpError } from "@/lib/framework/errors.ts";
import { json, readOptionalJson } from "@/lib/framework/http.ts";
import { loadViewingResult } from "@/lib/loaders/viewing_result.ts";
import { define } from "@/lib/state.ts";
import { findViewing, requireToken, resultJson, viewingJson } from "@/routes/api/_http.ts";

export const handler = define.handlers({
  async POST(req, ctx) {
    const { store } = ctx.state;
    const viewing = await findViewing(store, ctx.params.id);
    requireToken(req, viewing);
    const body = await readOptionalJson(req);
    if (body !== undefined && !(isRecord(body) && Object.keys(body).length === 0)) {
      throw new InputError("body", "must be empty or {}");
    }
    const finished = await store.finishViewing(viewing.id, new Date(), "viewer");
    if (!finished) throw new HttpError(404, `No screening ${JSON.stringify(viewing.id)}`);
    // The viewer goes to these pages next, each changed by this finish: render them now, as
    // this viewer sees them.
    await ctx.warm([
      `/screenings/${encodeURIComponent(finished.id)}`,
      `/films/${encodeURIComponent(finished.film)}`,
      "/",
    ]);
    return json({
      screening: viewingJson(finished),
      summary: finished.summary,
      ...resultJson(await loadViewingResult(store, finished, ctx.state.accounts.mode)),
    });
  },
});
