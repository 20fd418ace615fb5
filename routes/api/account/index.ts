/**
 * The signed-in viewer's account (shared mode):
 * - `GET /api/account` → all their data as one JSON file (a download): the account, the names
 *   of their passkeys, and every viewing with its summary and every recorded second;
 * - `DELETE /api/account` deletes the account with everything in it: each viewing leaves the
 *   films' audience numbers exactly as a deleted viewing does, then the passkeys, sessions and
 *   recovery codes go, and the session cookie is cleared.
 */
import { json } from "@/lib/framework/http.ts";
import { OWN_VIEWINGS } from "@/lib/loaders/own_films.ts";
import { define } from "@/lib/state.ts";
import { secondsOf } from "@/lib/store/viewing_effect.ts";
import { clearSession, requireSharedMode } from "@/lib/viewers/sessions.ts";
import { attachment, requireViewer, viewingJson } from "@/routes/api/_http.ts";

export const handler = define.handlers({
  async GET(_req, ctx) {
    const { state } = ctx;
    requireSharedMode(state);
    const viewer = requireViewer(state.viewer);
    const { store } = state;
    const [account, passkeys, listed] = await Promise.all([
      store.getViewer(viewer.id),
      store.listPasskeys(viewer.id),
      store.listViewings({ viewer: viewer.id, limit: OWN_VIEWINGS }),
    ]);
    const viewings = [];
    for (const { id } of listed) {
      const viewing = await store.getViewing(id);
      if (!viewing) continue;
      const minutes = await store.listMinutes(id);
      viewings.push({
        ...viewingJson(viewing),
        summary: viewing.summary,
        seconds: secondsOf(minutes ?? []),
      });
    }
    const body = JSON.stringify({
      account,
      passkeys: passkeys.map(({ id, name, createdAt, lastUsedAt }) => ({
        id,
        name,
        createdAt,
        lastUsedAt,
      })),
      viewings,
    });
    return new Response(body, {
      headers: {
        "content-type": "application/json",
        "content-disposition": attachment(`reelfeel-account-${viewer.id}.json`),
        "cache-control": "no-store",
      },
    });
  },

  async DELETE(_req, ctx) {
    const { state } = ctx;
    requireSharedMode(state);
    const viewer = requireViewer(state.viewer);
    const { store } = state;
    let deleted = 0;
    for (;;) {
      const batch = await store.listViewings({ viewer: viewer.id, limit: 100 });
      if (batch.length === 0) break;
      for (const { id } of batch) if (await store.deleteViewing(id)) deleted++;
    }
    await state.catalog.dropFilmLinkProposals({ viewer: viewer.id });
    await store.deleteViewer(viewer.id);
    return json({ deleted: viewer.id, viewings: deleted }, 200, {
      "set-cookie": clearSession(state, ctx.url),
    });
  },
});
