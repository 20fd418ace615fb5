/**
 * `POST /api/auth/verify` `{ response }`: the browser's answer to the passkey prompt that
 * `/api/auth/options` opened (its challenge cookie says which). Signing up creates the
 * account with its first passkey; signing in checks the passkey; both start a session (its
 * cookie) and answer `{ viewer, personalViewings }` (viewings from before accounts that the
 * first account is asked to take). Adding a passkey (signed in) stores it: `{ passkey }`.
 */
import { InputError, isRecord } from "@/lib/api/input.ts";
import { HttpError } from "@/lib/framework/errors.ts";
import { json, readJson } from "@/lib/framework/http.ts";
import { define } from "@/lib/state.ts";
import { expectedOrigin } from "@/lib/viewers/config.ts";
import {
  relyingParty,
  takeChallenge,
  verifyRegistration,
  verifySignIn,
} from "@/lib/viewers/passkeys.ts";
import { CHALLENGE_COOKIE } from "@/lib/viewers/session.ts";
import { enforce, requireSharedMode, signedIn, startSession } from "@/lib/viewers/sessions.ts";
import { requireViewer } from "@/routes/api/_http.ts";

/** Reads the one cookie this route needs from the raw request. */
function challengeSecret(req: Request): string | undefined {
  // hono's getCookie wants its Context; parse the header the same way.
  const header = req.headers.get("cookie") ?? "";
  const match = header.match(new RegExp(`(?:^|;\\s*)${CHALLENGE_COOKIE}=([^;]*)`));
  return match?.[1];
}

export const handler = define.handlers({
  async POST(req, ctx) {
    const { state } = ctx;
    requireSharedMode(state);
    const body = await readJson(req);
    if (!isRecord(body) || !isRecord(body.response)) {
      throw new InputError("response", "must be the passkey's answer");
    }
    const purpose = body.purpose;
    if (purpose !== "sign-up" && purpose !== "sign-in" && purpose !== "add-passkey") {
      throw new InputError("purpose", 'must be "sign-up", "sign-in" or "add-passkey"');
    }
    const rp = relyingParty(expectedOrigin(state.accounts, req.url));
    const challenge = await takeChallenge(state.store, challengeSecret(req), purpose);
    const now = new Date();
    if (purpose === "sign-in") {
      enforce(state.addressLimits.signIns.hit(state.address, now.getTime()));
      const viewer = await verifySignIn(state.store, rp, challenge, body.response);
      const cookie = await startSession(state, ctx.url, viewer);
      return json(await signedIn(state, viewer), 200, { "set-cookie": cookie });
    }
    const passkey = await verifyRegistration(rp, challenge, body.response);
    if (purpose === "add-passkey") {
      const viewer = requireViewer(state.viewer);
      if (challenge.viewer !== viewer.id) throw new HttpError(403, "This prompt was not yours");
      await state.store.addPasskey({ ...passkey, viewer: viewer.id, name: challenge.name!, now });
      return json({ passkey: { id: passkey.id, name: challenge.name } }, 201);
    }
    const id = challenge.viewer!;
    await state.store.createViewer({ id, name: challenge.name!, now });
    await state.store.addPasskey({ ...passkey, viewer: id, name: "First passkey", now });
    const cookie = await startSession(state, ctx.url, id);
    return json(await signedIn(state, id), 201, { "set-cookie": cookie });
  },
});
