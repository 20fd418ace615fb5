/**
 * The MongoDB store (`MONGODB_URI`, e.g. Atlas), written for the driver's documented API and
 * run by the contract suite wherever a server is available (`.github/workflows/mongo.yml`).
 *
 * Collections: `films`, `screenings`, one `film.<slug>` per film holding its minute documents
 * (unique on `(screeningId, seq)`), and one `audience.<slug>` per film holding the per-second
 * audience aggregate in per-minute buckets (120 documents for a 2-hour film), updated with `$inc`.
 *
 * No multi-document transactions. Instead every multi-step operation is a sequence of steps
 * that can each be repeated safely, driven by the viewing's `state`:
 * - finishing: `recording` → `finishing` (a conditional update, so writes stop and exactly one
 *   state change wins) → wait for writes already under way → store the summary and the
 *   viewing's effect (computed once, then always read back) → apply the effect to every
 *   audience bucket and to the film's stats → `finished`. Each `$inc` is guarded by a marker in
 *   the same document (`applied` holds the viewing's id once its share is in), so a repeated
 *   step is a no-op and nothing counts twice;
 * - deleting: `deleting` → tombstone and subtract from every bucket and the stats (a tombstone
 *   in `removed` stops any later apply; the subtraction is guarded by `applied`) → delete the
 *   minutes → delete the viewing.
 * - re-opening (a minute for a viewing the idle sweep finished): `finished` → `reopening` →
 *   subtract its share as a delete does → `recording`, one `generation` later. Markers are
 *   keyed by the viewing's id and generation (`applicationKey`), so the next finish applies
 *   afresh and a tombstone of the last one stops nothing new.
 * `recover()` (run on open and by every idle sweep) drives viewings left in `finishing`,
 * `deleting` or `reopening` by a crash to the end; running it while another instance works is
 * safe. Films whose slug predates `filmSlug`'s hash marks are moved once (`mongo_rekey.ts`).
 */
import { createHash } from "node:crypto";
import {
  type AnyBulkWriteOperation,
  type Collection,
  type Db,
  MongoClient,
  MongoServerError,
} from "mongodb";
import { canonicalSeconds } from "@/lib/recording.ts";
import { databaseName } from "@/lib/mongo/uri.ts";
import { runInSlices } from "@/lib/slices.ts";
import { type AudienceSecond, EXPRESSIONS, type RecordedSecond } from "@/lib/recording.ts";
import type { ViewingSummary } from "@/lib/rating/types.ts";
import { BUCKET_SEC, shareByBucket } from "./buckets.ts";
import {
  type Film,
  type FilmInput,
  IDLE_FINISH_MS,
  type KeepAliveResult,
  type NewMinute,
  type NewViewing,
  type PutMinuteResult,
  type Store,
  storedByteLength,
  type StoredMinute,
  type StoredViewing,
  type StoreHooks,
  type Viewing,
  viewingByteLimit,
  type ViewingListing,
  withoutTokenHash,
} from "./port.ts";
import { FILM_ALIASES, rekeyFilms } from "./mongo_rekey.ts";
import {
  type PackedShare,
  packShare,
  type StatsDelta,
  unpackShare,
  viewingEffectSlices,
} from "./viewing_effect.ts";

export interface MongoOptions extends StoreHooks {
  uri: string;
  /** The database; defaults to the one named in the URI, else `reelfeel`. */
  dbName?: string;
  /** How long a finish waits for a write under way before presuming its writer dead. */
  writerLeaseMs?: number;
}

type MongoState = "recording" | "finishing" | "finished" | "deleting" | "reopening";

interface StatsDoc {
  viewings: number;
  finished: number;
  ratingTenths: number;
  ratingHistogram: number[];
  watchSec: number;
  lastWatchedAt: Date | null;
}

interface FilmDoc {
  _id: string;
  title: string;
  year: number | null;
  durationSec: number;
  createdAt: Date;
  stats: StatsDoc;
  /** Viewings whose stats are in `stats`, and viewings whose stats may never be added. */
  statsApplied: string[];
  statsRemoved: string[];
}

interface EffectDoc {
  share: PackedShare | null;
  stats: StatsDelta | null;
  /** What marks this application in buckets and stats (`applicationKey`); the id when absent. */
  key?: string;
}

interface ViewingDoc {
  _id: string;
  film: string;
  durationSec: number;
  tokenHash: string;
  state: MongoState;
  startedAt: Date;
  lastWriteAt: Date | null;
  /** The last write or the start: what the idle sweep compares. */
  activeAt: Date;
  finishedAt: Date | null;
  finishedBy: "viewer" | "idle" | null;
  summary: ViewingSummary | null;
  /** Stored once when finishing; absent before. */
  effect?: EffectDoc;
  /** Writes under way: a finish waits for them (or for their lease to lapse). */
  writers: { id: string; at: Date }[];
  /** Bytes of the minutes' canonical JSON, against `viewingByteLimit`; counted once if absent. */
  storedBytes?: number;
  /** How often the viewing was re-opened (absent: never). */
  generation?: number;
}

interface MinuteDoc {
  screeningId: string;
  seq: number;
  seconds: RecordedSecond[];
  /** SHA-256 of the canonical seconds: a replay is "the same" when this matches. */
  digest: string;
}

/** A bucket: per-second sums as arrays of 60 (`v` viewers, `f` faces, `n0`–`n6` counts, …). */
interface BucketDoc {
  _id: number;
  v: number[];
  f: number[];
  c: number[];
  m: number[];
  applied: string[];
  removed: string[];
  [count: `n${number}`]: number[];
}

const COUNT_FIELDS = EXPRESSIONS.map((_, k) => `n${k}`);
const BUCKET_ARRAYS = ["v", "f", ...COUNT_FIELDS, "c", "m"];
const FILM_PROJECTION = { statsApplied: 0, statsRemoved: 0 } as const;
const SCREENING_PROJECTION = { effect: 0, writers: 0 } as const;
const POLL_MS = 50;

const iso = (date: Date | null | undefined) => date ? date.toISOString() : null;
const isDuplicateKey = (error: unknown) =>
  error instanceof MongoServerError && error.code === 11000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function emptyStats(): StatsDoc {
  return {
    viewings: 0,
    finished: 0,
    ratingTenths: 0,
    ratingHistogram: new Array(10).fill(0),
    watchSec: 0,
    lastWatchedAt: null,
  };
}

function filmOf(doc: Omit<FilmDoc, "statsApplied" | "statsRemoved">): Film {
  return {
    slug: doc._id,
    title: doc.title,
    year: doc.year,
    durationSec: doc.durationSec,
    createdAt: doc.createdAt.toISOString(),
    stats: {
      viewings: doc.stats.viewings,
      finished: doc.stats.finished,
      ratingSum: doc.stats.ratingTenths / 10,
      ratingHistogram: doc.stats.ratingHistogram,
      watchSec: doc.stats.watchSec,
      lastWatchedAt: iso(doc.stats.lastWatchedAt),
    },
  };
}

/** `reopening` is shown as the `recording` it is about to be; `deleting` is never shown. */
function publicState(state: MongoState): Viewing["state"] {
  return state === "reopening" ? "recording" : state as Viewing["state"];
}

/**
 * What marks one finish's application of a viewing's share in buckets and stats: its id, then
 * `id.1`, `id.2`… after each re-open, so that a finish after a re-open applies afresh.
 */
function applicationKey(id: string, generation = 0): string {
  return generation === 0 ? id : `${id}.${generation}`;
}

function viewingOf(doc: ViewingDoc): StoredViewing {
  return {
    id: doc._id,
    film: doc.film,
    durationSec: doc.durationSec,
    // `deleting` never leaves the store: such a viewing is reported as not found.
    state: publicState(doc.state),
    startedAt: doc.startedAt.toISOString(),
    lastWriteAt: iso(doc.lastWriteAt),
    finishedAt: doc.state === "finished" ? iso(doc.finishedAt) : null,
    finishedBy: doc.state === "finished" ? doc.finishedBy : null,
    summary: doc.state === "finished" ? doc.summary : null,
    tokenHash: doc.tokenHash,
  };
}

/** SHA-256 of a minute's canonical seconds (`canonicalSeconds`). */
function digestOf(canonical: string): string {
  return createHash("sha256").update(canonical).digest("hex");
}

/** A new bucket's per-second arrays, all zeros. */
function zeroArrays(): Record<string, number[]> {
  return Object.fromEntries(BUCKET_ARRAYS.map((f) => [f, new Array(BUCKET_SEC).fill(0)]));
}

/** The `$inc` of a bucket's entries: each field of each second, times `sign`. */
function bucketIncrement(entries: readonly AudienceSecond[], sign: 1 | -1): Record<string, number> {
  const inc: Record<string, number> = {};
  for (const s of entries) {
    const i = s.t % BUCKET_SEC;
    const values: [string, number][] = [
      ["v", s.viewers],
      ["f", s.faces],
      ...s.counts.map((count, k): [string, number] => [COUNT_FIELDS[k], count]),
      ["c", s.contribution],
      ["m", s.movement],
    ];
    for (const [field, value] of values) {
      if (value !== 0) inc[`${field}.${i}`] = (inc[`${field}.${i}`] ?? 0) + sign * value;
    }
  }
  return inc;
}

/** Bucket operations adding a viewing's share once: create the bucket, then a guarded `$inc`. */
function applyOps(id: string, entries: readonly AudienceSecond[], bucket: number) {
  return [
    {
      updateOne: {
        filter: { _id: bucket },
        update: { $setOnInsert: { ...zeroArrays(), applied: [], removed: [] } },
        upsert: true,
      },
    },
    {
      updateOne: {
        filter: { _id: bucket, applied: { $ne: id }, removed: { $ne: id } },
        update: { $inc: bucketIncrement(entries, 1), $push: { applied: id } },
      },
    },
  ] as AnyBulkWriteOperation<BucketDoc>[];
}

/** Bucket operations taking a viewing's share out: tombstone first, then a guarded `$inc`. */
function removeOps(id: string, entries: readonly AudienceSecond[], bucket: number) {
  return [
    {
      updateOne: {
        filter: { _id: bucket },
        update: { $setOnInsert: { ...zeroArrays(), applied: [] }, $addToSet: { removed: id } },
        upsert: true,
      },
    },
    {
      updateOne: {
        filter: { _id: bucket, applied: id },
        update: { $inc: bucketIncrement(entries, -1), $pull: { applied: id } },
      },
    },
  ] as AnyBulkWriteOperation<BucketDoc>[];
}

class MongoStore implements Store {
  readonly kind = "mongodb" as const;
  readonly #client: MongoClient;
  readonly #db: Db;
  readonly #hooks: StoreHooks;
  readonly #writerLeaseMs: number;
  readonly #films: Collection<FilmDoc>;
  readonly #screenings: Collection<ViewingDoc>;
  readonly #indexed = new Set<string>();

  constructor(client: MongoClient, db: Db, options: MongoOptions) {
    this.#client = client;
    this.#db = db;
    this.#hooks = options;
    this.#writerLeaseMs = options.writerLeaseMs ?? 30_000;
    this.#films = db.collection<FilmDoc>("films");
    this.#screenings = db.collection<ViewingDoc>("screenings");
  }

  async init(): Promise<void> {
    await this.#screenings.createIndex({ state: 1, activeAt: 1 });
    await this.#screenings.createIndex({ film: 1, state: 1 });
    await this.#screenings.createIndex({ startedAt: -1 });
    await this.#screenings.createIndex({ film: 1, startedAt: -1 });
    await rekeyFilms(this.#db);
  }

  #step(name: string): void {
    this.#hooks.step?.(name);
  }

  #minutes(slug: string): Collection<MinuteDoc> {
    return this.#db.collection<MinuteDoc>(`film.${slug}`);
  }

  #audience(slug: string): Collection<BucketDoc> {
    return this.#db.collection<BucketDoc>(`audience.${slug}`);
  }

  async #ensureFilmIndexes(slug: string): Promise<void> {
    if (this.#indexed.has(slug)) return;
    await this.#minutes(slug).createIndex({ screeningId: 1, seq: 1 }, { unique: true });
    this.#indexed.add(slug);
  }

  async upsertFilm(slug: string, film: FilmInput, now: Date): Promise<Film> {
    const doc = await this.#films.findOneAndUpdate(
      { _id: slug },
      {
        $setOnInsert: {
          title: film.title,
          year: film.year,
          createdAt: now,
          stats: emptyStats(),
          statsApplied: [],
          statsRemoved: [],
        },
        $max: { durationSec: film.durationSec },
      },
      { upsert: true, returnDocument: "after", projection: FILM_PROJECTION },
    );
    await this.#ensureFilmIndexes(slug);
    return filmOf(doc!);
  }

  async getFilm(slug: string): Promise<Film | null> {
    const doc = await this.#films.findOne({ _id: slug }, { projection: FILM_PROJECTION }) ??
      await this.#filmByFormerSlug(slug);
    return doc ? filmOf(doc) : null;
  }

  async #filmByFormerSlug(slug: string) {
    const alias = await this.#db.collection<{ _id: string; film: string }>(FILM_ALIASES)
      .findOne({ _id: slug });
    return alias
      ? await this.#films.findOne({ _id: alias.film }, { projection: FILM_PROJECTION })
      : null;
  }

  async formerSlugs(): Promise<{ slug: string; film: string }[]> {
    const aliases = await this.#db.collection<{ _id: string; film: string }>(FILM_ALIASES)
      .find({}).sort({ _id: 1 }).toArray();
    return aliases.map((alias) => ({ slug: alias._id, film: alias.film }));
  }

  async listFilms(): Promise<Film[]> {
    const docs = await this.#films.find({}, { projection: FILM_PROJECTION })
      .collation({ locale: "en", strength: 2 })
      .sort({ title: 1, _id: 1 })
      .toArray();
    return docs.map(filmOf);
  }

  async createViewing(input: NewViewing): Promise<Viewing> {
    const doc: ViewingDoc = {
      _id: input.id,
      film: input.film,
      durationSec: input.durationSec,
      tokenHash: input.tokenHash,
      state: "recording",
      startedAt: input.now,
      lastWriteAt: null,
      activeAt: input.now,
      finishedAt: null,
      finishedBy: null,
      summary: null,
      writers: [],
      storedBytes: 0,
    };
    await this.#screenings.insertOne(doc);
    return withoutTokenHash(viewingOf(doc));
  }

  async #viewingDoc(id: string): Promise<ViewingDoc | null> {
    const doc = await this.#screenings.findOne({ _id: id }, { projection: SCREENING_PROJECTION });
    return doc && doc.state !== "deleting" ? doc as ViewingDoc : null;
  }

  async getViewing(id: string): Promise<StoredViewing | null> {
    const doc = await this.#viewingDoc(id);
    return doc ? viewingOf(doc) : null;
  }

  async listViewings(query: { film?: string; limit: number }): Promise<ViewingListing[]> {
    const filter = query.film === undefined
      ? { state: { $ne: "deleting" as const } }
      : { film: query.film, state: { $ne: "deleting" as const } };
    // Only the summary's two numbers: a list costs the same however long the films are.
    const docs = await this.#screenings
      .find(filter, {
        projection: {
          film: 1,
          state: 1,
          startedAt: 1,
          finishedAt: 1,
          "summary.rating": 1,
          "summary.recordedSec": 1,
        },
      })
      .sort({ startedAt: -1, _id: -1 })
      .limit(query.limit)
      .toArray();
    return docs.map((doc) => {
      const finished = doc.state === "finished" && doc.summary;
      return {
        id: doc._id,
        film: doc.film,
        state: publicState(doc.state),
        startedAt: doc.startedAt.toISOString(),
        finishedAt: doc.state === "finished" ? iso(doc.finishedAt) : null,
        rating: finished ? doc.summary!.rating : null,
        recordedSec: finished ? doc.summary!.recordedSec : null,
      };
    });
  }

  async #existingMinute(
    slug: string,
    screeningId: string,
    seq: number,
    digest: string,
  ): Promise<PutMinuteResult | null> {
    const existing = await this.#minutes(slug).findOne(
      { screeningId, seq },
      { projection: { digest: 1 } },
    );
    if (!existing) return null;
    return existing.digest === digest ? "unchanged" : "conflict";
  }

  async putMinute(input: NewMinute): Promise<PutMinuteResult> {
    const { screeningId, seq, seconds, now } = input;
    const viewing = await this.#viewingDoc(screeningId);
    if (!viewing) return "not-found";
    const canonical = canonicalSeconds(seconds);
    const digest = digestOf(canonical);
    const replay = await this.#existingMinute(viewing.film, screeningId, seq, digest);
    if (replay) return replay;
    // The viewer's finish is final; the idle sweep's is undone by a minute arriving after it.
    if (viewing.state !== "recording" && viewing.finishedBy !== "idle") return "finished";
    const bytes = storedByteLength(canonical);
    const room = viewingByteLimit(viewing.durationSec) - bytes;
    if ((viewing.storedBytes ?? await this.#countStoredBytes(viewing)) > room) return "full";
    if (viewing.state !== "recording") await this.#reopen(screeningId, now);

    // Register the write on the viewing, atomically with the checks that it is recording and
    // has room: a finish that starts after this waits for the write to land (#awaitWriters).
    const writer = { id: crypto.randomUUID(), at: new Date() };
    const registered = await this.#screenings.updateOne(
      { _id: screeningId, state: "recording", storedBytes: { $lte: room } },
      { $push: { writers: writer }, $max: { activeAt: now }, $inc: { storedBytes: bytes } },
    );
    if (registered.matchedCount === 0) {
      const latest = await this.#viewingDoc(screeningId);
      if (!latest) return "not-found";
      return latest.state === "recording" ? "full" : "finished";
    }
    let created = false;
    try {
      await this.#ensureFilmIndexes(viewing.film);
      await this.#minutes(viewing.film).insertOne({ screeningId, seq, seconds, digest });
      created = true;
      this.#step("put:inserted");
      return "created";
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      // Another request stored this seq first: answer as a replay of it.
      return (await this.#existingMinute(viewing.film, screeningId, seq, digest)) ?? "conflict";
    } finally {
      await this.#screenings.updateOne(
        { _id: screeningId },
        created
          ? { $pull: { writers: { id: writer.id } }, $max: { lastWriteAt: now } }
          : { $pull: { writers: { id: writer.id } }, $inc: { storedBytes: -bytes } },
      );
    }
  }

  /** Counts a viewing's stored bytes once, for a viewing stored before they were counted. */
  async #countStoredBytes(viewing: ViewingDoc): Promise<number> {
    let bytes = 0;
    for (const minute of await this.#readMinutes(viewing.film, viewing._id)) {
      bytes += storedByteLength(canonicalSeconds(minute.seconds));
    }
    await this.#screenings.updateOne(
      { _id: viewing._id, storedBytes: { $exists: false } },
      { $set: { storedBytes: bytes } },
    );
    return (await this.#viewingDoc(viewing._id))?.storedBytes ?? bytes;
  }

  /**
   * Re-opens a viewing the idle sweep finished (or is finishing): once its finish is complete,
   * it is marked `reopening`, its share taken out of the film, and it records again.
   */
  async #reopen(id: string, now: Date): Promise<void> {
    if ((await this.#viewingDoc(id))?.state === "finishing") await this.#completeFinish(id);
    await this.#screenings.updateOne(
      { _id: id, state: "finished", finishedBy: "idle" },
      { $set: { state: "reopening" }, $max: { activeAt: now } },
    );
    this.#step("reopen:marked");
    await this.#completeReopen(id);
  }

  /** Steps of a re-open after the mark; each is safe to repeat, by any instance. */
  async #completeReopen(id: string): Promise<void> {
    const doc = await this.#screenings.findOne(
      { _id: id },
      { projection: { summary: 0 } },
    ) as ViewingDoc | null;
    if (!doc || doc.state !== "reopening") return;
    const effect = doc.effect;
    if (effect?.share && effect.stats) {
      const key = effect.key ?? id;
      const buckets = [...shareByBucket(unpackShare(effect.share))];
      await this.#audience(doc.film).bulkWrite(
        buckets.flatMap(([bucket, entries]) => removeOps(key, entries, bucket)),
        { ordered: true },
      );
      this.#step("reopen:audience");
      await this.#removeStats(doc.film, id, key, effect.stats, doc.lastWriteAt ?? doc.startedAt);
      this.#step("reopen:stats");
    }
    await this.#screenings.updateOne(
      { _id: id, state: "reopening" },
      {
        $set: {
          state: "recording",
          finishedAt: null,
          finishedBy: null,
          summary: null,
          writers: [],
          generation: (doc.generation ?? 0) + 1,
        },
        $unset: { effect: "" },
      },
    );
    this.#step("reopen:state");
  }

  async keepAlive(id: string, now: Date): Promise<KeepAliveResult> {
    const noted = await this.#screenings.updateOne(
      { _id: id, state: "recording" },
      { $max: { activeAt: now } },
    );
    if (noted.matchedCount > 0) return "alive";
    const doc = await this.#viewingDoc(id);
    if (!doc) return "not-found";
    if (doc.state === "recording" || doc.state === "reopening") return "alive";
    return doc.finishedBy === "idle" ? "idle-finished" : "finished";
  }

  async #readMinutes(slug: string, screeningId: string): Promise<StoredMinute[]> {
    const docs = await this.#minutes(slug)
      .find({ screeningId }, { projection: { _id: 0, seq: 1, seconds: 1 } })
      .sort({ seq: 1 })
      .toArray();
    return docs.map((doc) => ({ seq: doc.seq, seconds: doc.seconds }));
  }

  async listMinutes(screeningId: string): Promise<StoredMinute[] | null> {
    const viewing = await this.#viewingDoc(screeningId);
    return viewing ? await this.#readMinutes(viewing.film, screeningId) : null;
  }

  async finishViewing(
    id: string,
    now: Date,
    by: "viewer" | "idle" = "viewer",
  ): Promise<Viewing | null> {
    if (by === "viewer") {
      // The viewer confirms what the idle sweep did: from now on a late minute is refused.
      await this.#screenings.updateOne(
        { _id: id, state: "finished", finishedBy: "idle" },
        { $set: { finishedBy: "viewer" } },
      );
    }
    const viewing = await this.#finish(id, now, by, null);
    return viewing && withoutTokenHash(viewing);
  }

  /** Drives a viewing to `finished`; with `idleSince`, starts only if idle since then. */
  async #finish(
    id: string,
    now: Date,
    by: "viewer" | "idle",
    idleSince: Date | null,
  ): Promise<StoredViewing | null> {
    const frozen = await this.#screenings.findOneAndUpdate(
      idleSince
        ? { _id: id, state: "recording", activeAt: { $lte: idleSince } }
        : { _id: id, state: "recording" },
      { $set: { state: "finishing", finishedAt: now, finishedBy: by } },
      { returnDocument: "after", projection: { _id: 1 } },
    );
    if (!frozen) {
      const doc = await this.#viewingDoc(id);
      if (doc?.state === "reopening" && idleSince === null) {
        // The viewer finishes a viewing a late minute is re-opening: let it record, then finish.
        await this.#completeReopen(id);
        return await this.#finish(id, now, by, idleSince);
      }
      // Finished, still recording (a write kept it open), or gone: nothing for us to do.
      if (!doc || doc.state !== "finishing") return doc ? viewingOf(doc) : null;
    }
    this.#step("finish:frozen");
    return await this.#completeFinish(id);
  }

  /** Steps of a finish after the freeze; each is safe to repeat, by any instance. */
  async #completeFinish(id: string): Promise<StoredViewing | null> {
    const doc = await this.#awaitWriters(id);
    if (!doc) return null;
    let effect = doc.effect;
    if (!effect) {
      // Computed in slices: other requests are answered meanwhile.
      const computed = await runInSlices(
        viewingEffectSlices(await this.#readMinutes(doc.film, id), doc.durationSec),
      );
      // Stored once: whoever stores it first wins, and everyone applies what was stored.
      await this.#screenings.updateOne(
        { _id: id, state: "finishing", effect: { $exists: false } },
        {
          $set: {
            summary: computed.summary,
            effect: {
              share: computed.stats ? packShare(computed.share) : null,
              stats: computed.stats,
              key: applicationKey(id, doc.generation),
            },
          },
        },
      );
      this.#step("finish:summary");
      const stored = await this.#screenings.findOne({ _id: id }, {
        projection: { effect: 1, state: 1 },
      });
      if (!stored || stored.state !== "finishing" || !stored.effect) {
        return await this.getViewing(id);
      }
      effect = stored.effect;
    }
    if (effect.share && effect.stats) {
      const key = effect.key ?? id;
      const buckets = [...shareByBucket(unpackShare(effect.share))];
      // In two round trips, so that a crash test can stop it half way.
      const half = Math.ceil(buckets.length / 2);
      const parts = [buckets.slice(0, half), buckets.slice(half)];
      for (const [i, part] of parts.entries()) {
        if (part.length > 0) {
          await this.#audience(doc.film).bulkWrite(
            part.flatMap(([bucket, entries]) => applyOps(key, entries, bucket)),
            { ordered: true },
          );
        }
        this.#step(i === 0 ? "finish:audience-half" : "finish:audience");
      }
      await this.#applyStats(doc.film, key, effect.stats, doc.lastWriteAt ?? doc.startedAt);
      this.#step("finish:stats");
    }
    await this.#screenings.updateOne(
      { _id: id, state: "finishing" },
      { $set: { state: "finished" }, $unset: { writers: "" } },
    );
    return await this.getViewing(id);
  }

  /**
   * Waits until no write registered before the viewing left `recording` is under way (or
   * its lease lapsed), and returns the viewing if it is still in `state`.
   */
  async #awaitWriters(
    id: string,
    state: "finishing" | "deleting" = "finishing",
  ): Promise<ViewingDoc | null> {
    for (;;) {
      const doc = await this.#screenings.findOne(
        { _id: id },
        { projection: { summary: 0 } },
      ) as ViewingDoc | null;
      if (!doc || doc.state !== state) return null;
      const lapsed = Date.now() - this.#writerLeaseMs;
      if (!(doc.writers ?? []).some((w) => w.at.getTime() > lapsed)) return doc;
      await sleep(POLL_MS);
    }
  }

  async #applyStats(slug: string, key: string, stats: StatsDelta, watchedAt: Date) {
    await this.#films.updateOne(
      { _id: slug, statsApplied: { $ne: key }, statsRemoved: { $ne: key } },
      {
        $inc: {
          "stats.viewings": stats.viewings,
          "stats.finished": stats.finished,
          "stats.ratingTenths": stats.ratingTenths,
          [`stats.ratingHistogram.${stats.ratingBin}`]: 1,
          "stats.watchSec": stats.watchSec,
        },
        $max: { "stats.lastWatchedAt": watchedAt },
        $push: { statsApplied: key },
      },
    );
  }

  /** Takes out the stats applied under `key` (viewing `id`'s), once, tombstone first. */
  async #removeStats(slug: string, id: string, key: string, stats: StatsDelta, watchedAt: Date) {
    await this.#films.updateOne({ _id: slug }, { $addToSet: { statsRemoved: key } });
    const removed = await this.#films.updateOne(
      { _id: slug, statsApplied: key },
      {
        $inc: {
          "stats.viewings": -stats.viewings,
          "stats.finished": -stats.finished,
          "stats.ratingTenths": -stats.ratingTenths,
          [`stats.ratingHistogram.${stats.ratingBin}`]: -1,
          "stats.watchSec": -stats.watchSec,
        },
        $pull: { statsApplied: key },
      },
    );
    if (removed.modifiedCount === 0) return;
    // The latest viewing may have been this one: take the latest of those still counted.
    const [latest] = await this.#screenings
      .find({
        film: slug,
        state: "finished",
        _id: { $ne: id },
        "effect.stats": { $type: "object" },
      })
      .project<{ lastWriteAt: Date | null; startedAt: Date }>({ lastWriteAt: 1, startedAt: 1 })
      .sort({ lastWriteAt: -1 })
      .limit(1)
      .toArray();
    await this.#films.updateOne(
      { _id: slug, "stats.lastWatchedAt": watchedAt },
      { $set: { "stats.lastWatchedAt": latest ? latest.lastWriteAt ?? latest.startedAt : null } },
    );
  }

  async finishIdleViewings(now: Date, idleMs = IDLE_FINISH_MS): Promise<string[]> {
    await this.recover();
    const idleSince = new Date(now.getTime() - idleMs);
    const idle = await this.#screenings
      .find({ state: "recording", activeAt: { $lte: idleSince } })
      .project<{ _id: string }>({ _id: 1 })
      .toArray();
    const finished: string[] = [];
    for (const { _id } of idle) {
      const viewing = await this.#finish(_id, now, "idle", idleSince);
      if (viewing?.state === "finished" && viewing.finishedBy === "idle") finished.push(_id);
    }
    return finished;
  }

  async deleteViewing(id: string): Promise<boolean> {
    const before = await this.#screenings.findOneAndUpdate(
      { _id: id, state: { $ne: "deleting" } },
      { $set: { state: "deleting" } },
      { returnDocument: "before", projection: { _id: 1 } },
    );
    if (!before) return false;
    this.#step("delete:marked");
    await this.#completeDelete(id);
    return true;
  }

  /** Steps of a delete after the mark; each is safe to repeat, by any instance. */
  async #completeDelete(id: string): Promise<void> {
    // A write under way could otherwise land after its minutes were deleted.
    const doc = await this.#awaitWriters(id, "deleting");
    if (!doc) return;
    // A finish in progress stores its effect only while `finishing`, so what is stored now is
    // all that can ever have been applied.
    if (doc.effect?.share && doc.effect.stats) {
      const key = doc.effect.key ?? id;
      const buckets = [...shareByBucket(unpackShare(doc.effect.share))];
      await this.#audience(doc.film).bulkWrite(
        buckets.flatMap(([bucket, entries]) => removeOps(key, entries, bucket)),
        { ordered: true },
      );
      this.#step("delete:audience");
      const watchedAt = doc.lastWriteAt ?? doc.startedAt;
      await this.#removeStats(doc.film, id, key, doc.effect.stats, watchedAt);
      this.#step("delete:stats");
    }
    await this.#minutes(doc.film).deleteMany({ screeningId: id });
    this.#step("delete:minutes");
    await this.#screenings.deleteOne({ _id: id, state: "deleting" });
  }

  async readAudience(slug: string): Promise<AudienceSecond[]> {
    const buckets = await this.#audience(slug)
      .find({}, { projection: { applied: 0, removed: 0 } })
      .sort({ _id: 1 })
      .toArray();
    const seconds: AudienceSecond[] = [];
    for (const b of buckets) {
      for (let i = 0; i < BUCKET_SEC; i++) {
        if (!(b.v[i] > 0)) continue;
        seconds.push({
          t: b._id * BUCKET_SEC + i,
          viewers: b.v[i],
          faces: b.f[i],
          counts: COUNT_FIELDS.map((field) => (b[field as `n${number}`] as number[])[i]),
          contribution: b.c[i],
          movement: b.m[i],
        });
      }
    }
    return seconds;
  }

  async recover(): Promise<void> {
    const stuck = await this.#screenings
      .find({ state: { $in: ["finishing", "deleting", "reopening"] } })
      .project<{ _id: string; state: MongoState }>({ _id: 1, state: 1 })
      .toArray();
    for (const { _id, state } of stuck) {
      if (state === "finishing") await this.#completeFinish(_id);
      else if (state === "reopening") await this.#completeReopen(_id);
      else await this.#completeDelete(_id);
    }
  }

  async close(): Promise<void> {
    await this.#client.close();
  }
}

/** Connects to MongoDB, creates the indexes, and completes anything a crash left half done. */
export async function openMongoStore(options: MongoOptions): Promise<Store> {
  const client = new MongoClient(options.uri, {
    // Acknowledged only once a majority has it in its journal: an acknowledged minute survives.
    writeConcern: { w: "majority", journal: true },
  });
  await client.connect();
  const store = new MongoStore(
    client,
    client.db(options.dbName ?? databaseName(options.uri)),
    options,
  );
  try {
    await store.init();
    await store.recover();
  } catch (error) {
    await client.close();
    throw error;
  }
  return store;
}
