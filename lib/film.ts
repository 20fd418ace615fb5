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
/** Marks the hash of a title too long for its slug: plain slugs never hold two dashes in a row. */
const HASH_MARK = "--";

const encoder = new TextEncoder();
const byteLength = (text: string) => encoder.encode(text).length;

/**
 * FNV-1a (32 bits) of the text's UTF-8 bytes, as 8 hex digits: short, stable across runtimes
 * and synchronous (slugs are also computed in the browser). Not for anything secret.
 */
function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (const byte of encoder.encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, "0");
}

/**
 * The film's key: the title in lower case, letters and digits of any script kept, accents
 * dropped, everything else one dash; `-<year>` appended when the year is known. The same title
 * and year always give the same slug, and different ones different slugs: a title whose slug
 * would pass 80 bytes is cut and marked with a hash of all its words (`--1a2b3c4d`), so that
 * "…, Part One" and "…, Part Two" stay two films; a title of nothing but punctuation becomes
 * `film` marked with a hash of the title.
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
  if (words === "") {
    return `film${HASH_MARK}${shortHash(title.normalize("NFC").trim().toLowerCase())}${suffix}`;
  }
  if (byteLength(words + suffix) <= SLUG_MAX_BYTES) return words + suffix;
  const mark = HASH_MARK + shortHash(words);
  let base = "";
  for (const char of words) {
    if (byteLength(base + char + mark + suffix) > SLUG_MAX_BYTES) break;
    base += char;
  }
  // Cut between words where that keeps most of the title.
  const lastDash = base.lastIndexOf("-");
  if (words[base.length] !== "-" && lastDash > base.length / 2) base = base.slice(0, lastDash);
  return base.replace(/-+$/, "") + mark + suffix;
}

/** Whether a string has the shape `filmSlug` produces (used to answer 404 early). */
export function isFilmSlug(value: string): boolean {
  return value.length > 0 && byteLength(value) <= SLUG_MAX_BYTES &&
    /^[\p{L}\p{N}]+(-[\p{L}\p{N}]+)*(--[0-9a-f]{8}(-[0-9]+)?)?$/u.test(value);
}
