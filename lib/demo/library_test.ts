import assert from "node:assert/strict";
import { DEMO_FILMS, demoLibrary, demoVerdict, demoViewings, type Genre } from "./library.ts";
import { filmRatingStats, fitPersonalModel, summarizeViewing } from "@/lib/rating/mod.ts";
import type { ViewingSummary } from "@/lib/rating/types.ts";

const LIBRARY = demoLibrary().map((viewing) => ({
  ...viewing,
  summary: summarizeViewing(viewing.seconds),
}));
const genreOf = new Map(DEMO_FILMS.map((d) => [d.film.title, d.genre]));
const ratingsOf = (genre: Genre) =>
  LIBRARY.filter((v) => genreOf.get(v.film.title) === genre).map((v) => v.summary.rating);
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

Deno.test("the demo library holds every film's viewings, the same each time", () => {
  assert.equal(LIBRARY.length, DEMO_FILMS.reduce((sum, d) => sum + d.viewings, 0));
  const again = demoViewings(DEMO_FILMS[1]);
  assert.deepEqual(again.map((v) => v.seconds), demoViewings(DEMO_FILMS[1]).map((v) => v.seconds));
});

Deno.test("demo ratings spread: over 25 points and four 10-point bins, not one bar", () => {
  const ratings = LIBRARY.map((v) => v.summary.rating);
  const spread = Math.max(...ratings) - Math.min(...ratings);
  assert.ok(spread > 25, `ratings ${Math.min(...ratings)}–${Math.max(...ratings)}`);
  const bins = filmRatingStats(ratings).histogram.filter((count) => count > 0).length;
  assert.ok(bins >= 4, `${bins} bins`);
  // The most watched film's own audience spans more than one bin.
  const first = LIBRARY.filter((v) => v.film.title === DEMO_FILMS[0].film.title);
  const own = filmRatingStats(first.map((v) => v.summary.rating)).histogram;
  assert.ok(own.filter((count) => count > 0).length >= 2, `${own}`);
});

Deno.test("films move people differently: the comedy rates highest, the dull films lowest", () => {
  const comedy = mean(ratingsOf("comedy"));
  const horror = mean(ratingsOf("horror"));
  const drama = mean(ratingsOf("drama"));
  const dull = mean(ratingsOf("dull"));
  assert.ok(
    comedy > horror && horror > drama && drama > dull,
    `${comedy} ${horror} ${drama} ${dull}`,
  );
});

Deno.test("demo verdicts: the same for the same viewing, about one in five skipped, 0–10 in half points", () => {
  const verdicts = LIBRARY.map((v) => demoVerdict(v.summary, v.seed));
  assert.deepEqual(verdicts, LIBRARY.map((v) => demoVerdict(v.summary, v.seed)));
  const skipped = verdicts.filter((v) => v === null).length;
  assert.ok(skipped >= 5 && skipped <= 20, `${skipped} of ${verdicts.length} skipped`);
  for (const v of verdicts) if (v !== null) assert.ok(v >= 0 && v <= 10 && v % 0.5 === 0);
});

Deno.test("a viewing that moved the demo viewer more gets a higher verdict, on average", () => {
  // Without noise the verdict rises 0.15 a rating point: compare the top and bottom thirds.
  const rated = LIBRARY.map((v) => ({
    rating: v.summary.rating,
    verdict: demoVerdict(v.summary, v.seed),
  }))
    .filter((v): v is { rating: number; verdict: number } => v.verdict !== null)
    .sort((a, b) => a.rating - b.rating);
  const third = Math.floor(rated.length / 3);
  const low = mean(rated.slice(0, third).map((v) => v.verdict));
  const high = mean(rated.slice(-third).map((v) => v.verdict));
  assert.ok(high - low > 1.5, `bottom third ${low}, top third ${high}`);
});

Deno.test("with the demo verdicts the personal model is active and its error beats the mean's", () => {
  const examples = LIBRARY.flatMap((v, k) => {
    const verdict = demoVerdict(v.summary, v.seed);
    return verdict === null ? [] : [{ id: `d${k}`, summary: v.summary as ViewingSummary, verdict }];
  });
  const model = fitPersonalModel(examples);
  assert.equal(model.n, examples.length);
  assert.equal(model.active, true);
  // The verdicts carry noise of standard deviation 0.7 (a mean absolute error of 0.56): no
  // honest model gets far below it.
  assert.ok(model.looMae! < model.baselineMae! && model.looMae! > 0.5, JSON.stringify(model));
});
