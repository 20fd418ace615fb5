/**
 * `POST /api/screenings` input: the film being watched, and the slug that keys the film.
 */
import { InputError, integerIn, isRecord, rejectUnknownFields } from "./input.ts";

/** The film a new screening is of, as the viewer confirmed it. */
export interface FilmInput {
  title: string;
  /** Length of the viewer's file in whole seconds. */
  durationSec: number;
  year: number | null;
}

export const TITLE_MAX_CHARS = 200;
/** Twelve hours: longer than any feature film, short enough to bound every per-second table. */
export const DURATION_MAX_SEC = 12 * 60 * 60;
export const YEAR_MIN = 1870;
export const YEAR_MAX = 2100;
/** Slugs name a MongoDB collection (`film.<slug>`), whose namespace is limited in bytes. */
const SLUG_MAX_BYTES = 80;

/**
 * The film's key: the title in lower case, letters and digits of any script kept, accents
 * dropped, everything else one dash; `-<year>` appended when the year is known. Titles with
 * nothing but punctuation become `film`.
 */
export function filmSlug(title: string, year: number | null): string {
  const words = title
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .normalize("NFC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
  const suffix = year === null ? "" : `-${year}`;
  const encoder = new TextEncoder();
  let base = "";
  for (const char of words || "film") {
    if (encoder.encode(base + char + suffix).length > SLUG_MAX_BYTES) break;
    base += char;
  }
  return base.replace(/-+$/, "") + suffix;
}

/** Whether a string has the shape `filmSlug` produces (used to answer 404 early). */
export function isFilmSlug(value: string): boolean {
  return value.length > 0 && new TextEncoder().encode(value).length <= SLUG_MAX_BYTES &&
    /^[\p{L}\p{N}]+(-[\p{L}\p{N}]+)*$/u.test(value);
}

/** Validates `{ title, durationSec, year? }`; throws an InputError naming the field and rule. */
export function parseFilmInput(body: unknown): FilmInput {
  if (!isRecord(body)) throw new InputError("body", "must be a JSON object");
  rejectUnknownFields(body, ["title", "durationSec", "year"]);
  const { title, durationSec, year } = body;
  if (typeof title !== "string") throw new InputError("title", "must be a string");
  const trimmed = title.trim().replace(/\s+/g, " ");
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
