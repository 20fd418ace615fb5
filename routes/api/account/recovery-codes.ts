/**
 * `POST /api/account/recovery-codes`: new one-time recovery codes for the signed-in viewer,
 * shown this once (to download); the earlier ones stop working. Only their hashes are stored.
 */
import { json } from "@/lib/framework/http.ts";
import { define } from "@/lib/state.ts";
import {
  newRecoveryCode,
  normalizeRecoveryCode,
  RECOVERY_CODES,
  secretHash,
} from "@/lib/viewers/session.ts";
import { requireSharedMode } from "@/lib/viewers/sessions.ts";
import { requireViewer } from "@/routes/api/_http.ts";

export const handler = define.handlers({
  async POST(_req, ctx) {
    requireSharedMode(ctx.state);
    const viewer = requireViewer(ctx.state.viewer);
    const codes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
    await ctx.state.store.setRecoveryCodes(
      viewer.id,
      codes.map((code) => secretHash(normalizeRecoveryCode(code))),
    );
    return json({ codes }, 201);
  },
});
