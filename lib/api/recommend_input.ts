/**
 * `POST /api/v1/recommend` input, and the `/recommend` page's query mapped onto it. Its
 * messages keep the EmoFace API's wording ("emotion must be one of …; got …"), so a rule it
 * breaks is an HttpError 400 with that message; a control character is an InputError like
 * everywhere else.
 */
import { HttpError } from "@/lib/framework/errors.ts";
import { nameKey } from "@/lib/catalog/normalize.ts";
import { EXPRESSIONS, isExpression } from "@/lib/recording.ts";
import { isRecommendationType, RECOMMENDATION_TYPES } from "@/lib/recommend/moods.ts";
import type { RecommendRequest } from "@/lib/recommend/recommend.ts";
import { isIntegerIn, isRecord, withoutControlCharacters } from "./input.ts";

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
const ACTOR_MAX_CHARS = 200;

const LANGUAGE = /^[a-z]{2,3}$/;

function absent(value: unknown): boolean {
  return value === undefined || value === null || value === "";
}

function refused(message: string): HttpError {
  return new HttpError(400, message);
}

/** What was sent, for a message: `; got "joy"`, or nothing when the field was left out. */
function got(value: unknown): string {
  return absent(value) ? "" : `; got ${JSON.stringify(value)}`;
}

/** Validates a request body; the error names the field and lists the valid values. */
export function parseRecommendRequest(body: unknown): RecommendRequest {
  if (!isRecord(body)) throw refused("The body must be a JSON object");
  const unknown = Object.keys(body).filter((k) =>
    !(RECOMMEND_FIELDS as readonly string[]).includes(k)
  );
  if (unknown.length > 0) {
    throw refused(
      `Unknown field${unknown.length > 1 ? "s" : ""} ${
        unknown.map((k) => JSON.stringify(k)).join(", ")
      }: the fields are ${RECOMMEND_FIELDS.join(", ")}`,
    );
  }
  const { emotion, num_of_movies, recommendation_type, language, actor } = body;
  if (!isExpression(emotion)) {
    throw refused(`emotion must be one of ${EXPRESSIONS.join(", ")}${got(emotion)}`);
  }
  if (!isRecommendationType(recommendation_type)) {
    throw refused(
      `recommendation_type must be one of ${RECOMMENDATION_TYPES.join(", ")}${
        got(recommendation_type)
      }`,
    );
  }
  const count = absent(num_of_movies) ? DEFAULT_NUM_OF_MOVIES : num_of_movies;
  if (!isIntegerIn(count, 1, MAX_NUM_OF_MOVIES)) {
    throw refused(
      `num_of_movies must be an integer from 1 to ${MAX_NUM_OF_MOVIES}; got ${
        JSON.stringify(num_of_movies)
      }`,
    );
  }
  const request: RecommendRequest = { emotion, num_of_movies: count, recommendation_type };
  if (!absent(language)) {
    if (typeof language === "string") withoutControlCharacters(language, "language");
    const code = typeof language === "string" ? language.trim().toLowerCase() : "";
    if (!LANGUAGE.test(code)) {
      throw refused(
        `language must be an ISO 639 language code such as "fr" or "ja"${got(language)}`,
      );
    }
    request.language = code;
  }
  if (!absent(actor)) {
    if (typeof actor === "string") withoutControlCharacters(actor, "actor");
    if (typeof actor !== "string" || actor.length > ACTOR_MAX_CHARS || nameKey(actor) === "") {
      throw refused(`actor must be a person's name${got(actor)}`);
    }
    request.actor = actor.trim();
  }
  return request;
}

/**
 * The `/recommend` page's query (`?emotion=&type=&language=&actor=&n=`) as a request; blank
 * fields count as absent, and `n` is a number here.
 */
export function parseRecommendQuery(params: URLSearchParams): RecommendRequest {
  const n = params.get("n");
  return parseRecommendRequest({
    emotion: params.get("emotion") ?? undefined,
    recommendation_type: params.get("type") ?? undefined,
    num_of_movies: absent(n) ? undefined : /^\d+$/.test(n!) ? Number(n) : n,
    language: params.get("language") ?? undefined,
    actor: params.get("actor") ?? undefined,
  });
}
