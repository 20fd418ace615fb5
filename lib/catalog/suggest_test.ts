import assert from "node:assert/strict";
import type { TitleMatch } from "./port.ts";
import { rankSuggestions } from "./suggest.ts";
import { titleKey } from "./normalize.ts";

const match = (
  tconst: string,
  title: string,
  year: number | null,
  votes: number,
  keys: string[] = [titleKey(title)],
): TitleMatch => ({
  tconst,
  title,
  originalTitle: title,
  year,
  titleType: "movie",
  rating: 7,
  votes,
  keys,
});

const CANDIDATES = [
  match("tt1", "Paper Lanterns", 2004, 410_000),
  match("tt2", "Paper Lanterns 2", 2009, 150_000),
  match("tt3", "Paper Lanterns", 1958, 3_000),
  match("tt4", "Paper Lanterns: The Return", 2005, 500_000),
];
const order = (title: string, year: number | null) =>
  rankSuggestions(title, year, CANDIDATES).map((s) => s.tconst);

Deno.test("the same title in the same year comes first; a close year outweighs an exact title", () => {
  // The 2005 sequel is a likelier mistake for "Paper Lanterns (2004)" than a 1958 namesake.
  assert.deepEqual(order("Paper Lanterns", 2004), ["tt1", "tt4", "tt3", "tt2"]);
  assert.deepEqual(order("paper lanterns", 1958), ["tt3", "tt1", "tt2", "tt4"]);
  // A year off by one (release dates differ by country) still beats a distant exact year.
  assert.equal(order("Paper Lanterns", 2005)[0], "tt1");
  assert.equal(order("Paper Lanterns 2", 2009)[0], "tt2");
});

Deno.test("without a year, an exact title wins and then the better known film", () => {
  assert.deepEqual(order("Paper Lanterns", null).slice(0, 2), ["tt1", "tt3"]);
  const [first] = rankSuggestions("Paper Lanterns", null, CANDIDATES);
  assert.equal(first.match, "exact");
  assert.equal(first.yearDelta, null);
});

Deno.test("suggestions say how they matched, how far the year is, and how confident they are", () => {
  const ranked = rankSuggestions("Paper Lanterns", 2004, CANDIDATES);
  assert.deepEqual(ranked.map((s) => [s.tconst, s.match, s.yearDelta]), [
    ["tt1", "exact", 0],
    ["tt4", "prefix", 1],
    ["tt3", "exact", 46],
    ["tt2", "prefix", 5],
  ]);
  for (let i = 1; i < ranked.length; i++) {
    assert.ok(ranked[i - 1].confidence >= ranked[i].confidence);
  }
  assert.ok(ranked[0].confidence > 0.9 && ranked[0].confidence <= 1);
  assert.equal(rankSuggestions("Paper Lanterns", 2004, CANDIDATES, 2).length, 2);
  assert.deepEqual(rankSuggestions("Anything", 2000, []), []);
});

Deno.test("an alternative title counts as a match, and shared words count partly", () => {
  const aka = match("tt9", "The Star Café", 2001, 760_000, ["le cafe des etoiles"]);
  const other = match("tt8", "Café Society", 2016, 100_000);
  const [first, second] = rankSuggestions("Le Café des Étoiles", 2001, [other, aka]);
  assert.equal(first.tconst, "tt9");
  assert.equal(first.match, "exact");
  assert.equal(second.match, "partial");
});
