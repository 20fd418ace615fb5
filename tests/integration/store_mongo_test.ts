/**
 * The store contract on MongoDB, when `MONGODB_URI` names a server (CI's
 * `.github/workflows/mongo.yml` starts one). Each test gets a database of its own, dropped after.
 */
import assert from "node:assert/strict";
import { MongoClient } from "mongodb";
import { sampleMinutes } from "@/lib/demo/sample.ts";
import { filmSlug } from "@/lib/film.ts";
import { storeContract } from "@/lib/store/contract.ts";
import { openMongoStore } from "@/lib/store/mongo.ts";

const uri = Deno.env.get("MONGODB_URI")?.trim();
if (!uri && Deno.env.get("REELFEEL_REQUIRE_MONGO") === "1") {
  throw new Error("REELFEEL_REQUIRE_MONGO=1 but MONGODB_URI is not set");
}

storeContract({
  name: "mongodb",
  ignoreBecause: uri ? undefined : "MONGODB_URI is not set",
  // The driver keeps connection-pool timers between operations.
  sanitize: false,
  harness: () => {
    const names: string[] = [];
    const open = (dbName: string, hooks = {}) =>
      // A short lease, so that the crash tests' dead writers do not hold a finish for long.
      openMongoStore({ ...hooks, uri: uri!, dbName, writerLeaseMs: 2_000 });
    return {
      open(hooks) {
        names.push(`reelfeel_test_${crypto.randomUUID().replaceAll("-", "")}`);
        return open(names.at(-1)!, hooks);
      },
      reopen: (hooks) => open(names.at(-1)!, hooks),
      async cleanup() {
        const client = new MongoClient(uri!);
        try {
          for (const name of names) await client.db(name).dropDatabase();
        } finally {
          await client.close();
        }
      },
    };
  },
});

Deno.test({
  name: `mongodb: a film under a slug from before moves to its unique one, the old slug resolving${
    uri ? "" : " (ignored: MONGODB_URI is not set)"
  }`,
  ignore: !uri,
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async () => {
    // Short: a namespace (database, "audience.", an 80-byte slug) may be limited to 120 bytes.
    const dbName = `rf_${crypto.randomUUID().slice(0, 8)}`;
    const title =
      "The Extraordinary and Entirely True Story of the Man Who Walked to the Sea, Part One";
    // What slugs cut at 80 bytes made of it (and of Part Two).
    const old = "the-extraordinary-and-entirely-true-story-of-the-man-who-walked-to-the-sea-2004";
    const slug = filmSlug(title, 2004);
    const open = () => openMongoStore({ uri: uri!, dbName, writerLeaseMs: 2_000 });
    try {
      const before = await open();
      const id = "legacy0000000000000001";
      const now = new Date("2026-03-01T20:00:00.000Z");
      try {
        await before.upsertFilm(old, { title, year: 2004, durationSec: 600 }, now);
        await before.createViewing({ id, film: old, durationSec: 600, tokenHash: "0", now });
        for (const [seq, seconds] of sampleMinutes(1, 3).entries()) {
          await before.putMinute({ screeningId: id, seq, seconds, now });
        }
        await before.finishViewing(id, now);
      } finally {
        await before.close();
      }
      // Opening again moves the film (once: a third open finds nothing to do).
      for (let round = 0; round < 2; round++) {
        const store = await open();
        try {
          const film = (await store.getFilm(slug))!;
          assert.equal(film.slug, slug);
          assert.equal(film.stats.viewings, 1);
          assert.deepEqual(await store.getFilm(old), film);
          assert.equal((await store.getViewing(id))!.film, slug);
          assert.equal((await store.listMinutes(id))!.length, 3);
          assert.equal((await store.readAudience(slug)).length, 180);
          assert.deepEqual(await store.readAudience(old), []);
          assert.deepEqual(await store.formerSlugs(), [{ slug: old, film: slug }]);
        } finally {
          await store.close();
        }
      }
    } finally {
      const client = new MongoClient(uri!);
      try {
        await client.db(dbName).dropDatabase();
      } finally {
        await client.close();
      }
    }
  },
});
