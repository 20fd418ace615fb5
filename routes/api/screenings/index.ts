/**
 * `POST /api/screenings` `{ title, durationSec, year?, baseline? }`: creates the film if it is
 * new and a viewing of it, with the face check's calibration (`baseline`, numbers only) when
 * there was one; answers 201 `{ id, token, film }`. The token is shown only here: it is what
 * lets this browser write the viewing's minutes, finish it and delete it. The viewing is the
 * requesting viewer's; in shared mode that needs a session, and a viewer's new viewings an hour
 * and recordings at once are limited (429 with `Retry-After`, see `lib/viewers/limits.ts`).
 */
import { parseNewScreening } from "@/lib/api/screening_input.ts";
import { hashToken, newToken, newViewingId } from "@/lib/api/token.ts";
import { filmSlug } from "@/lib/film.ts";
import { json, readJson } from "@/lib/framework/http.ts";
import { define } from "@/lib/state.ts";
import { HttpError } from "@/lib/framework/errors.ts";
import type { Store } from "@/lib/store/port.ts";
import { LIMITS, mayStartViewing } from "@/lib/viewers/limits.ts";
import type { RequestViewer } from "@/lib/viewers/own.ts";
import { filmJson, requireViewer, viewingJson } from "@/routes/api/_http.ts";

/** Refuses a viewing the viewer's limits do not allow (shared mode). */
async function checkLimits(store: Store, viewer: RequestViewer, now: Date): Promise<void> {
  const [recent, recording] = await Promise.all([
    store.listViewings({ viewer: viewer.id, limit: LIMITS.viewingsPerHour }),
    store.countViewings({ viewer: viewer.id, recording: true }),
  ]);
  const starts = recent.map((v) => Date.parse(v.startedAt));
  const decision = mayStartViewing(starts, recording, now.getTime());
  if (!decision.allowed) {
    throw new HttpError(429, decision.message, { "retry-after": String(decision.retryAfterSec) });
  }
}

export const handler = define.handlers({
  async POST(req, ctx) {
    const viewer = requireViewer(ctx.state.viewer);
    const { film: input, baseline } = parseNewScreening(await readJson(req));
    const { store } = ctx.state;
    const now = new Date();
    if (ctx.state.accounts.mode === "passkeys") await checkLimits(store, viewer, now);
    const film = await store.upsertFilm(filmSlug(input.title, input.year), input, now);
    const token = newToken();
    const viewing = await store.createViewing({
      id: newViewingId(),
      viewer: viewer.id,
      film: film.slug,
      durationSec: input.durationSec,
      tokenHash: hashToken(token),
      baseline,
      now,
    });
    return json(
      { id: viewing.id, token, film: filmJson(film), screening: viewingJson(viewing) },
      201,
      { location: `/api/screenings/${viewing.id}` },
    );
  },
});
