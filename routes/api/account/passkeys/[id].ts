/**
 * One of the signed-in viewer's passkeys: `PUT` `{ name }` renames it; `DELETE` removes it, but
 * never the last one unless the viewer has a recovery code left (409): they would be locked out.
 * Another viewer's passkey does not exist (404).
 */
import { InputError, isRecord } from "@/lib/api/input.ts";
import { HttpError } from "@/lib/framework/errors.ts";
import { json, readJson } from "@/lib/framework/http.ts";
import { define } from "@/lib/state.ts";
import { requireSharedMode } from "@/lib/viewers/sessions.ts";
import { requireViewer } from "@/routes/api/_http.ts";
import { parseName } from "@/routes/api/auth/options.ts";

const notFound = (id: string) => new HttpError(404, `No passkey ${JSON.stringify(id)}`);

export const handler = define.handlers({
  async PUT(req, ctx) {
    requireSharedMode(ctx.state);
    const viewer = requireViewer(ctx.state.viewer);
    const body = await readJson(req);
    if (!isRecord(body)) throw new InputError("body", "must be a JSON object");
    const name = parseName(body.name);
    if (!await ctx.state.store.renamePasskey(viewer.id, ctx.params.id, name)) {
      throw notFound(ctx.params.id);
    }
    return json({ id: ctx.params.id, name });
  },

  async DELETE(_req, ctx) {
    requireSharedMode(ctx.state);
    const viewer = requireViewer(ctx.state.viewer);
    const { store } = ctx.state;
    const passkeys = await store.listPasskeys(viewer.id);
    if (!passkeys.some((p) => p.id === ctx.params.id)) throw notFound(ctx.params.id);
    if (passkeys.length === 1 && await store.countRecoveryCodes(viewer.id) === 0) {
      throw new HttpError(
        409,
        "This is your last passkey: add another one, or make recovery codes, before removing it",
      );
    }
    await store.removePasskey(viewer.id, ctx.params.id);
    return json({ removed: ctx.params.id });
  },
});
