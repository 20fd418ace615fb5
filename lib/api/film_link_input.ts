/** `PUT /api/films/:slug/imdb` input: the catalog title to link, and the viewing that may. */
import { InputError, isRecord, rejectUnknownFields, withoutControlCharacters } from "./input.ts";

const TCONST = /^tt\d{7,10}$/;

export interface FilmLinkInput {
  /** The IMDb title id, e.g. "tt0133093". */
  tconst: string;
  /** A viewing of the film, whose write token the request carries. */
  screeningId: string;
}

/** Validates `{ tconst, screeningId }`; throws an InputError naming the field and rule. */
export function parseFilmLink(body: unknown): FilmLinkInput {
  if (!isRecord(body)) throw new InputError("body", "must be a JSON object");
  rejectUnknownFields(body, ["tconst", "screeningId"]);
  const { tconst, screeningId } = body;
  if (typeof tconst !== "string" || !TCONST.test(tconst)) {
    throw new InputError("tconst", 'must be an IMDb title id such as "tt0133093"');
  }
  if (typeof screeningId !== "string") {
    throw new InputError("screeningId", "must be the id of your screening of this film");
  }
  return { tconst, screeningId: withoutControlCharacters(screeningId, "screeningId") };
}
