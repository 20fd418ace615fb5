/**
 * `PUT /api/films/:slug/imdb` and `POST /api/films/:slug/imdb-proposals` input: the catalog
 * title, and the viewing of the film whose token the request carries (an admin signed in to a
 * shared server links without one).
 */
import { InputError, isRecord, rejectUnknownFields, withoutControlCharacters } from "./input.ts";

const TCONST = /^tt\d{7,10}$/;

/** An IMDb title id such as "tt0133093", or an InputError naming `field`. */
export function parseTconst(value: unknown, field = "tconst"): string {
  if (typeof value !== "string" || !TCONST.test(value)) {
    throw new InputError(field, 'must be an IMDb title id such as "tt0133093"');
  }
  return value;
}

export interface FilmLinkInput {
  /** The IMDb title id, e.g. "tt0133093". */
  tconst: string;
  /** A viewing of the film, whose write token the request carries; null when none is given. */
  screeningId: string | null;
}

/** Validates `{ tconst, screeningId? }`; throws an InputError naming the field and rule. */
export function parseFilmLink(body: unknown): FilmLinkInput {
  if (!isRecord(body)) throw new InputError("body", "must be a JSON object");
  rejectUnknownFields(body, ["tconst", "screeningId"]);
  const tconst = parseTconst(body.tconst);
  const { screeningId } = body;
  if (screeningId === undefined) return { tconst, screeningId: null };
  if (typeof screeningId !== "string") {
    throw new InputError("screeningId", "must be the id of your screening of this film");
  }
  return { tconst, screeningId: withoutControlCharacters(screeningId, "screeningId") };
}
