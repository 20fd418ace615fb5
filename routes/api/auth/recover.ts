/**
 * `POST /api/auth/recover` `{ code }`: signs in with a one-time recovery code (it is used up),
 * for a viewer who lost their passkeys; they then add a new one from their account page.
 * Counted as a sign-in attempt of the address (429 with `Retry-After`).
 */
import { InputError, isRecord } from "@/lib/api/input.ts";
import { HttpError } from "@/lib/framework/errors.ts";
import { json, readJson } from "@/lib/framework/http.ts";
import { define } from "@/lib/state.ts";
import { normalizeRecoveryCode, secretHash } from "@/lib/viewers/session.ts";
import { enforce, requireSharedMode, signedIn, startSession } from "@/lib/viewers/sessions.ts";

export const handler = define.handlers({
  async POST(req, ctx) {
    const { state } = ctx;
    requireSharedMode(state);
    enforce(state.addressLimits.signIns.hit(state.address, Date.now()));
    const body = await readJson(req);
    if (!isRecord(body) || typeof body.code !== "string" || body.code.length > 40) {
      throw new InputError("code", "must be one of your recovery codes");
    }
    const viewer = await state.store.useRecoveryCode(secretHash(normalizeRecoveryCode(body.code)));
    if (!viewer) throw new HttpError(401, "This recovery code is not valid (or was used)");
    const cookie = await startSession(state, ctx.url, viewer);
    return json(await signedIn(state, viewer), 200, { "set-cookie": cookie });
  },
});
