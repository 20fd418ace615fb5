/**
 * `POST /api/screenings/:id/alive` (token, no body): the viewing's page is still open (paused,
 * or between two minutes), so the idle sweep must not finish it. 204 while it records, and for
 * a viewing the sweep already finished (its next minute re-opens it); 409 once its viewer
 * finished it. Cheap: one indexed update, no minute touched.
 */
import { HttpError } from "@/lib/framework/errors.ts";
import { define } from "@/lib/state.ts";
import { findViewing, requireToken } from "@/routes/api/_http.ts";

export const handler = define.handlers({
  async POST(req, ctx) {
    const { store } = ctx.state;
    const viewing = await findViewing(store, ctx.params.id);
    requireToken(req, viewing);
    switch (await store.keepAlive(viewing.id, new Date())) {
      case "alive":
      case "idle-finished":
        return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
      case "finished":
        throw new HttpError(409, "This screening is finished: its viewer finished it");
      case "not-found":
        throw new HttpError(404, `No screening ${JSON.stringify(viewing.id)}`);
    }
  },
});
