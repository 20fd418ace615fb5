import assert from "node:assert/strict";
import { matchFilms, titleFromFileName } from "./title.ts";
import { filmSlug } from "@/lib/film.ts";

Deno.test("title from a release file name: words up to the year, the year apart", () => {
  assert.deepEqual(
    titleFromFileName("The.Grand.Budapest.Hotel.2014.1080p.BluRay.x264.mkv"),
    { title: "The Grand Budapest Hotel", year: 2014 },
  );
});

Deno.test("title from file names of many shapes", () => {
  const cases: [string, string, number | null][] = [
    ["Amélie (2001) [1080p].mkv", "Amélie", 2001],
    ["the_matrix_1999.mp4", "The Matrix", 1999],
    ["2001.A.Space.Odyssey.1968.720p.mkv", "2001 A Space Odyssey", 1968],
    ["1917.2019.2160p.UHD.BluRay.mkv", "1917", 2019],
    ["Charlotte's Web 2006.mp4", "Charlotte's Web", 2006],
    [
      "Spider-Man.Into.the.Spider-Verse.2018.WEB-DL.H.264-GROUP.mkv",
      "Spider-Man Into the Spider-Verse",
      2018,
    ],
    ["Heat.1995.REMASTERED.BDRip.x265-RARBG.mp4", "Heat", 1995],
    ["Paprika.EXTENDED.WEBRip.AAC5.1.mkv", "Paprika", null],
    ["My holiday film.webm", "My holiday film", null],
    ["Blade Runner 2049 (2017).mkv", "Blade Runner 2049", 2017],
    ["C:\\films\\Alien.1979.mkv", "Alien", 1979],
    ["/home/me/Alien.1979.mkv", "Alien", 1979],
  ];
  for (const [name, title, year] of cases) {
    assert.deepEqual(titleFromFileName(name), { title, year }, name);
  }
});

Deno.test("a name with no usable word falls back to the file name", () => {
  const guess = titleFromFileName("1080p.mkv");
  assert.equal(guess.title, "1080p");
});

const LIBRARY = [
  { slug: "the-grand-budapest-hotel-2014", title: "The Grand Budapest Hotel", year: 2014 },
  { slug: "grand-prix-1966", title: "Grand Prix", year: 1966 },
  { slug: "heat-1995", title: "Heat", year: 1995 },
  { slug: "amelie-2001", title: "Amélie", year: 2001 },
];

Deno.test("matchFilms: the same slug is the same film, first", () => {
  const [first] = matchFilms({ title: "The Grand Budapest Hotel", year: 2014 }, LIBRARY);
  assert.equal(first.film.slug, "the-grand-budapest-hotel-2014");
  assert.equal(first.same, true);
  assert.equal(filmSlug("The Grand Budapest Hotel", 2014), first.film.slug);
});

Deno.test("matchFilms: spellings that would make a second film are offered", () => {
  // No year, no article, no accent: different slugs, the same film to a person.
  const noYear = matchFilms({ title: "Grand Budapest Hotel", year: null }, LIBRARY);
  assert.equal(noYear[0].film.slug, "the-grand-budapest-hotel-2014");
  assert.equal(noYear[0].same, false);
  const accent = matchFilms({ title: "amelie", year: null }, LIBRARY);
  assert.equal(accent[0].film.slug, "amelie-2001");
  // A prefix of the title.
  const prefix = matchFilms({ title: "The Grand Budapest", year: 2014 }, LIBRARY);
  assert.equal(prefix[0].film.slug, "the-grand-budapest-hotel-2014");
});

Deno.test("matchFilms: unrelated titles and contradicting years are not offered first", () => {
  assert.deepEqual(matchFilms({ title: "Alien", year: 1979 }, LIBRARY), []);
  assert.deepEqual(matchFilms({ title: "", year: null }, LIBRARY), []);
  // "Heat" from 2024 is probably not the 1995 film: offered below an exact-year match.
  const heat = matchFilms({ title: "Heat", year: 2024 }, [
    ...LIBRARY,
    { slug: "heat-2024", title: "Heat", year: 2024 },
  ]);
  assert.equal(heat[0].film.slug, "heat-2024");
  assert.equal(heat[0].same, true);
  assert.ok(matchFilms({ title: "Grand", year: null }, LIBRARY).length <= 3);
});
