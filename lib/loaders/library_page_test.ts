import assert from "node:assert/strict";
import { PERSONAL } from "@/lib/viewers/config.ts";
import { sampleSeconds } from "@/lib/demo/sample.ts";
import { seedViewing } from "@/lib/demo/seed.ts";
import { openMemoryStore } from "@/lib/store/open.ts";
import { loadLibraryPage, RECENT_VIEWINGS } from "./library_page.ts";

Deno.test("an empty library has no films and no recent viewings", async () => {
  const page = await loadLibraryPage(openMemoryStore(), PERSONAL);
  assert.deepEqual(page.overview.films, []);
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
  assert.deepEqual(page.overview.films.map((f) => f.title).sort(), ["Ran", "Stalker"]);
  assert.equal(page.overview.viewings, RECENT_VIEWINGS + 2);
  assert.equal(page.overview.watchSec, (RECENT_VIEWINGS + 2) * 60);
  assert.equal(page.recent.length, RECENT_VIEWINGS);
  // Newest first: the last one seeded was the 12th, of films[1].
  assert.equal(page.recent[0].title, "Stalker");
  assert.equal(page.recent[1].title, "Ran");
  assert.ok(page.recent.every((v, i) => i === 0 || v.startedAt <= page.recent[i - 1].startedAt));
});
