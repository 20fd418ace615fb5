import assert from "node:assert/strict";
import { libraryOverview, rankedPage } from "./library_page.ts";
import { seededRandom } from "@/lib/random.ts";

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
  const films = [
    film("b", 2, 130, 100),
    film("unrated", 0, 0),
    film("a", 1, 70, 50),
    film("c", 4, 260, 400),
  ];
  // a: 70; c: 260 / 4 = 65 over b: 130 / 2 = 65, by 4 viewings to 2.
  assert.deepEqual(rankedPage(films, 0, 10).map((f) => f.slug), ["a", "c", "b", "unrated"]);
  assert.deepEqual(rankedPage(films, 0, 10).map((f) => f.mean), [70, 65, 65, null]);
  assert.deepEqual(rankedPage(films, 1, 2).map((f) => f.slug), ["c", "b"]);
  assert.deepEqual(rankedPage(films, 4, 2), []);
  const overview = libraryOverview(films);
  // 2 + 0 + 1 + 4 viewings; 130 + 70 + 260 = 460 rating points: 460 / 7 = 65.7.
  assert.deepEqual(overview, { films: 4, viewings: 7, watchSec: 550, meanRating: 65.7 });
  assert.equal(libraryOverview([]).meanRating, null);
});

Deno.test("a page of the ranking is that slice of the whole ranking, however the ties fall", () => {
  const random = seededRandom(11);
  // Few distinct means and counts: ties everywhere, titles differing only by case too.
  const films = Array.from({ length: 300 }, (_, k) => {
    const viewings = Math.floor(random() * 3);
    const f = film(`f${k}`, viewings, viewings * (60 + Math.floor(random() * 4) * 5));
    return { ...f, title: ["Alpha", "alpha", "Beta", "Été", "Zed"][Math.floor(random() * 5)] };
  });
  const collator = new Intl.Collator("en", { sensitivity: "base" });
  const mean = (f: Film) => f.stats.viewings > 0 ? f.stats.ratingSum / f.stats.viewings : null;
  // The rank order written out whole, as one comparison.
  const whole = films.toSorted((a, b) => {
    const [ma, mb] = [mean(a), mean(b)];
    if ((ma === null) !== (mb === null)) return ma === null ? 1 : -1;
    if (ma !== null && mb !== null && ma !== mb) return mb - ma;
    if (a.stats.viewings !== b.stats.viewings) return b.stats.viewings - a.stats.viewings;
    return collator.compare(a.title, b.title) || (a.slug < b.slug ? -1 : 1);
  }).map((f) => f.slug);
  for (const count of [1, 7, 24]) {
    for (let from = 0; from < films.length + count; from += count) {
      assert.deepEqual(
        rankedPage(films, from, count).map((f) => f.slug),
        whole.slice(from, from + count),
        `ranks ${from} to ${from + count - 1}`,
      );
    }
  }
});
