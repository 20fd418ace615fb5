/**
 * IMDb's non-commercial dataset files (https://datasets.imdbws.com/, see
 * https://developer.imdb.com/non-commercial-datasets/): their names, columns, and the parsing
 * of one row into what the catalog keeps. Pure: no I/O.
 *
 * Format: gzip-compressed, UTF-8, tab-separated, one header row, `\N` for null, no quoting.
 */

/** The five files we import, in the order they must be imported (later ones filter on earlier). */
export const IMDB_FILES = [
  "title.basics",
  "title.ratings",
  "title.principals",
  "name.basics",
  "title.akas",
] as const;

export type ImdbFileName = typeof IMDB_FILES[number];

/** The file on disk for a dataset name: `title.basics` → `title.basics.tsv.gz`. */
export function imdbFileName(name: ImdbFileName): string {
  return `${name}.tsv.gz`;
}

/** Where IMDb publishes the files. */
export const IMDB_DATASETS_URL = "https://datasets.imdbws.com/";

/** A title's page on IMDb. */
export function imdbUrl(tconst: string): string {
  return `https://www.imdb.com/title/${tconst}/`;
}

/** What must be imported before a file can be: dependents filter on their prerequisites' rows. */
export const IMDB_PREREQUISITES: Record<ImdbFileName, ImdbFileName[]> = {
  "title.basics": [],
  "title.ratings": ["title.basics"],
  "title.principals": ["title.basics"],
  // Only people credited in the imported principals are kept, so those must be complete.
  "name.basics": ["title.principals"],
  "title.akas": ["title.basics"],
};

/** The header row of each file, as IMDb documents it. */
export const IMDB_COLUMNS: Record<ImdbFileName, readonly string[]> = {
  "title.basics": [
    "tconst",
    "titleType",
    "primaryTitle",
    "originalTitle",
    "isAdult",
    "startYear",
    "endYear",
    "runtimeMinutes",
    "genres",
  ],
  "title.ratings": ["tconst", "averageRating", "numVotes"],
  "title.principals": ["tconst", "ordering", "nconst", "category", "job", "characters"],
  "name.basics": [
    "nconst",
    "primaryName",
    "birthYear",
    "deathYear",
    "primaryProfession",
    "knownForTitles",
  ],
  "title.akas": [
    "titleId",
    "ordering",
    "title",
    "region",
    "language",
    "types",
    "attributes",
    "isOriginalTitle",
  ],
};

/**
 * The title types the catalog keeps. `movie` is a feature film. `tvMovie` is kept too: it is a
 * feature-length film made for television (many well-known films are filed as one), exactly the
 * kind of file a viewer may watch and want to link, and its ratings rank on the same scale.
 * Shorts, videos, series, episodes and specials are left out: they are not films, and
 * episodes alone are most of IMDb's rows. Titles flagged `isAdult` are left out as well.
 */
export const CATALOG_TITLE_TYPES = ["movie", "tvMovie"] as const;

export type CatalogTitleType = typeof CATALOG_TITLE_TYPES[number];

/** The principal categories kept: directors for the card, and on-screen cast for "top cast". */
export const PRINCIPAL_CATEGORIES = ["director", "actor", "actress", "self"] as const;

export type PrincipalCategory = typeof PRINCIPAL_CATEGORIES[number];

/** Categories that count as cast (for the card's top cast and the actor filter). */
export const CAST_CATEGORIES: readonly PrincipalCategory[] = ["actor", "actress", "self"];

/** IMDb's genre vocabulary, in a fixed order: a genre's index is its bit in a genre mask. */
export const IMDB_GENRES = [
  "Action",
  "Adult",
  "Adventure",
  "Animation",
  "Biography",
  "Comedy",
  "Crime",
  "Documentary",
  "Drama",
  "Family",
  "Fantasy",
  "Film-Noir",
  "Game-Show",
  "History",
  "Horror",
  "Music",
  "Musical",
  "Mystery",
  "News",
  "Reality-TV",
  "Romance",
  "Sci-Fi",
  "Short",
  "Sport",
  "Talk-Show",
  "Thriller",
  "War",
  "Western",
] as const;

export type ImdbGenre = typeof IMDB_GENRES[number];

/** A bit mask of the known genres among `genres` (unknown names add nothing). */
export function genreMask(genres: readonly string[]): number {
  let mask = 0;
  for (const genre of genres) {
    const bit = (IMDB_GENRES as readonly string[]).indexOf(genre);
    if (bit >= 0) mask |= 1 << bit;
  }
  return mask >>> 0;
}

/** A title of the catalog, from `title.basics`. */
export interface TitleRow {
  tconst: string;
  titleType: CatalogTitleType;
  primaryTitle: string;
  originalTitle: string;
  /** `startYear`: the release year. */
  year: number | null;
  runtimeMinutes: number | null;
  genres: string[];
}

/** From `title.ratings`. */
export interface RatingRow {
  tconst: string;
  /** Weighted average of the users' ratings, 1–10. */
  rating: number;
  votes: number;
}

/** From `title.principals`. */
export interface PrincipalRow {
  tconst: string;
  ordering: number;
  nconst: string;
  category: PrincipalCategory;
  /** The characters played, e.g. `["Neo"]`; empty for directors. */
  characters: string[];
}

/** From `name.basics`. */
export interface PersonRow {
  nconst: string;
  name: string;
}

/** From `title.akas`: one title of a film in one region or language. */
export interface AkaRow {
  tconst: string;
  ordering: number;
  title: string;
  /** ISO 3166-1 alpha-2 region (plus IMDb's own codes such as `XWW`), or null. */
  region: string | null;
  /** ISO 639 language code, or null (most rows carry only a region). */
  language: string | null;
  isOriginal: boolean;
}

/** The parsed row type of each file. */
export interface ImdbRows {
  "title.basics": TitleRow;
  "title.ratings": RatingRow;
  "title.principals": PrincipalRow;
  "name.basics": PersonRow;
  "title.akas": AkaRow;
}

/** A row that does not fit its file's format: counted and reported, never imported. */
export class MalformedRow extends Error {}

const NULL = "\\N";

function text(value: string): string | null {
  return value === NULL || value === "" ? null : value;
}

function integer(value: string, column: string): number | null {
  if (value === NULL || value === "") return null;
  const n = Number(value);
  if (!Number.isInteger(n)) throw new MalformedRow(`${column} is not an integer: ${value}`);
  return n;
}

function required(value: string, column: string): string {
  const v = text(value);
  if (v === null) throw new MalformedRow(`${column} is empty`);
  return v;
}

const ID = /^(tt|nm)\d+$/;

function id(value: string, column: string): string {
  if (!ID.test(value)) throw new MalformedRow(`${column} is not an IMDb id: ${value}`);
  return value;
}

/** Parses `characters`: a JSON array of strings; anything else is kept as one name. */
function characters(value: string): string[] {
  const v = text(value);
  if (v === null) return [];
  try {
    const parsed = JSON.parse(v);
    if (Array.isArray(parsed)) return parsed.filter((c) => typeof c === "string");
  } catch { /* not JSON: IMDb's older rows sometimes hold a bare name */ }
  return [v];
}

type RowParser<T> = (fields: string[]) => T | null;

/**
 * Each file's row parser: fields (already split on tabs) → the kept row, or null when the
 * catalog does not keep that row (a series, a writer…). Throws MalformedRow on a bad row.
 */
export const IMDB_PARSERS: { [K in ImdbFileName]: RowParser<ImdbRows[K]> } = {
  "title.basics": (f) => {
    const type = f[1];
    if (type !== "movie" && type !== "tvMovie") return null;
    if (f[4] === "1") return null; // isAdult
    return {
      tconst: id(f[0], "tconst"),
      titleType: type,
      primaryTitle: required(f[2], "primaryTitle"),
      originalTitle: text(f[3]) ?? f[2],
      year: integer(f[5], "startYear"),
      runtimeMinutes: integer(f[7], "runtimeMinutes"),
      genres: text(f[8])?.split(",") ?? [],
    };
  },
  "title.ratings": (f) => {
    const rating = Number(f[1]);
    const votes = Number(f[2]);
    if (!(rating >= 1 && rating <= 10)) throw new MalformedRow(`averageRating is ${f[1]}`);
    if (!Number.isInteger(votes) || votes < 0) throw new MalformedRow(`numVotes is ${f[2]}`);
    return { tconst: id(f[0], "tconst"), rating, votes };
  },
  "title.principals": (f) => {
    const category = f[3];
    if (!(PRINCIPAL_CATEGORIES as readonly string[]).includes(category)) return null;
    const ordering = integer(f[1], "ordering");
    if (ordering === null) throw new MalformedRow("ordering is empty");
    return {
      tconst: id(f[0], "tconst"),
      ordering,
      nconst: id(f[2], "nconst"),
      category: category as PrincipalCategory,
      characters: characters(f[5]),
    };
  },
  "name.basics": (f) => ({ nconst: id(f[0], "nconst"), name: required(f[1], "primaryName") }),
  "title.akas": (f) => {
    const ordering = integer(f[1], "ordering");
    if (ordering === null) throw new MalformedRow("ordering is empty");
    return {
      tconst: id(f[0], "titleId"),
      ordering,
      title: required(f[2], "title"),
      region: text(f[3]),
      language: text(f[4]),
      isOriginal: f[7] === "1",
    };
  },
};

/** The title id a row refers to, for files that only keep rows of catalog titles. */
export function titleIdOf(name: ImdbFileName, row: ImdbRows[ImdbFileName]): string | null {
  return name === "name.basics" ? null : (row as { tconst: string }).tconst;
}

/**
 * The set of catalog title ids, held in memory during an import (about a million ids on the
 * real files). Canonical ids (`tt` + digits, no extra leading zero) are kept as numbers, which
 * costs a fraction of the memory of strings; anything else is kept as a string.
 */
export class TitleIdSet {
  #numbers = new Set<number>();
  #others = new Set<string>();

  static #key(tconst: string): number | null {
    if (!/^tt\d{1,15}$/.test(tconst)) return null;
    const n = Number(tconst.slice(2));
    // "tt0000001" is id 1; only accept a string that the number gives back exactly.
    return `tt${String(n).padStart(7, "0")}` === tconst ? n : null;
  }

  add(tconst: string): void {
    const n = TitleIdSet.#key(tconst);
    if (n === null) this.#others.add(tconst);
    else this.#numbers.add(n);
  }

  has(tconst: string): boolean {
    const n = TitleIdSet.#key(tconst);
    return n === null ? this.#others.has(tconst) : this.#numbers.has(n);
  }

  get size(): number {
    return this.#numbers.size + this.#others.size;
  }
}
