import assert from "node:assert/strict";
import { STAR_CAFE } from "@/tests/fixtures/catalog_title.ts";
import { parseRecommendQuery, parseRecommendRequest, toApiMovie } from "./recommend.ts";

const error = (body: unknown) => {
  const result = parseRecommendRequest(body);
  assert.equal(result.ok, false, JSON.stringify(body));
  return (result as { error: string }).error;
};

Deno.test("a valid request is normalised; num_of_movies defaults to 10", () => {
  assert.deepEqual(
    parseRecommendRequest({ emotion: "sad", recommendation_type: "improve" }),
    { ok: true, value: { emotion: "sad", recommendation_type: "improve", num_of_movies: 10 } },
  );
  assert.deepEqual(
    parseRecommendRequest({
      emotion: "fear",
      recommendation_type: "keepup",
      num_of_movies: 50,
      language: " FR ",
      actor: "  Zoë Marchetti ",
    }),
    {
      ok: true,
      value: {
        emotion: "fear",
        recommendation_type: "keepup",
        num_of_movies: 50,
        language: "fr",
        actor: "Zoë Marchetti",
      },
    },
  );
  const blank = parseRecommendRequest({
    emotion: "happy",
    recommendation_type: "improve",
    language: "",
    actor: null,
  });
  assert.deepEqual(blank, {
    ok: true,
    value: { emotion: "happy", recommendation_type: "improve", num_of_movies: 10 },
  });
});

Deno.test("errors name the field and list the valid values", () => {
  assert.equal(
    error({ emotion: "joy", recommendation_type: "improve" }),
    'emotion must be one of angry, disgust, fear, happy, sad, surprise, neutral; got "joy"',
  );
  assert.equal(
    error({ recommendation_type: "improve" }),
    "emotion must be one of angry, disgust, fear, happy, sad, surprise, neutral",
  );
  assert.equal(
    error({ emotion: "sad", recommendation_type: "cheer" }),
    'recommendation_type must be one of improve, keepup; got "cheer"',
  );
  for (const n of [0, 51, 2.5, "5", -1, true]) {
    assert.equal(
      error({ emotion: "sad", recommendation_type: "improve", num_of_movies: n }),
      `num_of_movies must be an integer from 1 to 50; got ${JSON.stringify(n)}`,
    );
  }
  assert.equal(
    error({ emotion: "sad", recommendation_type: "improve", genre: "x", mood: 1 }),
    'Unknown fields "genre", "mood": the fields are emotion, num_of_movies, recommendation_type, language, actor',
  );
  assert.match(
    error({ emotion: "sad", recommendation_type: "improve", language: "French" }),
    /^language must be an ISO 639 language code such as "fr" or "ja"; got "French"$/,
  );
  assert.match(
    error({ emotion: "sad", recommendation_type: "improve", actor: "!!" }),
    /^actor must be a person's name/,
  );
  for (const body of [null, [], "sad", 3]) {
    assert.equal(error(body), "The body must be a JSON object");
  }
});

Deno.test("the page's query string maps onto the same request", () => {
  assert.deepEqual(
    parseRecommendQuery(new URLSearchParams("emotion=sad&type=keepup&n=5&language=&actor=")),
    { ok: true, value: { emotion: "sad", recommendation_type: "keepup", num_of_movies: 5 } },
  );
  assert.equal(
    parseRecommendQuery(new URLSearchParams("emotion=sad&type=keepup&n=lots")).ok,
    false,
  );
  assert.equal(parseRecommendQuery(new URLSearchParams("")).ok, false);
});

Deno.test("a movie in the API's shape", () => {
  assert.deepEqual(toApiMovie(STAR_CAFE), {
    title: "The Star Café",
    original_title: "Le Café des Étoiles",
    year: 2001,
    genres: ["Comedy", "Romance"],
    rating: 8.3,
    votes: 760000,
    weighted_rating: 8.247,
    runtime_minutes: 122,
    imdb_id: "tt0100010",
    imdb_url: "https://www.imdb.com/title/tt0100010/",
    directors: ["Luc Beaumont"],
    cast: ["Claire Dubois", "Zoë Marchetti"],
  });
});
