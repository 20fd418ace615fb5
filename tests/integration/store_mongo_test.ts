/**
 * The store contract on MongoDB, when `MONGODB_URI` names a server (`.ci/run` starts FerretDB,
 * `.github/workflows/mongo.yml` a `mongo:8`), and what the MongoDB adapter alone must show:
 * its film lock and fencing, and a re-open racing a stalled finish. Each test gets a database
 * of its own, dropped after.
 */
import assert from "node:assert/strict";
import { BSON, MongoClient } from "mongodb";
import { applyAudienceShare, audienceShare } from "@/lib/rating/mod.ts";
import { type AudienceSecond, canonicalSeconds, type RecordedSecond } from "@/lib/recording.ts";
import { filmSlug } from "@/lib/film.ts";
import { storeContract } from "@/lib/store/contract.ts";
import { openMongoStore } from "@/lib/store/mongo.ts";
import { MINUTE_BYTES_BUDGET, type Store, storedByteLength } from "@/lib/store/port.ts";
import { sampleMinutes, sampleSeconds } from "@/lib/demo/sample.ts";
import { dropDatabases, mongoTestUri, testDatabaseName } from "@/tests/helpers/mongo.ts";

const uri = mongoTestUri();

storeContract({
  name: "mongodb",
  ignoreBecause: uri ? undefined : "MONGODB_URI is not set",
  // The driver keeps connection-pool timers between operations.
  sanitize: false,
  harness: () => {
    const names: string[] = [];
    const open = (dbName: string, hooks = {}) =>
      // A short lease, so that the crash tests' dead writers and locks do not hold a finish long.
      openMongoStore({ ...hooks, uri: uri!, dbName, leaseMs: 2_000 });
    return {
      open(hooks) {
        names.push(testDatabaseName());
        return open(names.at(-1)!, hooks);
      },
      reopen: (hooks) => open(names.at(-1)!, hooks),
      cleanup: () => dropDatabases(uri!, names),
    };
  },
});

// MongoDB-only behaviour beyond the contract: what the film's lock, fencing and generations
// guarantee.

const T0 = new Date("2026-03-01T20:00:00.000Z");
const hash = "0".repeat(64);
let ids = 0;
/** Ids shaped like real ones (22 characters), unique within the process. */
const newId = () => `mongotest${String(++ids).padStart(5, "0")}${"x".repeat(8)}`;

function mongoTest(name: string, fn: (dbName: string) => Promise<void>) {
  Deno.test({
    name: `mongodb store: ${name}${uri ? "" : " (ignored: MONGODB_URI is not set)"}`,
    ignore: !uri,
    sanitizeOps: false,
    sanitizeResources: false,
    async fn() {
      const dbName = testDatabaseName();
      try {
        await fn(dbName);
      } finally {
        await dropDatabases(uri!, [dbName]);
      }
    },
  });
}

/** A recording screening of `slug` holding `minutes`. */
async function recorded(store: Store, slug: string, minutes: RecordedSecond[][]) {
  const id = newId();
  await store.createViewing({ id, film: slug, durationSec: 600, tokenHash: hash, now: T0 });
  for (const [seq, seconds] of minutes.entries()) {
    assert.equal(await store.putMinute({ screeningId: id, seq, seconds, now: T0 }), "created");
  }
  return id;
}

function expectedAudience(viewings: RecordedSecond[][][]): AudienceSecond[] {
  return viewings.reduce<AudienceSecond[]>(
    (sum, minutes) => applyAudienceShare(sum, audienceShare(minutes.flat()), 1),
    [],
  );
}

mongoTest(
  "an instance stalled past its lease is taken over, and its late writes are refused",
  async (dbName) => {
    const film = { title: "Stall", year: null, durationSec: 600 };
    const [x, y] = [sampleMinutes(60, 10), sampleMinutes(61, 10)];
    let release = () => {};
    const stall = new Promise<void>((resolve) => release = resolve);
    const { promise: stalled, resolve: reached } = Promise.withResolvers<void>();
    let stalls = 1;
    // A pauses once it has added half of X's buckets, just after renewing its lease.
    const a = await openMongoStore({
      uri: uri!,
      dbName,
      leaseMs: 300,
      step: (name) => {
        if (name !== "finish:audience-half" || stalls-- <= 0) return;
        reached();
        return stall;
      },
    });
    const b = await openMongoStore({ uri: uri!, dbName, leaseMs: 300 });
    try {
      await a.upsertFilm("stall", film, T0);
      const xId = await recorded(a, "stall", x);
      const yId = await recorded(a, "stall", y);
      const finishing = a.finishViewing(xId, T0);
      await stalled;
      // B waits out A's lease, completes X where A left it, then adds Y over the same buckets.
      assert.equal((await b.finishViewing(xId, T0))!.state, "finished");
      assert.equal((await b.finishViewing(yId, T0))!.state, "finished");
      // A wakes up and writes X's second half with its old token: every bucket refuses it.
      release();
      assert.equal((await finishing)!.state, "finished");
      assert.deepEqual(await b.readAudience("stall"), expectedAudience([x, y]));
      const stats = (await b.getFilm("stall"))!.stats;
      assert.equal(stats.viewings, 2);
      assert.equal(stats.watchSec, 1200);
    } finally {
      release();
      await a.close();
      await b.close();
    }
  },
);

mongoTest(
  "the film's and its audience's documents do not grow with its viewings",
  async (dbName) => {
    // A list of the viewings applied, kept in each of these documents, would add about 40 bytes
    // a viewing and reach MongoDB's 16 MB document limit at about 400,000 viewings of one film.
    const store = await openMongoStore({ uri: uri!, dbName });
    const client = new MongoClient(uri!);
    try {
      const db = client.db(dbName);
      const film = { title: "Popular", year: null, durationSec: 120 };
      await store.upsertFilm("popular", film, T0);
      // One recording, so that every sum keeps its BSON type (int32 or double) from the first.
      const minutes = sampleMinutes(70, 2);
      const view = async () => {
        const id = await recorded(store, "popular", minutes);
        assert.equal((await store.finishViewing(id, T0))!.state, "finished");
        return id;
      };
      const sizes = async () => ({
        film: BSON.calculateObjectSize(
          (await db.collection<{ _id: string }>("films").findOne({ _id: "popular" }))!,
        ),
        buckets: (await db.collection("audience.popular").find().sort({ _id: 1 }).toArray())
          .map((doc) => BSON.calculateObjectSize(doc)),
      });
      const viewings = [await view()];
      const afterOne = await sizes();
      assert.equal(afterOne.buckets.length, 2);
      for (let i = 1; i < 12; i++) viewings.push(await view());
      assert.equal((await store.getFilm("popular"))!.stats.viewings, 12);
      assert.deepEqual(await sizes(), afterOne, "12 viewings take the room of one");
      for (const id of viewings.slice(0, 4)) assert.equal(await store.deleteViewing(id), true);
      assert.equal((await store.getFilm("popular"))!.stats.viewings, 8);
      assert.deepEqual(
        await store.readAudience("popular"),
        expectedAudience(Array(8).fill(minutes)),
      );
      assert.deepEqual(await sizes(), afterOne, "deleting leaves no tombstone behind");
    } finally {
      await store.close();
      await client.close();
    }
  },
);

mongoTest(
  "a sweep's finish that stalls while its viewing is re-opened and finished again stores nothing of it",
  async (dbName) => {
    const film = { title: "Late", year: null, durationSec: 600 };
    const [m0, m1, m2] = sampleMinutes(80, 3);
    const after = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
    const pause = (at: string) => {
      let armed = false;
      let release = () => {};
      const stall = new Promise<void>((resolve) => release = resolve);
      const { promise: reached, resolve: reach } = Promise.withResolvers<void>();
      const step = (name: string) => {
        if (!armed || name !== at) return;
        armed = false;
        reach();
        return stall;
      };
      return { step, reached, release, arm: () => armed = true };
    };
    // A (the sweep) pauses with the effect of the first two minutes computed, not yet stored.
    const sweep = pause("finish:computed");
    // B (the viewer's page) pauses its finish of the re-opened viewing just after the freeze.
    const page = pause("finish:frozen");
    const a = await openMongoStore({ uri: uri!, dbName, leaseMs: 2_000, step: sweep.step });
    const b = await openMongoStore({ uri: uri!, dbName, leaseMs: 2_000, step: page.step });
    try {
      await a.upsertFilm("late", film, T0);
      const id = await recorded(a, "late", [m0, m1]);
      sweep.arm();
      const sweeping = a.finishIdleViewings(after(40));
      await sweep.reached;
      // The laptop wakes: its late minute completes the sweep's finish, then re-opens it.
      const late = await b.putMinute({ screeningId: id, seq: 2, seconds: m2, now: after(50) });
      assert.equal(late, "created");
      page.arm();
      const finishing = b.finishViewing(id, after(51));
      await page.reached;
      // A wakes with two minutes' effect: the viewing, finishing again with three, refuses it.
      sweep.release();
      await sweeping;
      page.release();
      const finished = (await finishing)!;
      assert.equal(finished.finishedBy, "viewer");
      assert.equal(finished.summary!.recordedSec, 180);
      assert.deepEqual(await b.readAudience("late"), expectedAudience([[m0, m1, m2]]));
      const stats = (await b.getFilm("late"))!.stats;
      assert.equal(stats.viewings, 1);
      assert.equal(stats.watchSec, 180);
    } finally {
      sweep.release();
      page.release();
      await a.close();
      await b.close();
    }
  },
);

mongoTest(
  "a screening stored before bytes and re-opens were counted gets both on first use",
  async (dbName) => {
    const store = await openMongoStore({ uri: uri!, dbName, leaseMs: 2_000 });
    const client = new MongoClient(uri!);
    try {
      // A 1-minute film: 4 minute documents of 32 KB at most (viewingByteLimit).
      await store.upsertFilm("tiny", { title: "Tiny", year: null, durationSec: 60 }, T0);
      const heavy = (seed: number) =>
        sampleSeconds(seed, 0, 60).map((s) => ({ ...s, line: "x".repeat(1000) }));
      const id = newId();
      await store.createViewing({ id, film: "tiny", durationSec: 60, tokenHash: hash, now: T0 });
      const first = heavy(1);
      assert.equal(
        await store.putMinute({ screeningId: id, seq: 0, seconds: first, now: T0 }),
        "created",
      );
      // As the adapter stored screenings before it kept these fields.
      const screenings = client.db(dbName).collection<
        { _id: string; storedBytes?: number; generation?: number }
      >("screenings");
      await screenings.updateOne({ _id: id }, { $unset: { storedBytes: "", generation: "" } });
      const firstBytes = storedByteLength(canonicalSeconds(first));
      assert.ok(firstBytes > 2 * MINUTE_BYTES_BUDGET);
      const put = (seq: number, seconds: RecordedSecond[], minutes: number) =>
        store.putMinute({
          screeningId: id,
          seq,
          seconds,
          now: new Date(T0.getTime() + minutes * 60_000),
        });
      assert.equal(await put(1, heavy(2), 1), "full");
      assert.equal((await screenings.findOne({ _id: id }))!.storedBytes, firstBytes);
      const light = sampleSeconds(3, 0, 60).map((s) => ({ ...s, line: null }));
      assert.equal(await put(1, light, 2), "created");
      // Finished by the sweep, re-opened by a late minute, finished again: counted once.
      await screenings.updateOne({ _id: id }, { $unset: { generation: "" } });
      assert.deepEqual(await store.finishIdleViewings(new Date(T0.getTime() + 40 * 60_000)), [id]);
      const late = sampleSeconds(4, 0, 60).map((s) => ({ ...s, line: null }));
      assert.equal(await put(2, late, 50), "created");
      assert.equal((await screenings.findOne({ _id: id }))!.generation, 1);
      assert.deepEqual(await store.finishIdleViewings(new Date(T0.getTime() + 90 * 60_000)), [id]);
      assert.equal((await store.getViewing(id))!.summary!.recordedSec, 180);
      assert.deepEqual(await store.readAudience("tiny"), expectedAudience([[first, light, late]]));
      assert.equal((await store.getFilm("tiny"))!.stats.viewings, 1);
    } finally {
      await store.close();
      await client.close();
    }
  },
);

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
    const open = () => openMongoStore({ uri: uri!, dbName, leaseMs: 2_000 });
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
