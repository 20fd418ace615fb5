import assert from "node:assert/strict";
import {
  type FilmExpressionTotals,
  LIBRARY_PRIOR_SECONDS,
  rankLibraryFilms,
  totalsFromAudience,
} from "./library.ts";
import type { AudienceSecond } from "@/lib/recording.ts";

// counts in EXPRESSIONS order: angry, disgust, fear, happy, sad, surprise, neutral
const film = (slug: string, viewers: number, counts: number[]): FilmExpressionTotals => ({
  slug,
  title: slug.toUpperCase(),
  viewers,
  faceSeconds: counts.reduce((a, b) => a + b, 0),
  counts,
});

const LIBRARY = [
  film("weepie", 12, [0, 0, 0, 200, 2400, 0, 3400]), // 40% sad over 6000 s
  film("blip", 1, [0, 0, 0, 0, 10, 0, 0]), // 100% sad, but 10 s of one viewing
  film("comedy", 8, [0, 0, 0, 3000, 100, 200, 1700]),
  film("unseen", 0, [0, 0, 0, 0, 0, 0, 0]),
  film("thriller", 5, [300, 0, 900, 0, 0, 600, 1200]),
];

Deno.test("films are ranked by a shrunk share, so a few seconds cannot top the list", () => {
  const sad = rankLibraryFilms(LIBRARY, "sad");
  assert.deepEqual(sad.map((p) => p.slug), ["weepie", "blip", "comedy"]);
  assert.equal(sad[1].share, 1);
  assert.ok(sad[1].score < sad[0].score);
  assert.equal(sad[0].share, 0.4);
  // The film that never drew the expression is not listed.
  assert.deepEqual(rankLibraryFilms(LIBRARY, "disgust"), []);
  assert.deepEqual(rankLibraryFilms(LIBRARY, "fear").map((p) => p.slug), ["thriller"]);
});

Deno.test("the shrinkage follows the documented formula", () => {
  const [first] = rankLibraryFilms(LIBRARY, "happy");
  const total = LIBRARY.reduce((s, f) => s + f.faceSeconds, 0);
  const prior = (200 + 3000) / total;
  assert.equal(first.slug, "comedy");
  assert.ok(
    Math.abs(
      first.score - (3000 + LIBRARY_PRIOR_SECONDS * prior) / (5000 + LIBRARY_PRIOR_SECONDS),
    ) <
      1e-12,
  );
});

Deno.test("options: at least some viewers, and a limit", () => {
  assert.deepEqual(
    rankLibraryFilms(LIBRARY, "sad", { minViewers: 2 }).map((p) => p.slug),
    ["weepie", "comedy"],
  );
  assert.equal(rankLibraryFilms(LIBRARY, "neutral", { limit: 2 }).length, 2);
  assert.deepEqual(rankLibraryFilms([], "sad"), []);
  const malformed = { ...film("bad", 1, [1, 2, 3]), faceSeconds: 6 };
  assert.deepEqual(rankLibraryFilms([malformed], "angry"), [], "counts of the wrong length");
});

Deno.test("totals come from the per-second audience aggregate", () => {
  const second = (t: number, counts: number[]): AudienceSecond => ({
    t,
    viewers: 3,
    faces: counts.reduce((a, b) => a + b, 0),
    counts,
    contribution: 0,
    movement: 0,
  });
  const totals = totalsFromAudience({ slug: "f", title: "F", year: 2001, viewers: 3 }, [
    second(0, [0, 0, 0, 1, 1, 0, 1]),
    second(1, [0, 0, 0, 2, 0, 0, 0]),
    second(2, [1, 0, 0, 0, 0, 0, 0]),
  ]);
  assert.deepEqual(totals, {
    slug: "f",
    title: "F",
    year: 2001,
    viewers: 3,
    faceSeconds: 6,
    counts: [1, 0, 0, 3, 1, 0, 1],
  });
});
