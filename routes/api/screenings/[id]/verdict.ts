/**
 * `PUT /api/screenings/:id/verdict` (token) `{ "verdict": number }`: the viewer's own verdict on
 * the film, 0–10 in steps of 0.5 (400 naming `verdict` otherwise); putting it again is
 * harmless, and a new value replaces the old. `DELETE` (token) removes it. Both answer
 * `{ id, verdict }`.
 */
import { parseVerdictBody } from "@/lib/api/verdict_input.ts";
import { HttpError } from "@/lib/framework/errors.ts";
import { json, readJson } from "@/lib/framework/http.ts";
import { define } from "@/lib/state.ts";
import type { Store } from "@/lib/store/port.ts";
import { findViewing, requireToken } from "@/routes/api/_http.ts";

async function setVerdict(store: Store, id: string, verdict: number | null) {
  if (!(await store.setVerdict(id, verdict))) {
    throw new HttpError(404, `No screening ${JSON.stringify(id)}`);
  }
  return json({ id, verdict });
}

export const handler = define.handlers({
  async PUT(req, ctx) {
    const { store } = ctx.state;
    const viewing = await findViewing(store, ctx.params.id);
    requireToken(req, viewing);
    return await setVerdict(store, viewing.id, parseVerdictBody(await readJson(req)));
  },

  async DELETE(req, ctx) {
    const { store } = ctx.state;
    const viewing = await findViewing(store, ctx.params.id);
    requireToken(req, viewing);
    return await setVerdict(store, viewing.id, null);
  },
});
