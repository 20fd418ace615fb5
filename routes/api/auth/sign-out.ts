/**
 * `POST /api/auth/sign-out` `{ everywhere? }`: ends this session, or with `everywhere: true`
 * every session of the viewer (on every device). The cookie is cleared either way.
 */
import { isRecord } from "@/lib/api/input.ts";
import { json, readOptionalJson } from "@/lib/framework/http.ts";
import { define } from "@/lib/state.ts";
import { clearSession, requireSharedMode } from "@/lib/viewers/sessions.ts";

export const handler = define.handlers({
  async POST(req, ctx) {
    const { state } = ctx;
    requireSharedMode(state);
    const body = await readOptionalJson(req);
    const everywhere = isRecord(body) && body.everywhere === true;
    let ended = 0;
    if (state.viewer && everywhere) {
      ended = await state.store.deleteSessions({ viewer: state.viewer.id });
    } else if (state.sessionHash) {
      ended = await state.store.deleteSessions({ idHash: state.sessionHash });
    }
    return json({ ended }, 200, { "set-cookie": clearSession(state, ctx.url) });
  },
});
