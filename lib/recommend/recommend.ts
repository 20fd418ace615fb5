/**
 * Mood recommendations: the request (`POST /api/v1/recommend` and the `/recommend` page's
 * query), its validation, the catalog query, and the response in the shape of the EmoFace API
 * (`{ movies: [...] }`). Validation and shaping are pure; `recommendFilms` reads the catalog
 * through its port.
 */
import { type Expression, EXPRESSIONS, isExpression } from "@/lib/recording.ts";
import { IMDB_DATASETS_URL, imdbUrl } from "@/lib/catalog/imdb.ts";
import {
  isRecommendationType,
  moodGenres,
  RECOMMENDATION_TYPES,
  type RecommendationType,
} from "./moods.ts";
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

export const RECOMMEND_FIELDS = [
  "emotion",
  "num_of_movies",
  "recommendation_type",
  "language",
  "actor",
] as const;

/** When `num_of_movies` is left out. */
export const DEFAULT_NUM_OF_MOVIES = 10;
export const MAX_NUM_OF_MOVIES = 50;

export type Validated<T> = { ok: true; value: T } | { ok: false; error: string };

const LANGUAGE = /^[a-z]{2,3}$/;

function absent(value: unknown): boolean {
  return value === undefined || value === null || value === "";
}

/** Validates a request body; the error names the field and lists the valid values. */
export function parseRecommendRequest(body: unknown): Validated<RecommendRequest> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { ok: false, error: "The body must be a JSON object" };
  }
  const fields = body as Record<string, unknown>;
  const unknown = Object.keys(fields).filter((k) =>
    !(RECOMMEND_FIELDS as readonly string[]).includes(k)
  );
  if (unknown.length > 0) {
    return {
      ok: false,
      error: `Unknown field${unknown.length > 1 ? "s" : ""} ${
        unknown.map((k) => JSON.stringify(k)).join(", ")
      }: the fields are ${RECOMMEND_FIELDS.join(", ")}`,
    };
  }
  const { emotion, num_of_movies, recommendation_type, language, actor } = fields;
  if (!isExpression(emotion)) {
    return {
      ok: false,
      error: `emotion must be one of ${EXPRESSIONS.join(", ")}${
        absent(emotion) ? "" : `; got ${JSON.stringify(emotion)}`
      }`,
    };
  }
  if (!isRecommendationType(recommendation_type)) {
    return {
      ok: false,
      error: `recommendation_type must be one of ${RECOMMENDATION_TYPES.join(", ")}${
        absent(recommendation_type) ? "" : `; got ${JSON.stringify(recommendation_type)}`
      }`,
    };
  }
  const count = absent(num_of_movies) ? DEFAULT_NUM_OF_MOVIES : num_of_movies;
  if (
    typeof count !== "number" || !Number.isInteger(count) || count < 1 ||
    count > MAX_NUM_OF_MOVIES
  ) {
    return {
      ok: false,
      error: `num_of_movies must be an integer from 1 to ${MAX_NUM_OF_MOVIES}; got ${
        JSON.stringify(num_of_movies)
      }`,
    };
  }
  const request: RecommendRequest = { emotion, num_of_movies: count, recommendation_type };
  if (!absent(language)) {
    const code = typeof language === "string" ? language.trim().toLowerCase() : "";
    if (!LANGUAGE.test(code)) {
      return {
        ok: false,
        error: `language must be an ISO 639 language code such as "fr" or "ja"; got ${
          JSON.stringify(language)
        }`,
      };
    }
    request.language = code;
  }
  if (!absent(actor)) {
    if (typeof actor !== "string" || actor.length > 200 || nameKey(actor) === "") {
      return { ok: false, error: `actor must be a person's name; got ${JSON.stringify(actor)}` };
    }
    request.actor = actor.trim();
  }
  return { ok: true, value: request };
}

/**
 * The `/recommend` page's query (`?emotion=&type=&language=&actor=&n=`) as a request; blank
 * fields count as absent, and `n` is a number here.
 */
export function parseRecommendQuery(params: URLSearchParams): Validated<RecommendRequest> {
  const n = params.get("n");
  return parseRecommendRequest({
    emotion: params.get("emotion") ?? undefined,
    recommendation_type: params.get("type") ?? undefined,
    num_of_movies: absent(n) ? undefined : /^\d+$/.test(n!) ? Number(n) : n,
    language: params.get("language") ?? undefined,
    actor: params.get("actor") ?? undefined,
  });
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
  `The film catalog is empty. Download IMDb's datasets from ${IMDB_DATASETS_URL} ` +
  "(title.basics, title.ratings, title.principals, name.basics and title.akas .tsv.gz) and " +
  "run `deno task import:imdb <dir>`.";

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
