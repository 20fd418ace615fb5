/**
 * `POST /api/account/personal` `{ take }`: the first account's answer, on its first sign-in,
 * to "take the viewings of this installation's personal time?" (`take: true` gives them all to
 * it). Asked once; only the first account (the admin) may answer.
 */
import { InputError, isRecord } from "@/lib/api/input.ts";
import { HttpError } from "@/lib/framework/errors.ts";
import { json, readJson } from "@/lib/framework/http.ts";
import { define } from "@/lib/state.ts";
import { PERSONAL_VIEWER } from "@/lib/store/port.ts";
import { requireSharedMode } from "@/lib/viewers/sessions.ts";
import { requireViewer } from "@/routes/api/_http.ts";

export const handler = define.handlers({
  async POST(req, ctx) {
    requireSharedMode(ctx.state);
    const viewer = requireViewer(ctx.state.viewer);
    const { store } = ctx.state;
    const body = await readJson(req);
    if (!isRecord(body) || typeof body.take !== "boolean") {
      throw new InputError("take", "must be true or false");
    }
    const record = await store.getViewer(viewer.id);
    if (!record || record.personalAnswered || await store.firstViewer() !== viewer.id) {
      throw new HttpError(409, "Only the first account answers this, once");
    }
    const given = body.take ? await store.giveViewings(PERSONAL_VIEWER, viewer.id) : 0;
    await store.answerPersonal(viewer.id);
    return json({ given });
  },
});
