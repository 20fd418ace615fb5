/**
 * `POST /sign-out` (a form, no JavaScript needed): ends this session, clears its cookie and
 * goes to the library. The viewer middleware refuses it from another origin.
 */
import { define } from "@/lib/state.ts";
import { clearSession, requireSharedMode } from "@/lib/viewers/sessions.ts";

export const handler = define.handlers({
  async POST(_req, ctx) {
    const { state } = ctx;
    requireSharedMode(state);
    if (state.sessionHash) await state.store.deleteSessions({ idHash: state.sessionHash });
    const headers = new Headers({ location: "/" });
    headers.append("set-cookie", clearSession(state, ctx.url));
    return new Response(null, { status: 303, headers });
  },
});
