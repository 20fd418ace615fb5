/** `POST /api/screenings` input: the film being watched, as the viewer confirmed it. */
import {
  DURATION_MAX_SEC,
  type FilmInput,
  TITLE_MAX_CHARS,
  YEAR_MAX,
  YEAR_MIN,
} from "@/lib/film.ts";
import {
  InputError,
  integerIn,
  isRecord,
  rejectUnknownFields,
  withoutControlCharacters,
} from "./input.ts";

/** Validates `{ title, durationSec, year? }`; throws an InputError naming the field and rule. */
export function parseFilmInput(body: unknown): FilmInput {
  if (!isRecord(body)) throw new InputError("body", "must be a JSON object");
  rejectUnknownFields(body, ["title", "durationSec", "year"]);
  const { title, durationSec, year } = body;
  if (typeof title !== "string") throw new InputError("title", "must be a string");
  const trimmed = withoutControlCharacters(title, "title").trim().replace(/\s+/g, " ");
  if (trimmed.length === 0 || [...trimmed].length > TITLE_MAX_CHARS) {
    throw new InputError("title", `must be 1 to ${TITLE_MAX_CHARS} characters`);
  }
  if (!/[\p{L}\p{N}]/u.test(trimmed)) {
    throw new InputError("title", "must contain a letter or a digit");
  }
  return {
    title: trimmed,
    durationSec: integerIn(durationSec, "durationSec", 1, DURATION_MAX_SEC),
    year: year === undefined || year === null ? null : integerIn(year, "year", YEAR_MIN, YEAR_MAX),
  };
}
