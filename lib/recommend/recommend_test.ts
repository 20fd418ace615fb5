import assert from "node:assert/strict";
import { STAR_CAFE } from "@/tests/fixtures/catalog_title.ts";
import { toApiMovie } from "./recommend.ts";

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
