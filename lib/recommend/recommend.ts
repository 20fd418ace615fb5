/**
 * Mood recommendations: the request (`POST /api/v1/recommend` and the `/recommend` page's
 * query; parsed in lib/api/recommend_input.ts), the catalog query, and the response in the
 * shape of the EmoFace API (`{ movies: [...] }`). Shaping is pure; `recommendFilms` reads the
 * catalog through its port.
 */
import type { Expression } from "@/lib/recording.ts";
import { IMDB_DATASETS_URL, imdbUrl } from "@/lib/catalog/imdb.ts";
import { moodGenres, type RecommendationType } from "./moods.ts";
import { nameKey } from "@/lib/catalog/normalize.ts";
import type { CatalogPort, CatalogTitle } from "@/lib/catalog/port.ts";

export interface RecommendRequest {
  emotion: Expression;
  num_of_movies: number;
  recommendation_type: RecommendationType;
  /** ISO 639 language code, lower case (e.g. "fr"), matched against title.akas.language. */
  language?: string;
  /** A cast member's name, matched case- and accent-insensitively. */
  actor?: string;
}

/** One film of the response, in the EmoFace API's shape (snake_case). */
export interface ApiMovie {
  title: string;
  original_title: string;
  year: number | null;
  genres: string[];
  rating: number | null;
  votes: number;
  weighted_rating: number | null;
  runtime_minutes: number | null;
  imdb_id: string;
  imdb_url: string;
  directors: string[];
  cast: string[];
}

/** A catalog card as the API shows it, the weighted rating to three decimals. */
export function toApiMovie(card: CatalogTitle): ApiMovie {
  return {
    title: card.title,
    original_title: card.originalTitle,
    year: card.year,
    genres: card.genres,
    rating: card.rating,
    votes: card.votes,
    weighted_rating: card.weightedRating === null
      ? null
      : Math.round(card.weightedRating * 1000) / 1000,
    runtime_minutes: card.runtimeMinutes,
    imdb_id: card.tconst,
    imdb_url: imdbUrl(card.tconst),
    directors: card.directors.map((d) => d.name),
    cast: card.cast.map((c) => c.name),
  };
}

export interface Recommendation {
  movies: CatalogTitle[];
  /** The genres looked for and left out, and why. */
  genres: string[];
  avoid: string[];
  reason: string;
  /** Set when the list is empty: what to do about it. */
  message?: string;
}

/** How to fill an empty catalog. */
export const EMPTY_CATALOG_MESSAGE =
  "The film catalog is empty. Import it from /recommend (an admin), or run " +
  "`deno task import:imdb --download`; offline, download IMDb's datasets from " +
  `${IMDB_DATASETS_URL} (title.basics, title.ratings, title.principals, name.basics and ` +
  "title.akas .tsv.gz) elsewhere and run `deno task import:imdb <dir>`.";

/** Runs a validated request against the catalog. */
export async function recommendFilms(
  catalog: CatalogPort,
  request: RecommendRequest,
): Promise<Recommendation> {
  const mood = moodGenres(request.emotion, request.recommendation_type);
  const base = { genres: mood.genres, avoid: mood.avoid, reason: mood.reason };
  const movies = await catalog.recommend({
    genres: mood.genres,
    avoid: mood.avoid,
    limit: request.num_of_movies,
    language: request.language,
    actorKey: request.actor === undefined ? undefined : nameKey(request.actor),
  });
  if (movies.length > 0) return { ...base, movies };
  if (await catalog.isEmpty()) return { ...base, movies, message: EMPTY_CATALOG_MESSAGE };
  return {
    ...base,
    movies,
    message: "No rated film in the catalog matches this mood with these filters.",
  };
}
