/**
 * A film's identity: what a viewer confirms about the film they watch, its bounds, and the slug
 * that keys it in the store (and names its MongoDB collection). Pure.
 */

/** The film a new viewing is of, as the viewer confirmed it. */
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
