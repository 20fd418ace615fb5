/**
 * `POST /api/screenings` `{ title, durationSec, year?, baseline? }`: creates the film if it is
 * new and a viewing of it, with the face check's calibration (`baseline`, numbers only) when
 * there was one; answers 201 `{ id, token, film }`. The token is shown only here: it is what
 * lets this browser write the viewing's minutes, finish it and delete it.
 */
import { parseNewScreening } from "@/lib/api/screening_input.ts";
import { hashToken, newToken, newViewingId } from "@/lib/api/token.ts";
import { filmSlug } from "@/lib/film.ts";
import { json, readJson } from "@/lib/framework/http.ts";
import { define } from "@/lib/state.ts";
import { filmJson, viewingJson } from "@/routes/api/_http.ts";

export const handler = define.handlers({
  async POST(req, ctx) {
    const { film: input, baseline } = parseNewScreening(await readJson(req));
    const { store } = ctx.state;
    const now = new Date();
    const film = await store.upsertFilm(filmSlug(input.title, input.year), input, now);
    const token = newToken();
    const viewing = await store.createViewing({
      id: newViewingId(),
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
