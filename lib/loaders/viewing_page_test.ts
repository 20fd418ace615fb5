import assert from "node:assert/strict";
import { PERSONAL } from "@/lib/viewers/config.ts";
import { sampleSeconds } from "@/lib/demo/sample.ts";
import { seedViewing } from "@/lib/demo/seed.ts";
import { openMemoryStore } from "@/lib/store/open.ts";
import { countingCalls } from "@/tests/helpers/counting_store.ts";
import { loadViewingPage } from "./viewing_page.ts";

const FILM = { title: "Small Hours", year: 2022, durationSec: 6060 };

Deno.test("a finished viewing's page has its summary without the per-second series", async () => {
  const store = openMemoryStore();
  const seeded = await seedViewing(store, FILM, sampleSeconds(1, 0, 150));
  const page = (await loadViewingPage(store, PERSONAL, seeded.id))!;
  assert.equal(page.screening.id, seeded.id);
  assert.equal(page.screening.state, "finished");
  assert.deepEqual(page.film, { slug: "small-hours-2022", title: "Small Hours", year: 2022 });
  assert.equal(page.recordedSec, 150);
  const stored = (await store.getViewing(seeded.id))!.summary!;
  assert.equal(page.finished!.summary.rating, stored.rating);
  assert.ok(!("perSecond" in page.finished!.summary), "the page carries no per-second series");
  assert.equal(page.finished!.minutes.length, 3, "150 seconds watched: three minute rows");
});

Deno.test("a viewing still recording has no summary yet; an unknown id is null", async () => {
  const store = openMemoryStore();
  const seeded = await seedViewing(store, FILM, sampleSeconds(2, 0, 90), { finish: false });
  const page = (await loadViewingPage(store, PERSONAL, seeded.id))!;
  assert.equal(page.screening.state, "recording");
  assert.equal(page.recordedSec, 90);
  assert.equal(page.finished, null);
  assert.equal(await loadViewingPage(store, PERSONAL, "AAAAAAAAAAAAAAAAAAAAAA"), null);
  assert.equal(await loadViewingPage(store, PERSONAL, "not an id"), null);
});

Deno.test("a finished viewing's page reads its film once, for its title and its reference", async () => {
  const store = openMemoryStore();
  const seeded = await seedViewing(store, FILM, sampleSeconds(3, 0, 120));
  const calls: string[] = [];
  const page = (await loadViewingPage(countingCalls(store, calls), PERSONAL, seeded.id))!;
  assert.equal(page.film.title, "Small Hours");
  assert.ok(page.finished!.reference, "the reference is there");
  assert.equal(calls.filter((name) => name === "getFilm").length, 1, calls.join(", "));
});
