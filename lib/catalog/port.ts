/**
 * The film catalog's storage port: IMDb titles, ratings, people, credits and alternative titles,
 * written in resumable batches by the importer and read by search, film cards and
 * recommendations. Two adapters implement it, `sqlite.ts` (default) and `mongo.ts`; one
 * contract suite (`contract.ts`) runs on both.
 */
import type { ImdbFileName, ImdbRows } from "./imdb.ts";

/** How far the import of one file got: everything up to `lines` is committed. */
export interface FileProgress {
  file: ImdbFileName;
  /** Data rows (lines after the header) read and committed, kept or not. */
  lines: number;
  /** Rows of those the catalog kept. */
  kept: number;
  /** Malformed rows skipped so far. */
  malformed: number;
  /** The whole file was imported. */
  done: boolean;
  /** The file's size and modification time, to notice a new download of the same file. */
  size: number;
  mtimeMs: number | null;
}

/** One batch of kept rows of one file; committed atomically with the file's progress. */
export type ImportBatch = {
  [K in ImdbFileName]: { file: K; rows: ImdbRows[K][] };
}[ImdbFileName];

export interface CatalogPerson {
  nconst: string;
  name: string;
}

export interface CastMember extends CatalogPerson {
  /** The characters played, e.g. ["Neo"]. */
  characters: string[];
}

/** Everything a film card shows about a title. */
export interface CatalogTitle {
  tconst: string;
  titleType: "movie" | "tvMovie";
  title: string;
  originalTitle: string;
  year: number | null;
  runtimeMinutes: number | null;
  genres: string[];
  /** IMDb's average rating (1–10), or null when unrated. */
  rating: number | null;
  votes: number;
  /** The vote-weighted rating used for ranking (see ranking.ts), or null when unrated. */
  weightedRating: number | null;
  directors: CatalogPerson[];
  /** Cast in billing order (IMDb's `ordering`), at most `CARD_CAST` of them. */
  cast: CastMember[];
}

/** How many cast members a card carries. */
export const CARD_CAST = 5;

/** A title found by its normalised title, with the keys that matched, for ranking. */
export interface TitleMatch {
  tconst: string;
  title: string;
  originalTitle: string;
  year: number | null;
  titleType: "movie" | "tvMovie";
  rating: number | null;
  votes: number;
  /** The title's match keys (primary, original, alternative titles) that the search found. */
  keys: string[];
}

export interface RecommendQuery {
  /** Keep titles with at least one of these genres… */
  genres: readonly string[];
  /** …and none of these. */
  avoid: readonly string[];
  limit: number;
  /** An ISO 639 language code matched against `title.akas.language` (e.g. "fr"). */
  language?: string;
  /** A name key (normalize.ts `nameKey`) of a cast member. */
  actorKey?: string;
}

export interface CatalogCounts {
  titles: number;
  /** Titles with a rating. */
  rated: number;
  people: number;
  principals: number;
  akas: number;
  /** C: the mean rating of the rated titles, as of the last score refresh (null before). */
  meanRating: number | null;
}

/** A title proposed for a library film, and how many viewers proposed it. */
export interface FilmLinkProposal {
  tconst: string;
  viewers: number;
}

/** The catalog's storage port: what the importer writes and the pages and API read. */
export interface CatalogPort {
  /** The import progress of every file started so far. */
  importProgress(): Promise<FileProgress[]>;
  /** Forgets the import progress of these files (their rows stay; a rerun upserts them). */
  resetImportProgress(files: readonly ImdbFileName[]): Promise<void>;
  /**
   * Upserts a batch and records the file's progress. On SQLite both happen in one transaction;
   * on MongoDB the rows are written first (idempotent upserts), so an interruption between the
   * two only repeats the batch. `name.basics` rows are kept only for people credited in the
   * imported principals.
   */
  writeBatch(batch: ImportBatch, progress: FileProgress): Promise<void>;
  /** Every title id, for the importer's in-memory filter. */
  titleIds(): AsyncIterable<string>;
  /** Recomputes C and every title's weighted rating; returns C (null when nothing is rated). */
  refreshScores(): Promise<number | null>;
  counts(): Promise<CatalogCounts>;
  /** Whether no title has been imported yet (cheap, unlike counts()). */
  isEmpty(): Promise<boolean>;

  /**
   * Titles whose match key equals `key` or starts with it (keys of primary, original and
   * alternative titles), the most voted first, at most `limit`.
   */
  findTitles(key: string, limit: number): Promise<TitleMatch[]>;
  /** Card data of one title, or null. */
  title(tconst: string): Promise<CatalogTitle | null>;
  /** Card data of several titles, in the order asked (unknown ids left out). */
  titles(tconsts: readonly string[]): Promise<CatalogTitle[]>;
  /** Rated titles matching the query, by weighted rating, best first. */
  recommend(query: RecommendQuery): Promise<CatalogTitle[]>;

  /** Links a library film (by slug) to a catalog title, replacing any earlier link. */
  linkFilm(slug: string, tconst: string): Promise<void>;
  /** The title a library film is linked to, or null. */
  filmLink(slug: string): Promise<string | null>;
  /**
   * A viewer's proposal that a library film is this catalog title, for an admin to confirm with
   * `linkFilm` (shared mode): one per viewer and film, a later one replacing it.
   */
  proposeFilmLink(slug: string, tconst: string, viewer: string): Promise<void>;
  /** The titles proposed for a film, the most proposed first, with how many viewers did. */
  filmLinkProposals(slug: string): Promise<FilmLinkProposal[]>;
  /** Drops the proposals matching every field given (a film's, a title's, a viewer's). */
  dropFilmLinkProposals(where: { slug?: string; tconst?: string; viewer?: string }): Promise<void>;

  close(): Promise<void>;
}
