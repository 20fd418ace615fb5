import assert from "node:assert/strict";
import { IMDB_GENRES } from "@/lib/catalog/imdb.ts";
import { isRecommendationType, MOOD_GENRES, moodGenres, RECOMMENDATION_TYPES } from "./moods.ts";
import { EXPRESSIONS } from "@/lib/recording.ts";

Deno.test("every expression has genres for both types, from IMDb's vocabulary, with a reason", () => {
  for (const type of RECOMMENDATION_TYPES) {
    assert.deepEqual(Object.keys(MOOD_GENRES[type]).sort(), [...EXPRESSIONS].sort());
    for (const expression of EXPRESSIONS) {
      const row = moodGenres(expression, type);
      assert.ok(row.genres.length >= 1, `${expression}/${type}`);
      for (const genre of [...row.genres, ...row.avoid]) {
        assert.ok((IMDB_GENRES as readonly string[]).includes(genre), genre);
      }
      assert.deepEqual(row.genres.filter((g) => row.avoid.includes(g)), [], "wanted and avoided");
      assert.ok(row.reason.length > 20 && row.reason.endsWith("."), row.reason);
    }
  }
});

Deno.test("improving a low mood looks for light genres; keeping it up looks for fitting ones", () => {
  assert.deepEqual(moodGenres("sad", "improve").genres, ["Comedy", "Family", "Animation"]);
  assert.ok(moodGenres("sad", "keepup").genres.includes("Drama"));
  assert.ok(moodGenres("fear", "keepup").genres.includes("Horror"));
  for (const expression of ["angry", "disgust", "fear", "sad"] as const) {
    const improve = moodGenres(expression, "improve");
    assert.ok(improve.avoid.includes("Horror"), `${expression}: improving never suggests horror`);
    assert.notDeepEqual(improve.genres, moodGenres(expression, "keepup").genres);
  }
});

Deno.test("recommendation types are exactly improve and keepup", () => {
  assert.deepEqual([...RECOMMENDATION_TYPES], ["improve", "keepup"]);
  assert.ok(isRecommendationType("keepup"));
  for (const value of ["keep up", "Improve", "", null, 1]) assert.ok(!isRecommendationType(value));
});
