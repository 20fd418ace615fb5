import assert from "node:assert/strict";
import { HttpError, InputError } from "@/lib/framework/errors.ts";
import { parseRecommendQuery, parseRecommendRequest } from "./recommend_input.ts";

const error = (body: unknown) => {
  try {
    parseRecommendRequest(body);
  } catch (e) {
    assert.ok(e instanceof HttpError && e.status === 400, JSON.stringify(body));
    return e.message;
  }
  assert.fail(`accepted ${JSON.stringify(body)}`);
};

Deno.test("a valid request is normalised; num_of_movies defaults to 10", () => {
  assert.deepEqual(
    parseRecommendRequest({ emotion: "sad", recommendation_type: "improve" }),
    { emotion: "sad", recommendation_type: "improve", num_of_movies: 10 },
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
      emotion: "fear",
      recommendation_type: "keepup",
      num_of_movies: 50,
      language: "fr",
      actor: "Zoë Marchetti",
    },
  );
  const blank = parseRecommendRequest({
    emotion: "happy",
    recommendation_type: "improve",
    language: "",
    actor: null,
  });
  assert.deepEqual(blank, { emotion: "happy", recommendation_type: "improve", num_of_movies: 10 });
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
    { emotion: "sad", recommendation_type: "keepup", num_of_movies: 5 },
  );
  assert.throws(
    () => parseRecommendQuery(new URLSearchParams("emotion=sad&type=keepup&n=lots")),
    /^HttpError: num_of_movies must be an integer from 1 to 50; got "lots"$/,
  );
  assert.throws(() => parseRecommendQuery(new URLSearchParams("")), /^HttpError: emotion must/);
});

Deno.test("a language or an actor holding a control character is refused naming the field", () => {
  for (const field of ["language", "actor"]) {
    for (const bad of ["fr\u0000", "\u0007Zoë", "Zoë\nMarchetti", "Zo\u0085ë"]) {
      assert.throws(
        () =>
          parseRecommendRequest({ emotion: "sad", recommendation_type: "improve", [field]: bad }),
        (e) => e instanceof InputError && e.field === field && /control characters/.test(e.message),
        `${field} ${JSON.stringify(bad)}`,
      );
    }
  }
  // The page's query goes through the same rule.
  assert.throws(
    () => parseRecommendQuery(new URLSearchParams("emotion=sad&type=improve&actor=A%00B")),
    (e) => e instanceof InputError && e.field === "actor",
  );
});
