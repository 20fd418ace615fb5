/**
 * The catalog port's contract: one suite of tests that every adapter must pass (SQLite in
 * memory, SQLite on a file, MongoDB when MONGODB_URI is set). Each case opens a fresh, empty
 * catalog with `open` and disposes of it after.
 */
import assert from "node:assert/strict";
import type { FileProgress, ImportBatch } from "./port.ts";
import type { CatalogPort } from "./port.ts";
import type { TitleRow } from "./imdb.ts";
import { nameKey, titleKey } from "./normalize.ts";
import { weightedRating } from "./ranking.ts";

/**
 * Server features some cases need beyond plain reads and writes: MongoDB's update with an
 * aggregation pipeline (`refreshScores`) and its `$lookup` stage (`recommend` by language).
 */
export type CatalogFeature = "update-pipeline" | "lookup";

export interface ContractTarget {
  /** A fresh, empty catalog, and how to dispose of it. */
  open(): Promise<{ catalog: CatalogPort; dispose(): Promise<void> }>;
  /** Registers the cases as ignored (e.g. no MongoDB to test against). */
  ignore?: boolean;
  /**
   * Features the server lacks, each with the reason: the cases that need one are registered as
   * ignored, saying why (a MongoDB-compatible test server may lack what MongoDB has).
   */
  lacks?: Partial<Record<CatalogFeature, string>>;
}

function title(
  tconst: string,
  primaryTitle: string,
  year: number | null,
  genres: string[],
  extra: Partial<TitleRow> = {},
): TitleRow {
  return {
    tconst,
    titleType: "movie",
    primaryTitle,
    originalTitle: primaryTitle,
    year,
    runtimeMinutes: 100,
    genres,
    ...extra,
  };
}

const TITLES: TitleRow[] = [
  title("tt0000001", "The Comedy Hour", 2001, ["Comedy"]),
  title("tt0000002", "Sad Songs", 1999, ["Drama", "Music"]),
  title("tt0000003", "Laugh Riot", 2010, ["Comedy", "Horror"]),
  title("tt0000004", "Tiny Gem", 2020, ["Comedy", "Family"]),
  title("tt0000005", "Blockbuster", 2015, ["Action", "Comedy"], { titleType: "tvMovie" }),
  title("tt0000006", "Unrated Comedy", 2024, ["Comedy"]),
  title("tt0000007", "Le Rire", 1980, ["Comedy"], { originalTitle: "Le Rire de Minuit" }),
  title("tt10000008", "Sad Songs II", 2005, ["Drama"]),
];

const RATINGS = [
  { tconst: "tt0000001", rating: 7.5, votes: 100_000 },
  { tconst: "tt0000002", rating: 8.0, votes: 50_000 },
  { tconst: "tt0000003", rating: 8.8, votes: 900_000 },
  { tconst: "tt0000004", rating: 9.8, votes: 20 },
  { tconst: "tt0000005", rating: 6.0, votes: 2_000_000 },
  { tconst: "tt0000007", rating: 7.9, votes: 30_000 },
  { tconst: "tt10000008", rating: 6.5, votes: 1_000 },
];

function progress(file: FileProgress["file"], lines: number, done = false): FileProgress {
  return { file, lines, kept: lines, malformed: 0, done, size: 1234, mtimeMs: 1_700_000_000_000 };
}

/**
 * Writes the suite's sample catalog through the port, as the importer would (without
 * `refreshScores`: the cases about scores call it).
 */
async function fill(catalog: CatalogPort): Promise<void> {
  const write = (batch: ImportBatch, lines: number) =>
    catalog.writeBatch(batch, progress(batch.file, lines, true));
  await write({ file: "title.basics", rows: TITLES }, TITLES.length);
  await write({ file: "title.ratings", rows: RATINGS }, RATINGS.length);
  await write({
    file: "title.principals",
    rows: [
      {
        tconst: "tt0000001",
        ordering: 1,
        nconst: "nm0000001",
        category: "actor",
        characters: ["Joe"],
      },
      {
        tconst: "tt0000001",
        ordering: 2,
        nconst: "nm0000002",
        category: "actress",
        characters: [],
      },
      {
        tconst: "tt0000001",
        ordering: 3,
        nconst: "nm0000009",
        category: "director",
        characters: [],
      },
      {
        tconst: "tt0000003",
        ordering: 1,
        nconst: "nm0000002",
        category: "actress",
        characters: ["Ann", "Bea"],
      },
      { tconst: "tt0000005", ordering: 1, nconst: "nm0000003", category: "actor", characters: [] },
      { tconst: "tt0000002", ordering: 1, nconst: "nm0000004", category: "actor", characters: [] },
      ...[1, 2, 3, 4, 5, 6, 7].map((i) => ({
        tconst: "tt0000002",
        ordering: i + 1,
        nconst: `nm000010${i}`,
        category: "actress" as const,
        characters: [`Role ${i}`],
      })),
    ],
  }, 20);
  await write({
    file: "name.basics",
    rows: [
      { nconst: "nm0000001", name: "Joe Funny" },
      { nconst: "nm0000002", name: "Zoë Smith" },
      { nconst: "nm0000003", name: "Zoe Smith" },
      { nconst: "nm0000004", name: "Sad Sam" },
      { nconst: "nm0000009", name: "Dee Rector" },
      { nconst: "nm0000999", name: "Never Credited" },
      ...[1, 2, 3, 4, 5, 6, 7].map((i) => ({ nconst: `nm000010${i}`, name: `Extra ${i}` })),
    ],
  }, 14);
  await write({
    file: "title.akas",
    rows: [
      {
        tconst: "tt0000001",
        ordering: 1,
        title: "L'Heure comique",
        region: "CA",
        language: "fr",
        isOriginal: false,
      },
      {
        tconst: "tt0000001",
        ordering: 2,
        title: "Die Komödienstunde",
        region: "DE",
        language: null,
        isOriginal: false,
      },
      {
        tconst: "tt0000003",
        ordering: 1,
        title: "Risas",
        region: "ES",
        language: "es",
        isOriginal: false,
      },
      {
        tconst: "tt0000007",
        ordering: 1,
        title: "Midnight Laughter",
        region: "XWW",
        language: "en",
        isOriginal: false,
      },
    ],
  }, 4);
}

/** Registers the contract cases for one adapter. */
export function catalogContract(name: string, target: ContractTarget): void {
  const test = (
    what: string,
    fn: (catalog: CatalogPort) => Promise<void>,
    { needs = [] }: { needs?: CatalogFeature[] } = {},
  ) => {
    const lacking = needs.flatMap((feature) => target.lacks?.[feature] ?? []);
    Deno.test({
      name: `catalog contract (${name}): ${what}` +
        (lacking.length > 0 && !target.ignore ? ` (ignored: ${lacking.join("; ")})` : ""),
      ignore: target.ignore || lacking.length > 0,
      sanitizeResources: false,
      sanitizeOps: false,
      async fn() {
        const { catalog, dispose } = await target.open();
        try {
          await fn(catalog);
        } finally {
          await dispose();
        }
      },
    });
  };

  test("a new catalog is empty and has no import progress", async (catalog) => {
    assert.equal(await catalog.isEmpty(), true);
    assert.deepEqual(await catalog.importProgress(), []);
    assert.deepEqual(await catalog.counts(), {
      titles: 0,
      rated: 0,
      people: 0,
      principals: 0,
      akas: 0,
      meanRating: null,
    });
    assert.deepEqual(await catalog.recommend({ genres: ["Comedy"], avoid: [], limit: 5 }), []);
    assert.equal(await catalog.title("tt0000001"), null);
    assert.equal(await catalog.refreshScores(), null);
  });

  test("a batch is written with its file's progress, and writing it again changes nothing", async (catalog) => {
    const batch: ImportBatch = { file: "title.basics", rows: TITLES.slice(0, 3) };
    await catalog.writeBatch(batch, progress("title.basics", 3));
    assert.deepEqual(await catalog.importProgress(), [progress("title.basics", 3)]);
    await catalog.writeBatch(batch, progress("title.basics", 3));
    assert.equal((await catalog.counts()).titles, 3);
    assert.equal(await catalog.isEmpty(), false);
    await catalog.writeBatch({ file: "title.basics", rows: [] }, progress("title.basics", 9, true));
    assert.deepEqual(await catalog.importProgress(), [progress("title.basics", 9, true)]);
    await catalog.writeBatch({ file: "title.ratings", rows: [] }, progress("title.ratings", 1));
    await catalog.resetImportProgress(["title.basics"]);
    assert.deepEqual((await catalog.importProgress()).map((p) => p.file), ["title.ratings"]);
    assert.equal((await catalog.counts()).titles, 3, "forgetting progress keeps the rows");
  });

  test("an upsert replaces a title's fields and keeps its rating", async (catalog) => {
    await fill(catalog);
    const renamed = { ...TITLES[0], primaryTitle: "The Comedy Hour (Redux)", genres: ["Drama"] };
    await catalog.writeBatch(
      { file: "title.basics", rows: [renamed] },
      progress("title.basics", 1),
    );
    const card = (await catalog.title("tt0000001"))!;
    assert.equal(card.title, "The Comedy Hour (Redux)");
    assert.deepEqual(card.genres, ["Drama"]);
    assert.equal(card.rating, 7.5);
    assert.equal(card.votes, 100_000);
  });

  test("titleIds lists every title, whatever its id's form", async (catalog) => {
    await fill(catalog);
    const ids: string[] = [];
    for await (const id of catalog.titleIds()) ids.push(id);
    assert.deepEqual(ids.sort(), TITLES.map((t) => t.tconst).sort());
  });

  test(
    "refreshScores computes C and IMDb's weighted rating for every rated title",
    async (catalog) => {
      await fill(catalog);
      await catalog.refreshScores();
      const mean = RATINGS.reduce((s, r) => s + r.rating, 0) / RATINGS.length;
      const counts = await catalog.counts();
      assert.ok(Math.abs(counts.meanRating! - mean) < 1e-9);
      assert.equal(counts.rated, RATINGS.length);
      for (const r of RATINGS) {
        const card = (await catalog.title(r.tconst))!;
        assert.ok(
          Math.abs(card.weightedRating! - weightedRating(r.rating, r.votes, mean)) < 1e-9,
          `${r.tconst}: ${card.weightedRating}`,
        );
      }
      const unrated = (await catalog.title("tt0000006"))!;
      assert.equal(unrated.rating, null);
      assert.equal(unrated.votes, 0);
      assert.equal(unrated.weightedRating, null);
    },
    { needs: ["update-pipeline"] },
  );

  test("a card carries directors, cast in billing order (at most five) and characters", async (catalog) => {
    await fill(catalog);
    const card = (await catalog.title("tt0000001"))!;
    assert.deepEqual(card, {
      tconst: "tt0000001",
      titleType: "movie",
      title: "The Comedy Hour",
      originalTitle: "The Comedy Hour",
      year: 2001,
      runtimeMinutes: 100,
      genres: ["Comedy"],
      rating: 7.5,
      votes: 100_000,
      weightedRating: card.weightedRating,
      directors: [{ nconst: "nm0000009", name: "Dee Rector" }],
      cast: [
        { nconst: "nm0000001", name: "Joe Funny", characters: ["Joe"] },
        { nconst: "nm0000002", name: "Zoë Smith", characters: [] },
      ],
    });
    const many = (await catalog.title("tt0000002"))!;
    assert.deepEqual(many.cast.map((c) => c.name), [
      "Sad Sam",
      "Extra 1",
      "Extra 2",
      "Extra 3",
      "Extra 4",
    ]);
    assert.equal((await catalog.title("tt0000005"))!.titleType, "tvMovie");
    assert.deepEqual(
      (await catalog.titles(["tt0000003", "tt9999999", "tt0000001"])).map((t) => t.tconst),
      ["tt0000003", "tt0000001"],
    );
  });

  test("only people credited in the imported principals are kept", async (catalog) => {
    await fill(catalog);
    const counts = await catalog.counts();
    assert.equal(counts.people, 12);
    assert.equal(counts.principals, 13);
    assert.equal(counts.akas, 4);
  });

  test("findTitles matches primary, original and alternative titles, exact before prefix", async (catalog) => {
    await fill(catalog);
    const ids = async (query: string) =>
      (await catalog.findTitles(titleKey(query), 10)).map((m) => m.tconst);
    assert.deepEqual(await ids("Sad Songs"), ["tt0000002", "tt10000008"]);
    assert.deepEqual(await ids("the comedy hour"), ["tt0000001"]);
    assert.deepEqual(await ids("Comedy"), ["tt0000001"], "prefix of a key without its article");
    assert.deepEqual(await ids("L’heure comique"), ["tt0000001"], "an aka, accents folded");
    assert.deepEqual(await ids("Le Rire de Minuit"), ["tt0000007"], "the original title");
    assert.deepEqual(await ids("midnight laughter"), ["tt0000007"]);
    assert.deepEqual(await ids("nothing like this"), []);
    const [match] = await catalog.findTitles(titleKey("Sad Songs"), 1);
    assert.deepEqual(match, {
      tconst: "tt0000002",
      title: "Sad Songs",
      originalTitle: "Sad Songs",
      year: 1999,
      titleType: "movie",
      rating: 8.0,
      votes: 50_000,
      keys: ["sad songs"],
    });
    // Prefix matches come most voted first, and the limit holds.
    assert.deepEqual(
      (await catalog.findTitles("l", 2)).map((m) => m.tconst),
      ["tt0000003", "tt0000001"],
    );
  });

  test(
    "recommend keeps any wanted genre, none avoided, rated only, by weighted rating",
    async (catalog) => {
      await fill(catalog);
      await catalog.refreshScores();
      const ids = async (genres: string[], avoid: string[] = [], limit = 10) =>
        (await catalog.recommend({ genres, avoid, limit })).map((t) => t.tconst);
      // Laugh Riot (8.8, 900k votes) beats Tiny Gem (9.8 from 20 votes), which sinks to about
      // C (7.79); an unrated comedy is left out.
      assert.deepEqual(await ids(["Comedy"]), [
        "tt0000003",
        "tt0000007",
        "tt0000004",
        "tt0000001",
        "tt0000005",
      ]);
      assert.deepEqual(await ids(["Comedy"], ["Horror", "Action"]), [
        "tt0000007",
        "tt0000004",
        "tt0000001",
      ]);
      assert.deepEqual(await ids(["Family", "Music"]), ["tt0000002", "tt0000004"]);
      assert.deepEqual(await ids(["Comedy"], [], 2), ["tt0000003", "tt0000007"]);
      assert.deepEqual(await ids(["Western"]), []);
      const [first] = await catalog.recommend({ genres: ["Drama"], avoid: [], limit: 1 });
      assert.equal(first.directors.length + first.cast.length > 0, true, "results are full cards");
    },
    { needs: ["update-pipeline"] },
  );

  test("recommend filters by a title language and by a cast member's name key", async (catalog) => {
    await fill(catalog);
    await catalog.refreshScores();
    const ids = async (q: { language?: string; actorKey?: string; avoid?: string[] }) =>
      (await catalog.recommend({
        genres: ["Comedy", "Drama"],
        avoid: q.avoid ?? [],
        limit: 10,
        ...q,
      }))
        .map((t) => t.tconst);
    assert.deepEqual(await ids({ language: "fr" }), ["tt0000001"]);
    assert.deepEqual(await ids({ language: "es" }), ["tt0000003"]);
    assert.deepEqual(await ids({ language: "en" }), ["tt0000007"]);
    assert.deepEqual(await ids({ language: "de" }), [], "a region is not a language");
    // "Zoë Smith" and "Zoe Smith" are two people with the same name key: both count.
    assert.deepEqual(await ids({ actorKey: nameKey("ZOE SMITH") }), [
      "tt0000003",
      "tt0000001",
      "tt0000005",
    ]);
    assert.deepEqual(await ids({ actorKey: nameKey("zoe smith"), avoid: ["Horror"] }), [
      "tt0000001",
      "tt0000005",
    ]);
    assert.deepEqual(await ids({ actorKey: nameKey("Dee Rector") }), [], "directors are not cast");
    assert.deepEqual(await ids({ actorKey: nameKey("Zoë Smith"), language: "fr" }), ["tt0000001"]);
    assert.deepEqual(await ids({ actorKey: nameKey("Nobody At All") }), []);
  }, { needs: ["update-pipeline", "lookup"] });

  test("a film link is set, replaced and read back", async (catalog) => {
    assert.equal(await catalog.filmLink("my-film"), null);
    await catalog.linkFilm("my-film", "tt0000001");
    assert.equal(await catalog.filmLink("my-film"), "tt0000001");
    await catalog.linkFilm("my-film", "tt0000002");
    assert.equal(await catalog.filmLink("my-film"), "tt0000002");
    assert.equal(await catalog.filmLink("other-film"), null);
  });

  test("link proposals: one per viewer and film, counted per title, dropped by any field", async (catalog) => {
    assert.deepEqual(await catalog.filmLinkProposals("my-film"), []);
    await catalog.proposeFilmLink("my-film", "tt0000002", "viewer-a");
    await catalog.proposeFilmLink("my-film", "tt0000001", "viewer-b");
    await catalog.proposeFilmLink("my-film", "tt0000001", "viewer-c");
    await catalog.proposeFilmLink("other-film", "tt0000003", "viewer-a");
    // B and C agree on tt0000001 (2 viewers), A alone on tt0000002.
    assert.deepEqual(await catalog.filmLinkProposals("my-film"), [
      { tconst: "tt0000001", viewers: 2 },
      { tconst: "tt0000002", viewers: 1 },
    ]);
    // A changes its mind: its proposal is replaced, not added.
    await catalog.proposeFilmLink("my-film", "tt0000001", "viewer-a");
    assert.deepEqual(await catalog.filmLinkProposals("my-film"), [
      { tconst: "tt0000001", viewers: 3 },
    ]);
    await catalog.dropFilmLinkProposals({ viewer: "viewer-a" });
    assert.deepEqual(await catalog.filmLinkProposals("my-film"), [
      { tconst: "tt0000001", viewers: 2 },
    ]);
    assert.deepEqual(await catalog.filmLinkProposals("other-film"), [], "A's everywhere");
    await catalog.proposeFilmLink("other-film", "tt0000003", "viewer-b");
    await catalog.dropFilmLinkProposals({ slug: "my-film", tconst: "tt0000001" });
    assert.deepEqual(await catalog.filmLinkProposals("my-film"), []);
    assert.deepEqual(await catalog.filmLinkProposals("other-film"), [
      { tconst: "tt0000003", viewers: 1 },
    ], "another film's stay");
  });
}
