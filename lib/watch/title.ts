/**
 * The film's title from its file name, and the library's films it may already be, so that one
 * film does not appear twice under two spellings. Pure.
 */
import { filmSlug, YEAR_MAX, YEAR_MIN } from "@/lib/film.ts";
import { titleKey } from "@/lib/catalog/normalize.ts";

/** A title guessed from a file name; the viewer can edit both. */
export interface TitleGuess {
  title: string;
  year: number | null;
}

/** Words of release names that are never part of a title; the title ends before the first. */
const RELEASE_TAG = new RegExp(
  "^(" + [
    "\\d{3,4}p",
    "\\d{3,4}x\\d{3,4}",
    "[248]k",
    "uhd",
    "hdr10\\+?",
    "blu-?ray",
    "bdrip",
    "brrip",
    "bdremux",
    "remux",
    "web-?dl",
    "web-?rip",
    "hdtv",
    "hdrip",
    "dvd(rip|scr|5|9)",
    "[xh]26[45]",
    "hevc",
    "xvid",
    "divx",
    "e?ac3",
    "aac\\d*",
    "dts(-?hd)?\\d*",
    "ddp\\d*",
    "dd\\d+",
    "truehd",
    "10bit",
    "8bit",
    "yts",
    "yify",
    "rarbg",
  ].join("|") + ")$",
  "i",
);

/**
 * Tags that are also English words ("Charlotte's Web"): they end the title only when written
 * in capitals, as release names write them.
 */
const CAPITAL_TAG = new RegExp(
  "^(" + [
    "WEB",
    "HD",
    "FHD",
    "SD",
    "HDR",
    "DV",
    "SDR",
    "CAM",
    "HDCAM",
    "TS",
    "TC",
    "DVD",
    "DVDR",
    "AVC",
    "AV1",
    "FLAC",
    "MP3",
    "OPUS",
    "ATMOS",
    "PROPER",
    "REPACK",
    "EXTENDED",
    "UNRATED",
    "REMASTERED",
    "LIMITED",
    "INTERNAL",
    "MULTI",
    "SUBBED",
    "DUBBED",
    "CRITERION",
    "IMAX",
  ].join("|") + ")$",
);

function isReleaseTag(word: string): boolean {
  // "x264-GROUP": a tag with the release group after a dash.
  const head = word.replace(/-[^-]*$/, "");
  return [word, head].some((w) => RELEASE_TAG.test(w) || CAPITAL_TAG.test(w));
}

/** Container extensions a film file may end with. */
const EXTENSION = /\.(mkv|mp4|m4v|mov|webm|ogv|ogg|avi|wmv|mpe?g|ts|m2ts|3gp|flv|mp3|m4a|wav)$/i;

function isYear(word: string): boolean {
  if (!/^\d{4}$/.test(word)) return false;
  const n = Number(word);
  return n >= YEAR_MIN && n <= YEAR_MAX;
}

/** Capitalises a title typed all in lower case ("the matrix" → "The Matrix"); others are kept. */
function tidyCase(title: string): string {
  if (title !== title.toLowerCase()) return title;
  return title.replace(
    /(^|\s)(\p{L})/gu,
    (_m, space: string, letter: string) => space + letter.toUpperCase(),
  );
}

/**
 * Guesses the title and year from a file name:
 * `The.Grand.Budapest.Hotel.2014.1080p.BluRay.x264.mkv` → "The Grand Budapest Hotel", 2014.
 * Dots, underscores and dashes between words become spaces; the title ends at the year (the
 * last year-like word after the first word, so "2001.A.Space.Odyssey.1968" keeps its 2001)
 * or at the first release tag (1080p, BluRay, x264, …); bracketed tags are dropped.
 */
export function titleFromFileName(fileName: string): TitleGuess {
  let name = fileName.replace(/^.*[\\/]/, "").replace(EXTENSION, "");
  // A year in brackets is the year; other bracketed parts are release tags.
  let year: number | null = null;
  name = name.replace(/[([{]\s*(\d{4})\s*[)\]}]/g, (match, digits: string) => {
    if (year === null && isYear(digits)) {
      year = Number(digits);
      return " \u0000 "; // marks where the title ends
    }
    return match;
  });
  name = name
    .replace(/\[[^\]]*\]|\{[^}]*\}/g, " ")
    // Tags with a dot inside, which the word split below would cut in two.
    .replace(/\b([xh])\.(26[45])\b/gi, "$1$2")
    .replace(/\b(aac|ddp?|dts)\s?([0-9])\.([0-9])\b/gi, "$1$2$3");
  // Dots and underscores separate words in release names; a dot inside "5.1" or "Mr." matters
  // less than getting the words apart.
  const words = name
    .replace(/[._]+/g, " ")
    .replace(/\s+-\s+|\s+-|-\s+/g, " ")
    .split(/\s+/)
    .map((w) => w.replace(/^[()]+|[()]+$/g, ""))
    .filter((w) => w !== "");
  let end = words.length;
  const marker = words.indexOf("\u0000");
  if (marker >= 0) end = marker;
  for (let i = 1; i < end; i++) {
    if (isReleaseTag(words[i])) {
      end = i;
      break;
    }
  }
  if (year === null) {
    // The last year-like word that is not the first word: "1917.2019" is "1917" from 2019.
    for (let i = end - 1; i >= 1; i--) {
      if (isYear(words[i])) {
        year = Number(words[i]);
        end = i;
        break;
      }
    }
  }
  const title = tidyCase(words.slice(0, end).join(" ").replace(/\s+/g, " ").trim());
  if (!/[\p{L}\p{N}]/u.test(title)) {
    // Nothing usable: fall back to the whole name, tidied.
    return { title: fileName.replace(EXTENSION, "").replace(/[._]+/g, " ").trim(), year };
  }
  return { title, year };
}

/** A film of the library, as `GET /api/films` lists it. */
export interface LibraryFilm {
  slug: string;
  title: string;
  year: number | null;
}

/** A library film the viewer's film may be; `same` when it is the same film for the server. */
export interface FilmMatch {
  film: LibraryFilm;
  /** The server keys films by slug: the same slug is the same film whatever the spelling. */
  same: boolean;
}

function words(key: string): Set<string> {
  return new Set(key.split(" ").filter(Boolean));
}

/** Dice coefficient of two titles' word sets. */
function overlap(a: string, b: string): number {
  const x = words(a);
  const y = words(b);
  if (x.size === 0 || y.size === 0) return 0;
  let common = 0;
  for (const w of x) if (y.has(w)) common++;
  return (2 * common) / (x.size + y.size);
}

/**
 * The library films the typed title may be, best first (at most `limit`): the film with the
 * same slug (the server would count it as the same film), then films whose title matches once
 * case, accents, punctuation and a leading article are ignored and whose year does not
 * contradict, then titles sharing most of their words. Empty when nothing is close.
 */
export function matchFilms(
  guess: TitleGuess,
  films: readonly LibraryFilm[],
  limit = 3,
): FilmMatch[] {
  const key = titleKey(guess.title);
  if (!key) return [];
  const slug = filmSlug(guess.title, guess.year);
  const scored: { film: LibraryFilm; score: number; same: boolean }[] = [];
  for (const film of films) {
    const same = film.slug === slug;
    const filmKey = titleKey(film.title);
    const yearsAgree = guess.year === null || film.year === null || guess.year === film.year;
    let score = 0;
    if (same) score = 3;
    else if (filmKey === key) score = yearsAgree ? 2 : 0.9;
    else {
      const o = overlap(key, filmKey);
      const prefix = filmKey.startsWith(key) || key.startsWith(filmKey);
      score = Math.max(o, prefix ? 0.8 : 0) * (yearsAgree ? 1 : 0.6);
    }
    if (score >= 0.6) scored.push({ film, score, same });
  }
  return scored
    .sort((a, b) => b.score - a.score || a.film.title.localeCompare(b.film.title))
    .slice(0, limit)
    .map(({ film, same }) => ({ film, same }));
}
