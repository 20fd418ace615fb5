/**
 * `POST /api/auth/options` `{ purpose: "sign-up", name }` | `{ purpose: "sign-in" }` |
 * `{ purpose: "add-passkey", name }` (signed in): the passkey prompt's options, its challenge
 * kept server-side behind a cookie (5 minutes, one use). Shared mode only. Sign-ups and
 * sign-in attempts are limited per address (429 with `Retry-After`).
 */
import { InputError, isRecord } from "@/lib/api/input.ts";
import { json, readJson } from "@/lib/framework/http.ts";
import { define } from "@/lib/state.ts";
import { expectedOrigin } from "@/lib/viewers/config.ts";
import {
  authenticationOptions,
  registrationOptions,
  relyingParty,
} from "@/lib/viewers/passkeys.ts";
import { newViewerId } from "@/lib/viewers/session.ts";
import { challengeCookie, enforce, requireSharedMode } from "@/lib/viewers/sessions.ts";
import { requireViewer } from "@/routes/api/_http.ts";

/** A name: 1–60 characters, no control characters. */
export function parseName(value: unknown, field = "name"): string {
  const name = typeof value === "string" ? value.trim() : "";
  if (name.length < 1 || name.length > 60 || /\p{Cc}/u.test(name)) {
    throw new InputError(field, "must be 1 to 60 characters");
  }
  return name;
}

export const handler = define.handlers({
  async POST(req, ctx) {
    const { state } = ctx;
    requireSharedMode(state);
    const body = await readJson(req);
    if (!isRecord(body)) throw new InputError("body", "must be a JSON object");
    const rp = relyingParty(expectedOrigin(state.accounts, req.url));
    const now = Date.now();
    let made;
    if (body.purpose === "sign-up") {
      const name = parseName(body.name);
      enforce(state.addressLimits.signUps.hit(state.address, now));
      made = await registrationOptions(state.store, rp, {
        viewer: newViewerId(),
        name,
        keep: name,
        purpose: "sign-up",
        exclude: [],
      });
    } else if (body.purpose === "add-passkey") {
      const viewer = requireViewer(state.viewer);
      const name = parseName(body.name);
      const record = await state.store.getViewer(viewer.id);
      const exclude = (await state.store.listPasskeys(viewer.id)).map((p) => p.id);
      made = await registrationOptions(state.store, rp, {
        viewer: viewer.id,
        name: record?.name ?? name,
        keep: name,
        purpose: "add-passkey",
        exclude,
      });
    } else if (body.purpose === "sign-in") {
      enforce(state.addressLimits.signIns.hit(state.address, now));
      made = await authenticationOptions(state.store, rp);
    } else {
      throw new InputError("purpose", 'must be "sign-up", "sign-in" or "add-passkey"');
    }
    return json(made.options, 200, { "set-cookie": challengeCookie(state, ctx.url, made.secret) });
  },
});
