/**
 * `POST /api/screenings/:id/alive` (token, no body): the viewing's page is still open (paused,
 * or between two minutes), so the idle sweep must not finish it. 204 while it records, and for
 * a viewing the sweep already finished (its next minute re-opens it); 409 once its viewer
 * finished it. Cheap: one indexed update, no minute touched.
 */
import type { Handlers } from "@/lib/framework/types.ts";
import type { AppState } from "@/lib/state.ts";
import { findViewing, guarded, json, requireToken } from "@/routes/api/_http.ts";

export const handler: Handlers<unknown, AppState> = {
  POST: (req, ctx) =>
    guarded(async () => {
      const { store } = ctx.state;
      const viewing = await findViewing(store, ctx.params.id);
      requireToken(req, viewing);
      switch (await store.keepAlive(viewing.id, new Date())) {
        case "alive":
        case "idle-finished":
          return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
        case "finished":
          return json({ error: "This screening is finished: its viewer finished it" }, 409);
        case "not-found":
          return json({ error: `No screening ${JSON.stringify(viewing.id)}` }, 404);
      }
    }),
};
