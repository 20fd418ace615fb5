import assert from "node:assert/strict";
import { genreMask, IMDB_GENRES, IMDB_PARSERS, MalformedRow, TitleIdSet } from "./imdb.ts";

const basics = (line: string) => IMDB_PARSERS["title.basics"](line.split("\t"));

Deno.test("title.basics: films and TV films are kept with their fields; \\N is null", () => {
  assert.deepEqual(
    basics("tt0133093\tmovie\tThe Matrix\tThe Matrix\t0\t1999\t\\N\t136\tAction,Sci-Fi"),
    {
      tconst: "tt0133093",
      titleType: "movie",
      primaryTitle: "The Matrix",
      originalTitle: "The Matrix",
      year: 1999,
      runtimeMinutes: 136,
      genres: ["Action", "Sci-Fi"],
    },
  );
  assert.deepEqual(basics("tt1\ttvMovie\tA\t\\N\t0\t\\N\t\\N\t\\N\t\\N"), {
    tconst: "tt1",
    titleType: "tvMovie",
    primaryTitle: "A",
    originalTitle: "A",
    year: null,
    runtimeMinutes: null,
    genres: [],
  });
});

Deno.test("title.basics: series, episodes, shorts, videos, games and adult titles are dropped", () => {
  for (const type of ["tvSeries", "tvEpisode", "short", "video", "videoGame", "tvSpecial"]) {
    assert.equal(basics(`tt1\t${type}\tA\tA\t0\t2000\t\\N\t90\tDrama`), null, type);
  }
  assert.equal(basics("tt1\tmovie\tA\tA\t1\t2000\t\\N\t90\tAdult"), null);
});

Deno.test("a row that breaks the format throws MalformedRow naming the column", () => {
  assert.throws(
    () => basics("tt1\tmovie\tA\tA\t0\t19x9\t\\N\t90\tDrama"),
    /startYear is not an integer: 19x9/,
  );
  assert.throws(() => basics("xx1\tmovie\tA\tA\t0\t1999\t\\N\t90\tDrama"), MalformedRow);
  assert.throws(
    () => basics("tt1\tmovie\t\\N\tA\t0\t1999\t\\N\t90\tDrama"),
    /primaryTitle is empty/,
  );
  const ratings = IMDB_PARSERS["title.ratings"];
  assert.deepEqual(ratings(["tt1", "7.3", "1200"]), { tconst: "tt1", rating: 7.3, votes: 1200 });
  assert.throws(() => ratings(["tt1", "0", "5"]), /averageRating is 0/);
  assert.throws(() => ratings(["tt1", "7", "-1"]), /numVotes is -1/);
  assert.throws(() => ratings(["tt1", "7", "1.5"]), /numVotes is 1.5/);
});

Deno.test("title.principals keeps directors and cast, with their characters", () => {
  const parse = IMDB_PARSERS["title.principals"];
  assert.deepEqual(parse(["tt1", "1", "nm2", "actor", "\\N", '["Neo","Thomas Anderson"]']), {
    tconst: "tt1",
    ordering: 1,
    nconst: "nm2",
    category: "actor",
    characters: ["Neo", "Thomas Anderson"],
  });
  assert.deepEqual(parse(["tt1", "4", "nm3", "director", "\\N", "\\N"])?.characters, []);
  assert.deepEqual(parse(["tt1", "5", "nm4", "self", "\\N", "Himself"])?.characters, ["Himself"]);
  for (const category of ["writer", "producer", "composer", "cinematographer", "editor"]) {
    assert.equal(parse(["tt1", "2", "nm2", category, "\\N", "\\N"]), null, category);
  }
});

Deno.test("name.basics and title.akas", () => {
  assert.deepEqual(
    IMDB_PARSERS["name.basics"](["nm1", "Fred Astaire", "1899", "1987", "actor", "tt1"]),
    { nconst: "nm1", name: "Fred Astaire" },
  );
  const aka = IMDB_PARSERS["title.akas"];
  assert.deepEqual(aka(["tt1", "3", "Le Titre", "CA", "fr", "imdbDisplay", "\\N", "0"]), {
    tconst: "tt1",
    ordering: 3,
    title: "Le Titre",
    region: "CA",
    language: "fr",
    isOriginal: false,
  });
  const original = aka(["tt1", "1", "Title", "\\N", "\\N", "original", "\\N", "1"])!;
  assert.equal(original.isOriginal, true);
  assert.equal(original.region, null);
  assert.equal(original.language, null);
});

Deno.test("genreMask sets one bit per known genre and ignores unknown ones", () => {
  assert.equal(genreMask([]), 0);
  assert.equal(genreMask(["Action"]), 1);
  assert.equal(genreMask(["Comedy", "Drama"]), (1 << 5) | (1 << 8));
  assert.equal(genreMask(["Comedy", "Cooking"]), genreMask(["Comedy"]));
  assert.equal(genreMask([...IMDB_GENRES]), 2 ** IMDB_GENRES.length - 1);
  assert.ok(IMDB_GENRES.length <= 31, "the mask must fit a 32-bit integer");
});

Deno.test("TitleIdSet tells every id form apart", () => {
  const ids = new TitleIdSet();
  for (const id of ["tt0000001", "tt10000001", "tt1", "tt00000001", "odd"]) ids.add(id);
  ids.add("tt0000001");
  assert.equal(ids.size, 5);
  for (const id of ["tt0000001", "tt10000001", "tt1", "tt00000001", "odd"]) {
    assert.ok(ids.has(id), id);
  }
  for (const id of ["tt0000002", "tt01", "tt0000010", "nm0000001", ""]) assert.ok(!ids.has(id), id);
});
