/**
 * The store contract: one suite of behaviour every adapter must show, registered as Deno tests
 * for a given store target. `tests/integration/store_sqlite_test.ts` runs it on SQLite in
 * memory and on a file; `store_mongo_test.ts` on MongoDB when `MONGODB_URI` is set.
 */
import assert from "node:assert/strict";
import { applyAudienceShare, audienceShare, filmRatingStats } from "@/lib/rating/mod.ts";
import type { AudienceSecond, RecordedSecond } from "@/lib/recording.ts";
import type { Baseline } from "@/lib/emotion/calibration.ts";
import {
  type Film,
  type FilmInput,
  type FilmStats,
  IDLE_FINISH_MS,
  MINUTE_BYTES_BUDGET,
  type OwnFilmStats,
  type PutMinuteResult,
  type Store,
  type StoreHooks,
  viewingByteLimit,
} from "./port.ts";
import { sampleMinutes, sampleSeconds } from "@/lib/demo/sample.ts";
import { ownFilmStats, secondsOf } from "./viewing_effect.ts";
import { eachMinute } from "./each_minute.ts";
import { findOwnViewing } from "@/lib/viewers/own.ts";
import { PERSONAL_VIEWER } from "./port.ts";

/** Backing data for one test. */
export interface StoreHarness {
  /** A store on fresh, empty data (new data each call). */
  open(hooks?: StoreHooks): Promise<Store>;
  /**
   * Another store on the data of the last `open` (a restart); absent when the data lives and
   * dies with one connection (SQLite in memory).
   */
  reopen?(hooks?: StoreHooks): Promise<Store>;
  /** Removes all data the harness made (the suite closes the stores first). */
  cleanup?(): Promise<void>;
}

export interface ContractTarget {
  /** Shown in every test name, e.g. "sqlite in memory". */
  name: string;
  harness(): StoreHarness;
  /** When set, every test is registered but ignored, and its name says why. */
  ignoreBecause?: string;
  /** Passed to Deno.test (a database driver may keep timers between tests). */
  sanitize?: boolean;
}

/** Thrown by a crash hook to stop an operation between two of its steps. */
export class SimulatedCrash extends Error {
  constructor(step: string) {
    super(`simulated crash at ${step}`);
    this.name = "SimulatedCrash";
  }
}

const T0 = new Date("2026-03-01T20:00:00.000Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const FILM: FilmInput = { title: "The Third Man", year: 1949, durationSec: 6240 };
const SLUG = "the-third-man-1949";
/** A film's stats before any viewing is counted, and after the last is deleted. */
const NO_STATS: FilmStats = {
  viewings: 0,
  finished: 0,
  ratingSum: 0,
  ratingHistogram: new Array(10).fill(0),
  watchSec: 0,
  lastWatchedAt: null,
};
const hash = (n: number) => n.toString(16).padStart(64, "0");
let ids = 0;
/** Ids shaped like real ones (22 base64url characters), unique within the process. */
const newId = () => `contract${String(++ids).padStart(6, "0")}${"x".repeat(8)}`;

async function viewingWith(
  store: Store,
  minutes: RecordedSecond[][],
  options: { film?: FilmInput; slug?: string; now?: Date; baseline?: Baseline; viewer?: string } =
    {},
): Promise<string> {
  const film = options.film ?? FILM;
  const slug = options.slug ?? SLUG;
  const now = options.now ?? T0;
  await store.upsertFilm(slug, film, now);
  const id = newId();
  await store.createViewing({
    id,
    viewer: options.viewer,
    film: slug,
    durationSec: film.durationSec,
    tokenHash: hash(ids),
    baseline: options.baseline,
    now,
  });
  for (const [seq, seconds] of minutes.entries()) {
    await expectPut(store, "created", id, seq, seconds, now);
  }
  return id;
}

/** Puts a minute and checks what the store answered. */
async function expectPut(
  store: Store,
  expected: PutMinuteResult,
  screeningId: string,
  seq: number,
  seconds: RecordedSecond[],
  now = T0,
): Promise<void> {
  assert.equal(await store.putMinute({ screeningId, seq, seconds, now }), expected, `seq ${seq}`);
}

/** The aggregate the store should hold: the listed viewings' shares, added. */
function expectedAudience(viewings: RecordedSecond[][][]): AudienceSecond[] {
  let aggregate: AudienceSecond[] = [];
  for (const minutes of viewings) {
    aggregate = applyAudienceShare(aggregate, audienceShare(minutes.flat()), 1);
  }
  return aggregate;
}

/** Registers the contract's tests for `target`. */
export function storeContract(target: ContractTarget): void {
  const ignore = target.ignoreBecause !== undefined;
  const suffix = ignore ? ` (ignored: ${target.ignoreBecause})` : "";

  // Whether the data outlives a store (not so for SQLite in memory).
  const restartable = target.harness().reopen !== undefined;

  const test = (
    name: string,
    fn: (ctx: { store: Store; harness: StoreHarness; opened: Store[] }) => Promise<void>,
    { needsRestart = false } = {},
  ) => {
    const skip = needsRestart && !restartable;
    Deno.test({
      name: `store contract [${target.name}]: ${name}${
        skip && !ignore ? " (ignored: the data lives and dies with its connection)" : suffix
      }`,
      ignore: ignore || skip,
      sanitizeOps: target.sanitize ?? true,
      sanitizeResources: target.sanitize ?? true,
      fn: async () => {
        const harness = target.harness();
        const opened: Store[] = [];
        try {
          const store = await harness.open();
          opened.push(store);
          await fn({ store, harness, opened });
        } finally {
          for (const store of opened) await store.close();
          await harness.cleanup?.();
        }
      },
    });
  };

  test("a film is created once: the first title stays, the longest length wins", async ({ store }) => {
    assert.equal(await store.getFilm(SLUG), null);
    const created = await store.upsertFilm(SLUG, FILM, T0);
    assert.equal(created.title, "The Third Man");
    assert.equal(created.year, 1949);
    assert.equal(created.durationSec, 6240);
    assert.equal(created.createdAt, T0.toISOString());
    assert.deepEqual(created.stats, NO_STATS);
    const again = await store.upsertFilm(
      SLUG,
      { title: "THE THIRD MAN", year: 1949, durationSec: 6250 },
      at(5),
    );
    assert.equal(again.title, "The Third Man");
    assert.equal(again.durationSec, 6250);
    assert.equal(again.createdAt, T0.toISOString());
    await store.upsertFilm(SLUG, { ...FILM, durationSec: 100 }, at(6));
    assert.equal((await store.getFilm(SLUG))!.durationSec, 6250);
    await store.upsertFilm("alien-1979", { title: "Alien", year: 1979, durationSec: 7020 }, T0);
    await store.upsertFilm("zama", { title: "Zama", year: null, durationSec: 6900 }, T0);
    assert.deepEqual((await store.listFilms()).map((f) => f.slug), [
      "alien-1979",
      "the-third-man-1949",
      "zama",
    ]);
  });

  test("films are read many at once by their slugs; unknown slugs are left out", async ({ store }) => {
    await store.upsertFilm(SLUG, FILM, T0);
    await store.upsertFilm("alien-1979", { title: "Alien", year: 1979, durationSec: 7020 }, T0);
    await store.upsertFilm("zama", { title: "Zama", year: null, durationSec: 6900 }, T0);
    const read = await store.getFilms(["zama", "no-such-film", SLUG, "zama"]);
    const bySlug = (films: Film[]) => films.toSorted((a, b) => a.slug < b.slug ? -1 : 1);
    assert.deepEqual(bySlug(read), [(await store.getFilm(SLUG))!, (await store.getFilm("zama"))!]);
    assert.deepEqual(await store.getFilms([]), []);
  });

  test("a screening starts recording; an unknown id is null", async ({ store }) => {
    await store.upsertFilm(SLUG, FILM, T0);
    const id = newId();
    const created = await store.createViewing({
      id,
      film: SLUG,
      durationSec: 6200,
      tokenHash: hash(7),
      now: T0,
    });
    const expected = {
      id,
      viewer: PERSONAL_VIEWER,
      film: SLUG,
      durationSec: 6200,
      state: "recording",
      startedAt: T0.toISOString(),
      lastWriteAt: null,
      finishedAt: null,
      finishedBy: null,
      summary: null,
      baseline: null,
      verdict: null,
    };
    assert.deepEqual({ ...created }, expected);
    assert.deepEqual(await store.getViewing(id), { ...expected, tokenHash: hash(7) });
    assert.equal(await store.getViewing(newId()), null);
    assert.equal(await store.listMinutes(newId()), null);
  });

  test("a minute is stored once: replay unchanged, different seconds conflict", async ({ store }) => {
    const id = await viewingWith(store, []);
    const [m0, m1, m2] = sampleMinutes(1, 3);
    // Out of order, as retries from the browser's queue may arrive.
    await expectPut(store, "created", id, 2, m2, at(3));
    await expectPut(store, "created", id, 0, m0, at(1));
    await expectPut(store, "created", id, 1, m1, at(2));
    const replay = structuredClone(m1);
    await expectPut(store, "unchanged", id, 1, replay, at(4));
    const changed = structuredClone(m1);
    changed[10].movement += 0.5;
    await expectPut(store, "conflict", id, 1, changed, at(4));
    await expectPut(store, "conflict", id, 0, m0.slice(0, 59), at(4));
    await expectPut(store, "not-found", newId(), 0, m0, at(4));
    assert.deepEqual(await store.listMinutes(id), [
      { seq: 0, seconds: m0 },
      { seq: 1, seconds: m1 },
      { seq: 2, seconds: m2 },
    ]);
    // The last write is the latest that stored something, not the replays.
    assert.equal((await store.getViewing(id))!.lastWriteAt, at(3).toISOString());
  });

  test("minutes are read a page at a time in seq order: 5 minutes in pages of 2 are 2, 2, 1", async ({ store }) => {
    const minutes = sampleMinutes(4, 5);
    const id = await viewingWith(store, []);
    // Stored out of order, with a gap: seq 0, 1, 2, 4, 6.
    for (const [k, seq] of [4, 0, 6, 2, 1].entries()) {
      await expectPut(store, "created", id, seq, minutes[k], at(k));
    }
    assert.deepEqual((await store.minutesAfter(id, -1, 2)).map((m) => m.seq), [0, 1]);
    assert.deepEqual((await store.minutesAfter(id, 1, 2)).map((m) => m.seq), [2, 4]);
    assert.deepEqual(await store.minutesAfter(id, 4, 2), [{ seq: 6, seconds: minutes[2] }]);
    assert.deepEqual(await store.minutesAfter(id, 6, 2), []);
    assert.deepEqual(await store.minutesAfter(newId(), -1, 2), []);
    // eachMinute joins the pages into what listMinutes reads at once.
    assert.deepEqual(await Array.fromAsync(eachMinute(store, id, 2)), await store.listMinutes(id));
  });

  test("concurrent puts of one minute store it once", async ({ store }) => {
    const id = await viewingWith(store, []);
    const [m0] = sampleMinutes(2, 1);
    const results = await Promise.all(
      Array.from(
        { length: 6 },
        () => store.putMinute({ screeningId: id, seq: 0, seconds: structuredClone(m0), now: T0 }),
      ),
    );
    assert.deepEqual(results.toSorted(), [
      "created",
      "unchanged",
      "unchanged",
      "unchanged",
      "unchanged",
      "unchanged",
    ]);
    assert.deepEqual(await store.listMinutes(id), [{ seq: 0, seconds: m0 }]);
  });

  test("finishing stores the summary and adds the viewing to the film", async ({ store }) => {
    const minutes = sampleMinutes(3, 4);
    const id = await viewingWith(store, minutes, { now: at(0) });
    const last = sampleSeconds(33, 240, 30);
    await expectPut(store, "created", id, 4, last, at(5));
    const all = [...minutes, last];
    const finished = await store.finishViewing(id, at(6));
    assert.ok(finished);
    assert.equal(finished.state, "finished");
    assert.equal(finished.finishedAt, at(6).toISOString());
    assert.equal(finished.finishedBy, "viewer");
    assert.ok(finished.summary);
    assert.equal(finished.summary.recordedSec, 270);
    assert.deepEqual(finished.summary, (await store.getViewing(id))!.summary);
    // A page's read: everything but the per-second points.
    const light = (await store.getViewing(id, { perSecond: false }))!;
    assert.deepEqual(light, {
      ...(await store.getViewing(id))!,
      summary: { ...finished.summary, perSecond: [] },
    });
    assert.equal(await store.getViewing("no-such-viewing", { perSecond: false }), null);
    assert.deepEqual(await store.readAudience(SLUG), expectedAudience([all]));
    const stats = (await store.getFilm(SLUG))!.stats;
    const expected = filmRatingStats([finished.summary.rating]);
    assert.equal(stats.viewings, 1);
    assert.equal(stats.finished, 0, "270 s of a 6240 s film is not watched to the end");
    assert.equal(stats.ratingSum, finished.summary.rating);
    assert.deepEqual(stats.ratingHistogram, expected.histogram);
    assert.equal(stats.watchSec, 270);
    assert.equal(stats.lastWatchedAt, at(5).toISOString());
  });

  test("the audience aggregate is the sum of the finished viewings' shares", async ({ store }) => {
    const film = { title: "Short", year: null, durationSec: 300 };
    const viewings = [sampleMinutes(10, 5), sampleMinutes(11, 3), sampleMinutes(12, 5)];
    // One viewer rewound: playback seconds 60–89 were recorded twice.
    viewings[1].push(sampleSeconds(99, 60, 30));
    const ratings: number[] = [];
    for (const [i, minutes] of viewings.entries()) {
      const id = await viewingWith(store, minutes, { film, slug: "short", now: at(i) });
      ratings.push((await store.finishViewing(id, at(10 + i)))!.summary!.rating);
    }
    // An unfinished viewing counts nowhere.
    await viewingWith(store, sampleMinutes(13, 2), { film, slug: "short" });
    assert.deepEqual(await store.readAudience("short"), expectedAudience(viewings));
    const stats = (await store.getFilm("short"))!.stats;
    const expected = filmRatingStats(ratings);
    assert.equal(stats.viewings, 3);
    assert.equal(stats.finished, 2, "two of them recorded the last minute");
    assert.equal(Math.round((stats.ratingSum / stats.viewings) * 10) / 10, expected.mean);
    assert.deepEqual(stats.ratingHistogram, expected.histogram);
    assert.equal(stats.watchSec, 300 + 210 + 300);
    assert.equal(stats.lastWatchedAt, at(2).toISOString());
  });

  test("finishing twice, or racing the idle sweep, counts once", async ({ store }) => {
    const minutes = sampleMinutes(4, 3);
    const id = await viewingWith(store, minutes);
    const later = at(IDLE_FINISH_MS / 60_000 + 1);
    const results = await Promise.all([
      store.finishViewing(id, later),
      store.finishViewing(id, later),
      store.finishIdleViewings(later),
    ]);
    assert.equal(results[0]!.state, "finished");
    assert.deepEqual(results[0], results[1]);
    assert.equal(
      await store.finishViewing(id, at(90)).then((s) => s!.finishedAt),
      results[0]!.finishedAt,
    );
    assert.deepEqual(await store.readAudience(SLUG), expectedAudience([minutes]));
    const stats = (await store.getFilm(SLUG))!.stats;
    assert.equal(stats.viewings, 1);
    assert.equal(stats.watchSec, 180);
  });

  test("a finished screening takes no new minute, but a replay is still answered", async ({ store }) => {
    const [m0, m1] = sampleMinutes(5, 2);
    const id = await viewingWith(store, [m0]);
    await store.finishViewing(id, at(2));
    await expectPut(store, "finished", id, 1, m1, at(3));
    await expectPut(store, "unchanged", id, 0, m0, at(3));
    await expectPut(store, "conflict", id, 0, m1, at(3));
    assert.deepEqual(await store.listMinutes(id), [{ seq: 0, seconds: m0 }]);
    assert.equal((await store.getFilm(SLUG))!.stats.watchSec, 60);
  });

  test("the idle sweep finishes only screenings idle for 30 minutes", async ({ store }) => {
    const [m0] = sampleMinutes(6, 1);
    const idle = await viewingWith(store, [m0], { now: at(0) });
    const active = await viewingWith(store, [], { now: at(0) });
    await expectPut(store, "created", active, 0, m0, at(20));
    const never = await viewingWith(store, [], { now: at(25) });
    assert.deepEqual(await store.finishIdleViewings(at(29)), []);
    assert.deepEqual(await store.finishIdleViewings(at(30)), [idle]);
    const swept = (await store.getViewing(idle))!;
    assert.equal(swept.state, "finished");
    assert.equal(swept.finishedBy, "idle");
    assert.equal(swept.finishedAt, at(30).toISOString());
    assert.equal(swept.summary!.recordedSec, 60);
    assert.equal((await store.getViewing(active))!.state, "recording");
    assert.deepEqual(
      (await store.finishIdleViewings(at(56))).toSorted(),
      [active, never].toSorted(),
    );
    assert.deepEqual(await store.finishIdleViewings(at(120)), []);
  });

  test("a screening finished with nothing recorded is kept but not counted", async ({ store }) => {
    const id = await viewingWith(store, []);
    const finished = await store.finishViewing(id, at(1));
    assert.equal(finished!.state, "finished");
    assert.equal(finished!.summary!.recordedSec, 0);
    assert.equal((await store.getFilm(SLUG))!.stats.viewings, 0);
    assert.deepEqual(await store.readAudience(SLUG), []);
    assert.equal(await store.deleteViewing(id), true);
  });

  test("deleting removes the screening, its minutes and exactly its share", async ({ store }) => {
    const keep = sampleMinutes(7, 3);
    const gone = sampleMinutes(8, 4);
    const kept = await viewingWith(store, keep, { now: at(0) });
    await store.finishViewing(kept, at(5));
    const before = { audience: await store.readAudience(SLUG), film: await store.getFilm(SLUG) };
    const id = await viewingWith(store, gone, { now: at(10) });
    await store.finishViewing(id, at(15));
    assert.equal((await store.getFilm(SLUG))!.stats.viewings, 2);
    assert.equal(await store.deleteViewing(id), true);
    assert.equal(await store.getViewing(id), null);
    assert.equal(await store.listMinutes(id), null);
    assert.deepEqual(await store.readAudience(SLUG), before.audience);
    assert.deepEqual(await store.getFilm(SLUG), before.film);
    assert.equal(await store.deleteViewing(id), false);
    // An unfinished viewing had added nothing, so deleting it subtracts nothing.
    const unfinished = await viewingWith(store, gone);
    assert.equal(await store.deleteViewing(unfinished), true);
    assert.deepEqual(await store.readAudience(SLUG), before.audience);
    assert.deepEqual(await store.getFilm(SLUG), before.film);
    await expectPut(store, "not-found", unfinished, 9, gone[0], T0);
    // The last viewing deleted: the film is back to nothing.
    assert.equal(await store.deleteViewing(kept), true);
    assert.deepEqual(await store.readAudience(SLUG), []);
    assert.deepEqual((await store.getFilm(SLUG))!.stats, NO_STATS);
  });

  test("a keep-alive keeps a paused viewing from the idle sweep, and touches no minute", async ({ store }) => {
    const [m0] = sampleMinutes(60, 1);
    const paused = await viewingWith(store, [m0], { now: at(0) });
    // The viewer paused at minute 1; the page says it is alive every few minutes.
    for (const minute of [10, 20, 28]) {
      assert.equal(await store.keepAlive(paused, at(minute)), "alive");
    }
    assert.deepEqual(await store.finishIdleViewings(at(57)), [], "alive 29 minutes before");
    const viewing = (await store.getViewing(paused))!;
    assert.equal(viewing.state, "recording");
    assert.equal(viewing.lastWriteAt, T0.toISOString(), "a keep-alive is not a write");
    assert.deepEqual(await store.listMinutes(paused), [{ seq: 0, seconds: m0 }]);
    // The page closed at minute 28: 30 minutes later the sweep finishes it.
    assert.deepEqual(await store.finishIdleViewings(at(58)), [paused]);
    assert.equal(await store.keepAlive(paused, at(59)), "idle-finished");
    const finished = await viewingWith(store, [m0]);
    await store.finishViewing(finished, at(1));
    assert.equal(await store.keepAlive(finished, at(2)), "finished");
    assert.equal(await store.keepAlive(newId(), at(2)), "not-found");
  });

  test("a minute for a viewing the idle sweep finished re-opens it; finished again, it counts once", async ({ store }) => {
    const other = sampleMinutes(61, 2);
    const otherId = await viewingWith(store, other, { now: at(0) });
    await store.finishViewing(otherId, at(1));
    const [m0, m1, m2] = sampleMinutes(62, 3);
    const id = await viewingWith(store, [m0, m1], { now: at(5) });
    // The laptop slept for an hour: no keep-alive, so the sweep finished the viewing.
    assert.deepEqual(await store.finishIdleViewings(at(40)), [id]);
    assert.deepEqual(await store.readAudience(SLUG), expectedAudience([other, [m0, m1]]));
    // It wakes up and sends the next minute: stored, and the viewing records again.
    await expectPut(store, "created", id, 2, m2, at(70));
    const reopened = (await store.getViewing(id))!;
    assert.equal(reopened.state, "recording");
    assert.equal(reopened.finishedAt, null);
    assert.equal(reopened.finishedBy, null);
    assert.equal(reopened.summary, null);
    assert.equal(reopened.lastWriteAt, at(70).toISOString());
    // Its share left the film: only the other viewing counts meanwhile.
    assert.deepEqual(await store.readAudience(SLUG), expectedAudience([other]));
    const meanwhile = (await store.getFilm(SLUG))!.stats;
    assert.equal(meanwhile.viewings, 1);
    assert.equal(meanwhile.watchSec, 120);
    assert.equal(meanwhile.lastWatchedAt, at(0).toISOString());
    await expectPut(store, "unchanged", id, 0, m0, at(71));
    // Finished again by the next sweep, with all three minutes, counted once.
    assert.deepEqual(await store.finishIdleViewings(at(100)), [id]);
    const again = (await store.getViewing(id))!;
    assert.equal(again.finishedBy, "idle");
    assert.equal(again.summary!.recordedSec, 180);
    assert.deepEqual(await store.readAudience(SLUG), expectedAudience([other, [m0, m1, m2]]));
    const stats = (await store.getFilm(SLUG))!.stats;
    assert.equal(stats.viewings, 2);
    assert.equal(stats.watchSec, 120 + 180);
    assert.equal(stats.lastWatchedAt, at(70).toISOString());
    // Deleting it then takes out exactly the share it has now.
    assert.equal(await store.deleteViewing(id), true);
    assert.deepEqual(await store.readAudience(SLUG), expectedAudience([other]));
    assert.equal((await store.getFilm(SLUG))!.stats.watchSec, 120);
  });

  test("a viewing its viewer finished stays finished: a later minute is refused", async ({ store }) => {
    const [m0, m1] = sampleMinutes(63, 2);
    const id = await viewingWith(store, [m0], { now: at(0) });
    await store.finishViewing(id, at(1), "viewer");
    await expectPut(store, "finished", id, 1, m1, at(90));
    assert.equal((await store.getViewing(id))!.state, "finished");
    assert.equal((await store.getFilm(SLUG))!.stats.watchSec, 60);
    // Finished by the sweep, then by its viewer (the page's own finish came late): final too.
    const swept = await viewingWith(store, [m0], { now: at(0) });
    assert.deepEqual(await store.finishIdleViewings(at(40)), [swept]);
    const confirmed = (await store.finishViewing(swept, at(41), "viewer"))!;
    assert.equal(confirmed.finishedBy, "viewer");
    assert.equal(confirmed.finishedAt, at(40).toISOString(), "finished when the sweep did it");
    await expectPut(store, "finished", swept, 1, m1, at(90));
    assert.equal((await store.getFilm(SLUG))!.stats.watchSec, 120);
  });

  test("a viewing holds at most its byte limit: a minute past it is refused, nothing else", async ({ store }) => {
    // A 1-minute film may send 4 minute documents (rewinds included): 4 × 32 KB.
    const film: FilmInput = { title: "Tiny", year: null, durationSec: 60 };
    assert.equal(viewingByteLimit(60), 4 * MINUTE_BYTES_BUDGET);
    assert.ok(viewingByteLimit(12 * 3600) < 50 * 1024 * 1024, "a 12-hour film: under 50 MB");
    // Every second carrying a 1,000-character line: about 67 KB a minute, twice the budget.
    const heavy = (seed: number) =>
      sampleSeconds(seed, 0, 60).map((s) => ({ ...s, line: "x".repeat(1000) }));
    const id = await viewingWith(store, [heavy(1)], { film, slug: "tiny" });
    await expectPut(store, "full", id, 1, heavy(2));
    await expectPut(store, "full", id, 2, heavy(3));
    // What fits is still taken, and a replay of what is stored is still answered.
    const light = sampleSeconds(4, 0, 60).map((s) => ({ ...s, line: null }));
    await expectPut(store, "created", id, 1, light);
    await expectPut(store, "unchanged", id, 0, heavy(1));
    assert.deepEqual((await store.listMinutes(id))!.map((m) => m.seq), [0, 1]);
    // Finished by the sweep and re-opened, it keeps counting the same bytes.
    await store.finishIdleViewings(at(40));
    await expectPut(store, "full", id, 2, heavy(5), at(50));
    assert.equal(
      (await store.getViewing(id))!.state,
      "finished",
      "a refused minute re-opens nothing",
    );
  });

  /** Counts turns of the event loop (timer callbacks) while `work` runs. */
  async function loopTurnsDuring(work: () => Promise<unknown>): Promise<number> {
    let turns = 0;
    const timer = setInterval(() => turns++, 0);
    try {
      await work();
    } finally {
      clearInterval(timer);
    }
    return turns;
  }

  test("finishing and the idle sweep hand the event loop back while they work", async ({ store }) => {
    const film: FilmInput = { title: "Long", year: null, durationSec: 7200 };
    const long = await viewingWith(store, sampleMinutes(64, 120), { film, slug: "long" });
    // A 2-hour viewing: other requests are answered while its summary is computed.
    assert.ok(await loopTurnsDuring(() => store.finishViewing(long, at(1))) >= 2);
    const idle: string[] = [];
    for (let i = 0; i < 3; i++) idle.push(await viewingWith(store, sampleMinutes(65 + i, 2)));
    let swept: string[] = [];
    const turns = await loopTurnsDuring(async () => swept = await store.finishIdleViewings(at(40)));
    assert.deepEqual(swept.toSorted(), idle.toSorted());
    assert.ok(turns >= 3, `${turns} turns of the event loop in a sweep of 3 viewings`);
  });

  test("a minute or a keep-alive that lands while a finish computes is never lost", async ({ store }) => {
    const minutes = sampleMinutes(70, 30);
    const id = await viewingWith(store, minutes, { now: at(0) });
    const extra = sampleSeconds(71, 1800, 60);
    const finishing = store.finishViewing(id, at(1));
    await new Promise((resolve) => setTimeout(resolve, 0));
    const put = await store.putMinute({ screeningId: id, seq: 30, seconds: extra, now: at(1) });
    const finished = (await finishing)!;
    // Either the minute made it in before the finish, and counts, or it was refused.
    const stored = secondsOf((await store.listMinutes(id))!);
    assert.ok(put === "created" || put === "finished", put);
    assert.equal(finished.summary!.recordedSec, stored.length);
    assert.equal(stored.length, put === "created" ? 1860 : 1800);
    assert.equal((await store.getFilm(SLUG))!.stats.watchSec, stored.length);

    // A keep-alive during the sweep's computation: if it was taken, the sweep leaves the viewing.
    const paused = await viewingWith(store, minutes, { now: at(0) });
    const sweeping = store.finishIdleViewings(at(40));
    await new Promise((resolve) => setTimeout(resolve, 0));
    const alive = await store.keepAlive(paused, at(39));
    const swept = await sweeping;
    const state = (await store.getViewing(paused))!.state;
    if (alive === "alive") {
      assert.deepEqual(swept, []);
      assert.equal(state, "recording");
    } else {
      assert.equal(alive, "idle-finished");
      assert.deepEqual(swept, [paused]);
      assert.equal(state, "finished");
    }
  });

  /** The steps an operation reports to hooks, from a normal run. */
  async function stepsOf(
    harness: StoreHarness,
    opened: Store[],
    run: (store: Store) => Promise<void>,
  ) {
    const steps: string[] = [];
    const store = await harness.open({ step: (name) => steps.push(name) });
    opened.push(store);
    await run(store);
    return [...new Set(steps)];
  }

  /** A store whose `step` hook throws SimulatedCrash at `target` once `arm()` was called. */
  async function crashingAt(harness: StoreHarness, opened: Store[], target: string) {
    let armed = false;
    const store = await harness.open({
      step: (name) => {
        if (armed && name === target) {
          armed = false;
          throw new SimulatedCrash(name);
        }
      },
    });
    opened.push(store);
    return { store, arm: () => armed = true };
  }

  /** After a crash: the same store recovers (in-memory data), or a restart on the same data. */
  async function restart(harness: StoreHarness, opened: Store[], crashed: Store) {
    if (!harness.reopen) {
      await crashed.recover();
      return crashed;
    }
    const store = await harness.reopen();
    opened.push(store);
    return store;
  }

  test("a finish that crashes at any step is completed once after recovery", async ({ harness, opened }) => {
    // Two viewings across many buckets, so that a crash can fall between them.
    const other = sampleMinutes(20, 5);
    const minutes = sampleMinutes(21, 5);
    const steps = await stepsOf(harness, opened, async (store) => {
      await store.finishViewing(await viewingWith(store, minutes), at(10));
    });
    assert.ok(steps.some((s) => s.startsWith("finish:")), `no finish steps reported: ${steps}`);
    for (const step of steps.filter((s) => s.startsWith("finish:"))) {
      const { store, arm } = await crashingAt(harness, opened, step);
      const otherId = await viewingWith(store, other);
      await store.finishViewing(otherId, at(9));
      const id = await viewingWith(store, minutes);
      arm();
      await assert.rejects(store.finishViewing(id, at(10)), SimulatedCrash, step);
      const after = await restart(harness, opened, store);
      // The viewer's page retries its finish; the idle sweep may run too.
      await after.finishViewing(id, at(11));
      await after.finishIdleViewings(at(120));
      assert.equal((await after.getViewing(id))!.state, "finished", step);
      assert.deepEqual(
        await after.listMinutes(id),
        minutes.map((seconds, seq) => ({ seq, seconds })),
        step,
      );
      assert.deepEqual(await after.readAudience(SLUG), expectedAudience([other, minutes]), step);
      const stats = (await after.getFilm(SLUG))!.stats;
      assert.equal(stats.viewings, 2, step);
      assert.equal(stats.watchSec, 600, step);
    }
  });

  test("a delete that crashes at any step leaves nothing of the viewing after recovery", async ({ harness, opened }) => {
    const other = sampleMinutes(30, 4);
    const minutes = sampleMinutes(31, 5);
    const steps = await stepsOf(harness, opened, async (store) => {
      const id = await viewingWith(store, minutes);
      await store.finishViewing(id, at(10));
      await store.deleteViewing(id);
    });
    assert.ok(steps.some((s) => s.startsWith("delete:")), `no delete steps reported: ${steps}`);
    for (const step of steps.filter((s) => s.startsWith("delete:"))) {
      const { store, arm } = await crashingAt(harness, opened, step);
      const otherId = await viewingWith(store, other);
      await store.finishViewing(otherId, at(9));
      const id = await viewingWith(store, minutes);
      await store.finishViewing(id, at(10));
      arm();
      await assert.rejects(store.deleteViewing(id), SimulatedCrash, step);
      const after = await restart(harness, opened, store);
      // The viewer retries the delete (it may already be complete).
      await after.deleteViewing(id);
      assert.equal(await after.getViewing(id), null, step);
      assert.equal(await after.listMinutes(id), null, step);
      assert.deepEqual(await after.readAudience(SLUG), expectedAudience([other]), step);
      const stats = (await after.getFilm(SLUG))!.stats;
      assert.equal(stats.viewings, 1, step);
      assert.equal(stats.watchSec, 240, step);
    }
  });

  test("a re-open that crashes at any step is completed once after recovery", async ({ harness, opened }) => {
    const other = sampleMinutes(80, 3);
    const minutes = sampleMinutes(81, 4);
    const late = sampleSeconds(82, 240, 60);
    const steps = await stepsOf(harness, opened, async (store) => {
      const id = await viewingWith(store, minutes);
      await store.finishIdleViewings(at(40));
      await expectPut(store, "created", id, 4, late, at(50));
    });
    assert.ok(steps.some((s) => s.startsWith("reopen:")), `no re-open steps reported: ${steps}`);
    for (const step of steps.filter((s) => s.startsWith("reopen:"))) {
      const { store, arm } = await crashingAt(harness, opened, step);
      const otherId = await viewingWith(store, other);
      await store.finishViewing(otherId, at(1));
      const id = await viewingWith(store, minutes);
      assert.deepEqual(await store.finishIdleViewings(at(40)), [id], step);
      arm();
      await assert.rejects(
        store.putMinute({ screeningId: id, seq: 4, seconds: late, now: at(50) }),
        SimulatedCrash,
        step,
      );
      const after = await restart(harness, opened, store);
      // The page's queue sends the minute again; later the sweep finishes the viewing again.
      const retry = await after.putMinute({ screeningId: id, seq: 4, seconds: late, now: at(51) });
      assert.ok(retry === "created" || retry === "unchanged", `${step}: ${retry}`);
      assert.deepEqual(await after.finishIdleViewings(at(120)), [id], step);
      assert.deepEqual(
        await after.readAudience(SLUG),
        expectedAudience([other, [...minutes, late]]),
        step,
      );
      const stats = (await after.getFilm(SLUG))!.stats;
      assert.equal(stats.viewings, 2, step);
      assert.equal(stats.watchSec, 180 + 300, step);
      assert.equal((await after.getViewing(id))!.summary!.recordedSec, 300, step);
    }
  });

  test("screenings are listed newest first, of a film or all, rated once finished", async ({ store }) => {
    const minutes = sampleMinutes(50, 2);
    const first = await viewingWith(store, minutes, { now: at(0) });
    const second = await viewingWith(store, minutes.slice(0, 1), { now: at(10) });
    const alien: FilmInput = { title: "Alien", year: 1979, durationSec: 7020 };
    const other = await viewingWith(store, minutes, {
      film: alien,
      slug: "alien-1979",
      now: at(20),
    });
    const finished = await store.finishViewing(first, at(30));
    await store.finishViewing(other, at(31));
    const all = await store.listViewings({ limit: 10 });
    assert.deepEqual(all.map((s) => s.id), [other, second, first]);
    assert.deepEqual({ ...all[2] }, {
      id: first,
      film: SLUG,
      state: "finished",
      startedAt: at(0).toISOString(),
      finishedAt: at(30).toISOString(),
      rating: finished!.summary!.rating,
      recordedSec: 120,
      verdict: null,
    });
    assert.deepEqual({ ...all[1] }, {
      id: second,
      film: SLUG,
      state: "recording",
      startedAt: at(10).toISOString(),
      finishedAt: null,
      rating: null,
      recordedSec: null,
      verdict: null,
    });
    const ids = async (query: { film?: string; limit: number }) =>
      (await store.listViewings(query)).map((s) => s.id);
    assert.deepEqual(await ids({ film: SLUG, limit: 10 }), [second, first]);
    assert.deepEqual(await ids({ limit: 2 }), [other, second]);
    assert.deepEqual(await ids({ film: "zama", limit: 10 }), []);
    await store.deleteViewing(first);
    assert.deepEqual(await ids({ film: SLUG, limit: 10 }), [second]);
  });

  test("everything survives closing and reopening", async ({ store, harness, opened }) => {
    const minutes = sampleMinutes(40, 2);
    const finishedId = await viewingWith(store, minutes);
    const finished = await store.finishViewing(finishedId, at(3));
    const recordingId = await viewingWith(store, minutes.slice(0, 1));
    const before = {
      films: await store.listFilms(),
      audience: await store.readAudience(SLUG),
      finished: await store.getViewing(finishedId),
      recording: await store.getViewing(recordingId),
    };
    await store.close();
    const reopened = await harness.reopen!();
    opened.push(reopened);
    assert.deepEqual(await reopened.listFilms(), before.films);
    assert.deepEqual(await reopened.readAudience(SLUG), before.audience);
    assert.deepEqual(await reopened.getViewing(finishedId), before.finished);
    assert.deepEqual((await reopened.getViewing(finishedId))!.summary, finished!.summary);
    assert.deepEqual(await reopened.getViewing(recordingId), before.recording);
    assert.deepEqual(secondsOf((await reopened.listMinutes(finishedId))!), minutes.flat());
    await expectPut(reopened, "created", recordingId, 1, minutes[1], at(4));
  }, { needsRestart: true });

  const BASELINE: Baseline = {
    probs: [0.05, 0.02, 0.03, 0.1, 0.5, 0.25, 0.05],
    yaw: -12.5,
    pitch: 4.25,
  };

  test("a viewing keeps its calibration's baseline, exactly, through its finish", async ({ store }) => {
    const id = await viewingWith(store, sampleMinutes(30, 1), { baseline: BASELINE });
    assert.deepEqual((await store.getViewing(id))!.baseline, BASELINE);
    await store.finishViewing(id, at(1));
    assert.deepEqual((await store.getViewing(id))!.baseline, BASELINE);
    const without = await viewingWith(store, []);
    assert.equal((await store.getViewing(without))!.baseline, null);
  });

  test("a verdict is set, set again harmlessly, changed and removed", async ({ store }) => {
    const id = await viewingWith(store, sampleMinutes(31, 1));
    await store.finishViewing(id, at(1));
    assert.equal(await store.setVerdict(id, 7.5), true);
    assert.equal((await store.getViewing(id))!.verdict, 7.5);
    assert.equal(await store.setVerdict(id, 7.5), true);
    assert.equal((await store.getViewing(id))!.verdict, 7.5);
    assert.equal(await store.setVerdict(id, 0), true, "0 is a verdict, not none");
    assert.equal((await store.getViewing(id))!.verdict, 0);
    assert.equal(await store.setVerdict(id, null), true);
    assert.equal((await store.getViewing(id))!.verdict, null);
    assert.equal(await store.setVerdict(id, null), true, "removing twice is harmless");
    assert.equal(await store.setVerdict(newId(), 5), false);
  });

  test("a viewer's verdict examples are their finished viewings with a verdict, oldest first", async ({ store }) => {
    const minutes = sampleMinutes(32, 2);
    const late = await viewingWith(store, minutes, { now: at(20) });
    const early = await viewingWith(store, minutes.slice(0, 1), { now: at(10) });
    const unrated = await viewingWith(store, minutes, { now: at(30) });
    const recording = await viewingWith(store, minutes, { now: at(40) });
    const others = await viewingWith(store, minutes, { now: at(15), viewer: "acct-other" });
    for (const id of [late, early, unrated, others]) await store.finishViewing(id, at(50));
    await store.setVerdict(late, 8);
    await store.setVerdict(early, 0);
    await store.setVerdict(recording, 6.5);
    await store.setVerdict(others, 3);
    const examples = await store.listVerdictExamples(PERSONAL_VIEWER);
    assert.deepEqual(examples.map((e) => [e.id, e.verdict]), [[early, 0], [late, 8]]);
    assert.deepEqual(
      examples[1].summary,
      (await store.getViewing(late, { perSecond: false }))!.summary,
    );
    assert.deepEqual(
      (await store.listVerdictExamples("acct-other")).map((e) => [e.id, e.verdict]),
      [[others, 3]],
      "another viewer's verdicts are theirs alone",
    );
    await store.deleteViewing(early);
    await store.setVerdict(late, null);
    assert.deepEqual(await store.listVerdictExamples(PERSONAL_VIEWER), []);
    // A viewing finished later with a verdict given while recording counts from then on.
    await store.finishViewing(recording, at(60));
    assert.deepEqual(
      (await store.listVerdictExamples(PERSONAL_VIEWER)).map((e) => e.id),
      [recording],
    );
  });

  test("a viewer's own film totals count their finished, rated viewings, as ownFilmStats does", async ({ store }) => {
    const other = { title: "Alien", year: 1979, durationSec: 7020 };
    const viewer = "acct-totals";
    const made = [
      await viewingWith(store, sampleMinutes(51, 3), { viewer, now: at(1) }),
      await viewingWith(store, sampleMinutes(52, 2), { viewer, now: at(5) }),
      await viewingWith(store, sampleMinutes(53, 2), {
        viewer,
        now: at(9),
        film: other,
        slug: "alien-1979",
      }),
      // Nothing recorded: finished, but never counted.
      await viewingWith(store, [], { viewer, now: at(12) }),
      // Someone else's, of the same film.
      await viewingWith(store, sampleMinutes(54, 2), { viewer: "acct-else", now: at(2) }),
    ];
    for (const id of made) await store.finishViewing(id, at(20));
    // Still recording: not counted.
    await viewingWith(store, sampleMinutes(55, 1), { viewer, now: at(14) });
    const listed = await store.listViewings({ viewer, limit: 100 });
    const expected = [...Map.groupBy(listed, (v) => v.film)]
      .map(([film, listings]) => ({ film, stats: ownFilmStats(listings) }))
      .filter(({ stats }) => stats.viewings > 0);
    const byFilm = (totals: OwnFilmStats[]) => totals.toSorted((a, b) => a.film < b.film ? -1 : 1);
    const totals = byFilm(await store.listOwnFilmStats(viewer));
    assert.deepEqual(totals, byFilm(expected));
    assert.deepEqual(totals.map(({ film, stats }) => [film, stats.viewings]), [
      ["alien-1979", 1],
      [SLUG, 2],
    ]);
    const [first, second] = listed.filter((v) => v.film === SLUG && v.recordedSec);
    assert.equal(totals[1].stats.watchSec, first.recordedSec! + second.recordedSec!);
    assert.deepEqual(await store.listOwnFilmStats("acct-nobody"), []);
  });

  test("the change mark differs after every write and stays while only reads happen", async ({ store }) => {
    const first = await store.changeMark();
    if (first === null) {
      // This adapter cannot tell: it says so every time, and nothing is kept by it.
      await viewingWith(store, sampleMinutes(71, 1));
      assert.equal(await store.changeMark(), null);
      return;
    }
    const marks = [first];
    const changed = async (what: string) => {
      const mark = await store.changeMark();
      assert.ok(!marks.includes(mark!), `${what} changes the mark`);
      marks.push(mark!);
    };
    const id = await viewingWith(store, [], { viewer: "acct-marks" });
    await changed("a film and a viewing created");
    await expectPut(store, "created", id, 0, sampleSeconds(72, 0, 60), at(1));
    await changed("a minute");
    await store.finishViewing(id, at(2));
    await changed("a finish");
    await store.setVerdict(id, 7);
    await changed("a verdict");
    await store.getViewing(id);
    await store.listViewings({ viewer: "acct-marks", limit: 10 });
    await store.listOwnFilmStats("acct-marks");
    await store.readAudience(SLUG);
    assert.equal(await store.changeMark(), marks.at(-1), "reads leave it");
    await store.giveViewings("acct-marks", "acct-other");
    await changed("viewings given to another viewer");
    await store.deleteViewing(id);
    await changed("a delete");
  });

  test("a viewer's own ratings are those of their finished viewings, newest first", async ({ store }) => {
    const viewer = "acct-ratings";
    const finished = [];
    for (const [k, seed] of [61, 62, 63].entries()) {
      const id = await viewingWith(store, sampleMinutes(seed, 2), { viewer, now: at(k * 10) });
      await store.finishViewing(id, at(k * 10 + 5));
      finished.push(id);
    }
    await viewingWith(store, sampleMinutes(64, 1), { viewer, now: at(40) });
    const other = await viewingWith(store, sampleMinutes(65, 2), {
      viewer: "acct-else",
      now: at(50),
    });
    await store.finishViewing(other, at(55));
    const ratingOf = async (id: string) => (await store.getViewing(id))!.summary!.rating;
    const newestFirst = await Promise.all(finished.toReversed().map(ratingOf));
    assert.deepEqual(await store.listOwnRatings(viewer, 10), newestFirst);
    assert.deepEqual(await store.listOwnRatings(viewer, 2), newestFirst.slice(0, 2));
    assert.deepEqual(await store.listOwnRatings("acct-nobody", 10), []);
  });

  test(
    "a verdict and a baseline survive closing and reopening",
    async ({ store, harness, opened }) => {
      const id = await viewingWith(store, sampleMinutes(33, 1), { baseline: BASELINE });
      await store.finishViewing(id, at(1));
      await store.setVerdict(id, 9.5);
      await store.close();
      const reopened = await harness.reopen!();
      opened.push(reopened);
      const viewing = (await reopened.getViewing(id))!;
      assert.deepEqual([viewing.verdict, viewing.baseline], [9.5, BASELINE]);
    },
    { needsRestart: true },
  );

  test("a viewing belongs to its viewer: another viewer can neither read, list nor count it", async ({ store }) => {
    const a = { id: "viewer-a", admin: false };
    const b = { id: "viewer-b", admin: false };
    const minutes = sampleMinutes(41, 2);
    const ofA = await viewingWith(store, minutes, { viewer: a.id });
    const ofB = await viewingWith(store, minutes, { viewer: b.id, now: at(1) });
    const personal = await viewingWith(store, minutes.slice(0, 1), { now: at(2) });
    assert.equal((await store.getViewing(ofA))!.viewer, a.id);
    assert.equal((await store.getViewing(personal))!.viewer, PERSONAL_VIEWER, "the default");
    assert.equal((await findOwnViewing(store, a, ofA))!.id, ofA);
    assert.equal(await findOwnViewing(store, b, ofA), null, "B cannot read A's viewing");
    assert.equal(await findOwnViewing(store, null, ofA), null, "nor can nobody");
    const listed = async (viewer: string) =>
      (await store.listViewings({ viewer, limit: 10 })).map((v) => v.id);
    assert.deepEqual(await listed(a.id), [ofA]);
    assert.deepEqual(await listed(b.id), [ofB]);
    assert.deepEqual(
      (await store.listViewings({ viewer: a.id, film: SLUG, limit: 10 })).map((v) => v.id),
      [ofA],
    );
    assert.equal(await store.countViewings({ viewer: a.id }), 1);
    assert.equal(await store.countViewings({ viewer: a.id, recording: true }), 1);
    assert.equal(await store.countViewings({ viewer: a.id, since: at(1) }), 0, "started at 0");
    await store.finishViewing(ofA, at(3));
    assert.equal(await store.countViewings({ viewer: a.id, recording: true }), 0);
    assert.equal(await store.countFilmViewers(SLUG), 1, "only A's finished viewing counts");
    await store.finishViewing(ofB, at(3));
    await store.finishViewing(personal, at(3));
    assert.equal(await store.countFilmViewers(SLUG), 3, "three distinct viewers");
    await viewingWith(store, minutes, { viewer: a.id, now: at(4) }).then((id) =>
      store.finishViewing(id, at(5))
    );
    assert.equal(await store.countFilmViewers(SLUG), 3, "A's second viewing adds no viewer");
    // Deleting B's viewing takes B out of the count (through the owner check, as routes do).
    assert.ok(await findOwnViewing(store, b, ofB));
    assert.ok(await store.deleteViewing(ofB));
    assert.equal(await store.countFilmViewers(SLUG), 2);
    assert.equal((await store.getViewing(ofA))!.state, "finished", "A's viewing is untouched");
  });

  test("the personal viewings can be given to an account", async ({ store }) => {
    const minutes = sampleMinutes(42, 1);
    const mine = await viewingWith(store, minutes);
    const theirs = await viewingWith(store, minutes, { viewer: "someone" });
    assert.equal(await store.giveViewings(PERSONAL_VIEWER, "first-account"), 1);
    assert.equal((await store.getViewing(mine))!.viewer, "first-account");
    assert.equal((await store.getViewing(theirs))!.viewer, "someone");
    assert.equal(await store.giveViewings(PERSONAL_VIEWER, "first-account"), 0);
  });

  test("accounts: viewers, passkeys, sessions, challenges and recovery codes", async ({ store }) => {
    assert.equal(await store.firstViewer(), null);
    const a = await store.createViewer({ id: "acct-a", name: "Ana", now: T0 });
    assert.deepEqual(a, {
      id: "acct-a",
      name: "Ana",
      createdAt: T0.toISOString(),
      personalAnswered: false,
    });
    await store.createViewer({ id: "acct-0", name: "Bo", now: at(1) });
    assert.equal(await store.firstViewer(), "acct-a", "the first created, not the first by id");
    await store.answerPersonal("acct-a");
    assert.equal((await store.getViewer("acct-a"))!.personalAnswered, true);

    await store.addPasskey({
      id: "cred-1",
      viewer: "acct-a",
      publicKey: "pk1",
      counter: 0,
      transports: ["internal"],
      name: "Laptop",
      now: T0,
    });
    await store.addPasskey({
      id: "cred-2",
      viewer: "acct-0",
      publicKey: "pk2",
      counter: 0,
      transports: [],
      name: "Phone",
      now: T0,
    });
    assert.equal((await store.getPasskey("cred-1"))!.viewer, "acct-a");
    assert.deepEqual((await store.listPasskeys("acct-a")).map((p) => p.id), ["cred-1"]);
    await store.usePasskey("cred-1", 5, at(2));
    await store.usePasskey("cred-1", 3, at(3));
    const used = (await store.getPasskey("cred-1"))!;
    assert.equal(used.counter, 5, "the counter never goes back");
    assert.equal(used.lastUsedAt, at(3).toISOString());
    assert.equal(await store.renamePasskey("acct-0", "cred-1", "Mine now"), false, "not B's");
    assert.equal(await store.removePasskey("acct-0", "cred-1"), false, "not B's");
    assert.equal(await store.renamePasskey("acct-a", "cred-1", "Work laptop"), true);
    assert.equal((await store.getPasskey("cred-1"))!.name, "Work laptop");

    await store.createSession({ idHash: "s1", viewer: "acct-a", now: T0, expiresAt: at(60) });
    await store.createSession({ idHash: "s2", viewer: "acct-a", now: T0, expiresAt: at(60) });
    await store.createSession({ idHash: "s3", viewer: "acct-0", now: T0, expiresAt: at(60) });
    assert.equal((await store.getSession("s1", at(1)))!.viewer, "acct-a");
    assert.equal(await store.getSession("s1", at(60)), null, "expired");
    assert.equal(await store.deleteSessions({ idHash: "s1" }), 1);
    assert.equal(await store.getSession("s1", at(1)), null);
    assert.equal(await store.deleteSessions({ viewer: "acct-a" }), 1, "everywhere: s2");
    assert.ok(await store.getSession("s3", at(1)), "B's session stays");

    const challenge = {
      idHash: "c1",
      challenge: "abc",
      viewer: null,
      name: "Cy",
      purpose: "sign-up" as const,
      expiresAt: at(5).toISOString(),
    };
    await store.putChallenge(challenge);
    assert.deepEqual(await store.takeChallenge("c1", at(1)), challenge);
    assert.equal(await store.takeChallenge("c1", at(1)), null, "one use");
    await store.putChallenge({ ...challenge, idHash: "c2" });
    assert.equal(await store.takeChallenge("c2", at(6)), null, "expired");

    await store.setRecoveryCodes("acct-a", ["h1", "h2"]);
    await store.setRecoveryCodes("acct-0", ["h3"]);
    assert.equal(await store.countRecoveryCodes("acct-a"), 2);
    assert.equal(await store.useRecoveryCode("h1"), "acct-a");
    assert.equal(await store.useRecoveryCode("h1"), null, "one use");
    assert.equal(await store.countRecoveryCodes("acct-a"), 1);
    await store.setRecoveryCodes("acct-a", ["h4"]);
    assert.equal(await store.useRecoveryCode("h2"), null, "replaced");

    assert.equal(await store.deleteViewer("acct-a"), true);
    assert.equal(await store.getViewer("acct-a"), null);
    assert.deepEqual(await store.listPasskeys("acct-a"), []);
    assert.equal(await store.countRecoveryCodes("acct-a"), 0);
    assert.equal(await store.firstViewer(), "acct-0");
    assert.ok(await store.getPasskey("cred-2"), "B's passkey stays");
    assert.equal(await store.countRecoveryCodes("acct-0"), 1);
  });
}
