import assert from "node:assert/strict";
import { libraryOverview } from "./library_page.ts";

import type { Film } from "@/lib/store/port.ts";

function film(slug: string, viewings: number, ratingSum: number, watchSec = 0): Film {
  return {
    slug,
    title: slug.toUpperCase(),
    year: null,
    durationSec: 100,
    createdAt: "2026-01-01T00:00:00.000Z",
    stats: {
      viewings,
      finished: viewings,
      ratingSum,
      ratingHistogram: new Array(10).fill(0),
      watchSec,
      lastWatchedAt: null,
    },
  };
}

Deno.test("library: rated films by mean rating, then the unrated; totals over every viewing", () => {
  const overview = libraryOverview([
    film("b", 2, 130, 100),
    film("unrated", 0, 0),
    film("a", 1, 70, 50),
    film("c", 4, 260, 400),
  ]);
  assert.deepEqual(overview.films.map((f) => f.slug), ["a", "c", "b", "unrated"]);
  assert.deepEqual(overview.films.map((f) => f.mean), [70, 65, 65, null]);
  assert.equal(overview.viewings, 7);
  assert.equal(overview.watchSec, 550);
  assert.equal(overview.meanRating, 65.7);
  assert.equal(libraryOverview([]).meanRating, null);
});
