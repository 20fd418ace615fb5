import assert from "node:assert/strict";
import { PERSONAL } from "@/lib/viewers/config.ts";
import { sampleSeconds } from "@/lib/demo/sample.ts";
import { seedViewing } from "@/lib/demo/seed.ts";
import { openMemoryStore } from "@/lib/store/open.ts";
import { countingCalls } from "@/tests/helpers/counting_store.ts";
import { FILMS_PER_PAGE, loadLibraryPage, pageNumber, RECENT_VIEWINGS } from "./library_page.ts";

Deno.test("an empty library has no films and no recent viewings", async () => {
  const page = await loadLibraryPage(openMemoryStore(), PERSONAL);
  assert.equal(page.overview.films, 0);
  assert.deepEqual(page.recent, []);
});

Deno.test("the library: every film with its totals, and the latest viewings with their titles", async () => {
  const store = openMemoryStore();
  const start = Date.UTC(2026, 2, 1);
  const films = [
    { title: "Ran", year: 1985, durationSec: 9720 },
    { title: "Stalker", year: 1979, durationSec: 9720 },
  ];
  for (let k = 0; k < RECENT_VIEWINGS + 2; k++) {
    await seedViewing(store, films[k % 2], sampleSeconds(k, 0, 60), {
      startedAt: new Date(start + k * 60 * 60 * 1000),
    });
  }
  const page = await loadLibraryPage(store, PERSONAL);
  assert.equal(page.overview.films, 2);
  assert.deepEqual(page.cards.map((card) => card.film.title).sort(), ["Ran", "Stalker"]);
  assert.equal(page.overview.viewings, RECENT_VIEWINGS + 2);
  assert.equal(page.overview.watchSec, (RECENT_VIEWINGS + 2) * 60);
  assert.equal(page.recent.length, RECENT_VIEWINGS);
  // Newest first: the last one seeded was the 12th, of films[1].
  assert.equal(page.recent[0].title, "Stalker");
  assert.equal(page.recent[1].title, "Ran");
  assert.ok(page.recent.every((v, i) => i === 0 || v.startedAt <= page.recent[i - 1].startedAt));
});

Deno.test("the library pages its films; each card has a poster from its audience", async () => {
  const store = openMemoryStore();
  const start = Date.UTC(2026, 2, 1);
  const count = FILMS_PER_PAGE + 3;
  for (let k = 0; k < count; k++) {
    await seedViewing(
      store,
      { title: `Film ${k}`, year: 2000, durationSec: 120 },
      sampleSeconds(k, 0, 60),
      {
        startedAt: new Date(start + k * 60 * 1000),
      },
    );
  }
  const first = await loadLibraryPage(store, PERSONAL);
  assert.deepEqual([first.page, first.pages, first.cards.length], [1, 2, FILMS_PER_PAGE]);
  assert.deepEqual(first.cards.map((c) => c.rank), first.cards.map((_, k) => k + 1));
  // 120-s films (four 30-s blocks) watched 60 s: the last two columns were never watched.
  const poster = first.cards[0].poster!;
  assert.equal(poster.columns.length, 4);
  assert.deepEqual(poster.columns.map((c) => c === null), [false, false, true, true]);
  const second = await loadLibraryPage(store, PERSONAL, { page: 2 });
  assert.deepEqual([second.page, second.cards.length, second.cards[0].rank], [
    2,
    3,
    FILMS_PER_PAGE + 1,
  ]);
  // Past the last page: the last page.
  assert.equal((await loadLibraryPage(store, PERSONAL, { page: 9 })).page, 2);
  assert.deepEqual([pageNumber("2"), pageNumber("0"), pageNumber("x"), pageNumber(null)], [
    2,
    1,
    1,
    1,
  ]);
  assert.equal(first.histogram.reduce((a, b) => a + b, 0), count);
});

Deno.test("a library page is kept while the store is unchanged, and made again after any write", async () => {
  const store = openMemoryStore();
  const film = { title: "Ran", year: 1985, durationSec: 9720 };
  await seedViewing(store, film, sampleSeconds(1, 0, 60), { startedAt: new Date(0) });
  const reads: string[] = [];
  const counting = countingCalls(store, reads);
  const first = await loadLibraryPage(counting, PERSONAL);
  reads.length = 0;
  assert.equal(await loadLibraryPage(counting, PERSONAL), first);
  assert.deepEqual(reads, ["changeMark"], "only the mark is read");
  await seedViewing(store, film, sampleSeconds(2, 0, 60), { startedAt: new Date(60_000) });
  const after = await loadLibraryPage(counting, PERSONAL);
  assert.equal(after.overview.viewings, first.overview.viewings + 1);
  // Another page number is a page of its own.
  assert.notEqual(await loadLibraryPage(counting, PERSONAL, { page: 2 }), after);
});
