/**
 * The MongoDB store (`MONGODB_URI`, e.g. Atlas), written for the driver's documented API and
 * run by the contract suite wherever a server is available (`.github/workflows/mongo.yml`).
 *
 * Collections: `films`, `screenings`, one `film.<slug>` per film holding its minute documents
 * (unique on `(screeningId, seq)`), and one `audience.<slug>` per film holding the per-second
 * audience aggregate in per-minute buckets (120 documents for a 2-hour film), updated with `$inc`.
 *
 * Only standard MongoDB operations, and no multi-document transactions (so it runs on any
 * deployment, Atlas's free tier included). Instead every multi-step operation is a sequence of
 * steps that can each be repeated safely, driven by the screening's `state`:
 * - finishing: `recording` → `finishing` (a conditional update, so writes stop and exactly one
 *   state change wins) → wait for writes already under way → store the summary and the
 *   viewing's effect (computed once, then always read back) → add the effect to the film's
 *   aggregates (below) → `finished`;
 * - deleting: `deleting` → take the effect out of the aggregates if it was in → delete the
 *   minutes → delete the screening;
 * - re-opening (a minute for a viewing the idle sweep finished): `finished` → `reopening` →
 *   take the effect out of the aggregates, as a delete does → `recording` again, one
 *   `generation` later, so that its next finish computes and adds its effect afresh.
 *
 * The film's aggregates (its audience buckets and its stats) change one operation at a time
 * under the film's lock: a lease on the film document (`lock`, renewed between steps) with a
 * token from an ever-increasing counter (`fence`). The operation under way is recorded on the
 * film (`current`) before it starts, and whoever takes the lock next completes it before
 * anything else. Each aggregate document remembers only the last operation it took (`op`) and
 * the newest token that wrote it (`fence`), and an update applies only when neither forbids it.
 * Because operations never interleave, that is enough to count each exactly once, even when
 * a holder stalls past its lease and wakes up: its late writes meet a newer token and are
 * refused. Nothing grows with the number of viewings (a list of applied viewings per document
 * would reach MongoDB's 16 MB document limit at about 400,000 viewings of one film).
 *
 * A viewing holds at most `viewingByteLimit` bytes of minutes (`storedBytes`, counted once for
 * viewings stored before it was kept). `recover()` (run on open and by every idle sweep) drives
 * screenings left in `finishing`, `deleting` or `reopening` by a crash to the end; running it
 * while another instance works is safe. Films whose slug predates `filmSlug`'s hash marks move
 * once, when the store opens (`mongo_rekey.ts`).
 */
import { createHash } from "node:crypto";
import {
  type AnyBulkWriteOperation,
  type Collection,
  type Db,
  MongoBulkWriteError,
  MongoClient,
  MongoServerError,
} from "mongodb";
import { canonicalSeconds } from "@/lib/recording.ts";
import { databaseName } from "@/lib/mongo/uri.ts";
import { runInSlices } from "@/lib/slices.ts";
import { type AudienceSecond, EXPRESSIONS, type RecordedSecond } from "@/lib/recording.ts";
import type { ViewingSummary } from "@/lib/rating/types.ts";
import type { VerdictExample } from "@/lib/rating/personal_model.ts";
import type { Baseline } from "@/lib/emotion/calibration.ts";
import { BUCKET_SEC, shareByBucket } from "./buckets.ts";
import {
  type ChallengeRecord,
  type Film,
  type FilmInput,
  IDLE_FINISH_MS,
  type KeepAliveResult,
  type NewMinute,
  type NewViewing,
  type OwnFilmStats,
  type PasskeyRecord,
  PERSONAL_VIEWER,
  type PutMinuteResult,
  type SessionRecord,
  type Store,
  storedByteLength,
  type StoredMinute,
  type StoredViewing,
  type StoreHooks,
  type ViewerRecord,
  type Viewing,
  viewingByteLimit,
  type ViewingCount,
  type ViewingListing,
  type ViewingQuery,
  type ViewingReadOptions,
  withoutTokenHash,
} from "./port.ts";
import { FILM_ALIASES, rekeyFilms } from "./mongo_rekey.ts";
import {
  ownFilmStats,
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
  /**
   * How long a claim holds before its instance is presumed dead: a write under way (a finish
   * waits for it) and a film's aggregate lock (renewed between steps). 30 s by default.
   */
  leaseMs?: number;
  /** A connected client to share (as tests do); the store then leaves it open when closed. */
  client?: MongoClient;
  /**
   * As in StoreHooks; a promise returned here is awaited, so that a test can stall this
   * instance at a step (past its lease, as a paused process would).
   */
  step?(name: string): void | Promise<void>;
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

/** A change to a film's aggregates: a screening's share added (`sign` 1) or taken out (-1). */
interface AggregateOp {
  screening: string;
  sign: 1 | -1;
}

interface FilmDoc {
  _id: string;
  title: string;
  year: number | null;
  durationSec: number;
  createdAt: Date;
  stats: StatsDoc;
  /** The last lock token issued for this film's aggregates. */
  fence: number;
  /** Who may change the aggregates, until when (renewed between steps); null when free. */
  lock: { token: number; until: Date } | null;
  /** The aggregate operation under way: the next holder of the lock completes it first. */
  current: AggregateOp | null;
  /** The last operation applied to `stats` (`opKey`). */
  statsOp: string | null;
}

interface EffectDoc {
  share: PackedShare | null;
  stats: StatsDelta | null;
}

interface ViewingDoc {
  _id: string;
  /** Its viewer (screenings stored before viewers were given to `PERSONAL_VIEWER` at start). */
  viewer: string;
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
  /** Whether the effect is in the film's aggregates (changed only under the film's lock). */
  applied: boolean;
  /** The newest film lock token that changed `applied`: older ones are refused. */
  fence: number;
  /** Writes under way: a finish waits for them (or for their lease to lapse). */
  writers: { id: string; at: Date }[];
  /** Bytes of the minutes' canonical JSON, against `viewingByteLimit`; counted once if absent. */
  storedBytes?: number;
  /** How often the viewing was re-opened (absent in screenings stored before: never). */
  generation?: number;
  /** The calibration's baseline (absent in screenings stored before, or null: none). */
  baseline?: Baseline | null;
  /** The viewer's verdict, 0–10 (absent or null: none). */
  verdict?: number | null;
}

interface ViewerDoc {
  _id: string;
  name: string;
  createdAt: Date;
  personalAnswered: boolean;
}

interface PasskeyDoc {
  _id: string;
  viewer: string;
  publicKey: string;
  counter: number;
  transports: string[];
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

interface SessionDoc {
  _id: string;
  viewer: string;
  createdAt: Date;
  expiresAt: Date;
}

interface ChallengeDoc {
  _id: string;
  challenge: string;
  viewer: string | null;
  name: string | null;
  purpose: ChallengeRecord["purpose"];
  expiresAt: Date;
}

interface RecoveryCodeDoc {
  _id: string;
  viewer: string;
}

function viewerOf(doc: ViewerDoc): ViewerRecord {
  return {
    id: doc._id,
    name: doc.name,
    createdAt: doc.createdAt.toISOString(),
    personalAnswered: doc.personalAnswered,
  };
}

function passkeyOf(doc: PasskeyDoc): PasskeyRecord {
  return {
    id: doc._id,
    viewer: doc.viewer,
    publicKey: doc.publicKey,
    counter: doc.counter,
    transports: doc.transports,
    name: doc.name,
    createdAt: doc.createdAt.toISOString(),
    lastUsedAt: iso(doc.lastUsedAt),
  };
}

interface MinuteDoc {
  screeningId: string;
  seq: number;
  seconds: RecordedSecond[];
  /** SHA-256 of the canonical seconds: a replay is "the same" when this matches. */
  digest: string;
}

/**
 * A bucket: per-second sums as arrays of 60 (`v` viewers, `f` faces, `n0`–`n6` counts, …),
 * the last aggregate operation it took (`opKey`) and the newest lock token that wrote it.
 */
interface BucketDoc {
  _id: number;
  v: number[];
  f: number[];
  c: number[];
  m: number[];
  op: string | null;
  fence: number;
  [count: `n${number}`]: number[];
}

const COUNT_FIELDS = EXPRESSIONS.map((_, k) => `n${k}`);
const BUCKET_ARRAYS = ["v", "f", ...COUNT_FIELDS, "c", "m"];
const FILM_PROJECTION = {
  title: 1,
  year: 1,
  durationSec: 1,
  createdAt: 1,
  stats: 1,
} as const;
const SCREENING_PROJECTION = { effect: 0, writers: 0 } as const;
const POLL_MS = 50;
/**
 * Attempts of a put whose screening changes under it (the sweep finishes it: the put re-opens
 * it), and of a viewer's finish whose screening a late minute re-opens under it, before
 * answering with what is there.
 */
const RACE_ATTEMPTS = 3;
/** Films sort as MongoDB's `{ locale: "en", strength: 2 }` collation would: case aside. */
const TITLE_ORDER = new Intl.Collator("en", { sensitivity: "accent" });

/** Thrown when the film's lock passed to another instance (this one stalled past its lease). */
class LostLock extends Error {}

/** An operation's mark in the documents it changed: `+id` added, `-id` taken out. */
const opKey = (op: AggregateOp) => `${op.sign > 0 ? "+" : "-"}${op.screening}`;

const iso = (date: Date | null | undefined) => date ? date.toISOString() : null;
const isDuplicateKey = (error: unknown) =>
  error instanceof MongoBulkWriteError
    ? [error.writeErrors].flat().every((e) => e.code === 11000)
    : error instanceof MongoServerError && error.code === 11000;
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

function filmOf(doc: Pick<FilmDoc, keyof typeof FILM_PROJECTION | "_id">): Film {
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

/** Matches the screening's generation as read in `doc` (absent in those stored before). */
function sameGeneration(doc: Pick<ViewingDoc, "generation">): number | { $exists: false } {
  return doc.generation ?? { $exists: false };
}

function viewingOf(doc: ViewingDoc): StoredViewing {
  return {
    id: doc._id,
    viewer: doc.viewer ?? PERSONAL_VIEWER,
    film: doc.film,
    durationSec: doc.durationSec,
    // `deleting` never leaves the store: such a screening is reported as not found.
    state: publicState(doc.state),
    startedAt: doc.startedAt.toISOString(),
    lastWriteAt: iso(doc.lastWriteAt),
    finishedAt: doc.state === "finished" ? iso(doc.finishedAt) : null,
    finishedBy: doc.state === "finished" ? doc.finishedBy : null,
    summary: doc.state === "finished" ? doc.summary : null,
    baseline: doc.baseline ?? null,
    verdict: doc.verdict ?? null,
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

/**
 * The write of one aggregate operation to one (existing) bucket: an `$inc` that applies
 * unless the bucket already took this operation or a newer lock holder wrote it.
 */
function bucketUpdate(
  op: AggregateOp,
  token: number,
  entries: readonly AudienceSecond[],
  bucket: number,
): AnyBulkWriteOperation<BucketDoc> {
  const key = opKey(op);
  return {
    updateOne: {
      filter: { _id: bucket, op: { $ne: key }, fence: { $lte: token } },
      update: { $inc: bucketIncrement(entries, op.sign), $set: { op: key, fence: token } },
    },
  } as AnyBulkWriteOperation<BucketDoc>;
}

class MongoStore implements Store {
  readonly kind = "mongodb" as const;
  readonly #client: MongoClient | null;
  readonly #db: Db;
  readonly #hooks: MongoOptions;
  readonly #leaseMs: number;
  readonly #films: Collection<FilmDoc>;
  readonly #screenings: Collection<ViewingDoc>;
  readonly #viewers: Collection<ViewerDoc>;
  readonly #passkeys: Collection<PasskeyDoc>;
  readonly #sessions: Collection<SessionDoc>;
  readonly #challenges: Collection<ChallengeDoc>;
  readonly #recoveryCodes: Collection<RecoveryCodeDoc>;
  readonly #indexed = new Set<string>();
  /** This instance's settling of each film under way: the others here wait for it. */
  readonly #settling = new Map<string, Promise<void>>();

  /** `client` is closed with the store; null when the client is shared. */
  constructor(client: MongoClient | null, db: Db, options: MongoOptions) {
    this.#client = client;
    this.#db = db;
    this.#hooks = options;
    this.#leaseMs = options.leaseMs ?? 30_000;
    this.#films = db.collection<FilmDoc>("films");
    this.#screenings = db.collection<ViewingDoc>("screenings");
    this.#viewers = db.collection<ViewerDoc>("viewers");
    this.#passkeys = db.collection<PasskeyDoc>("passkeys");
    this.#sessions = db.collection<SessionDoc>("sessions");
    this.#challenges = db.collection<ChallengeDoc>("challenges");
    this.#recoveryCodes = db.collection<RecoveryCodeDoc>("recovery_codes");
  }

  async init(): Promise<void> {
    await this.#screenings.createIndex({ state: 1, activeAt: 1 });
    await this.#screenings.createIndex({ film: 1, state: 1 });
    await this.#screenings.createIndex({ startedAt: -1 });
    await this.#screenings.createIndex({ film: 1, startedAt: -1 });
    await this.#screenings.createIndex({ viewer: 1, startedAt: -1 });
    await this.#screenings.createIndex({ film: 1, viewer: 1 });
    // The personal model's read: one viewer's viewings with a verdict, oldest first.
    await this.#screenings.createIndex({ viewer: 1, verdict: 1, startedAt: 1 });
    // Screenings stored before viewers existed belong to the personal viewer.
    await this.#screenings.updateMany(
      { viewer: { $exists: false } },
      { $set: { viewer: PERSONAL_VIEWER } },
    );
    await this.#viewers.createIndex({ createdAt: 1, _id: 1 });
    await this.#passkeys.createIndex({ viewer: 1, createdAt: 1 });
    await this.#sessions.createIndex({ viewer: 1 });
    await this.#recoveryCodes.createIndex({ viewer: 1 });
    await rekeyFilms(this.#db);
  }

  async #step(name: string): Promise<void> {
    await this.#hooks.step?.(name);
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
          fence: 0,
          lock: null,
          current: null,
          statsOp: null,
        },
        $max: { durationSec: film.durationSec },
      },
      // The whole document (a few hundred bytes): a projection here is not supported everywhere.
      { upsert: true, returnDocument: "after" },
    );
    await this.#ensureFilmIndexes(slug);
    return filmOf(doc!);
  }

  async getFilm(slug: string): Promise<Film | null> {
    const doc = await this.#films.findOne({ _id: slug }, { projection: FILM_PROJECTION }) ??
      await this.#filmByFormerSlug(slug);
    return doc ? filmOf(doc) : null;
  }

  async getFilms(slugs: readonly string[]): Promise<Film[]> {
    if (slugs.length === 0) return [];
    const unique = [...new Set(slugs)];
    const docs = await this.#films.find({ _id: { $in: unique } }, { projection: FILM_PROJECTION })
      .toArray();
    return docs.map(filmOf);
  }

  async #filmByFormerSlug(slug: string) {
    const alias = await this.#aliases().findOne({ _id: slug });
    return alias
      ? await this.#films.findOne({ _id: alias.film }, { projection: FILM_PROJECTION })
      : null;
  }

  #aliases(): Collection<{ _id: string; film: string }> {
    return this.#db.collection<{ _id: string; film: string }>(FILM_ALIASES);
  }

  async formerSlugs(): Promise<{ slug: string; film: string }[]> {
    const aliases = await this.#aliases().find({}).sort({ _id: 1 }).toArray();
    return aliases.map((alias) => ({ slug: alias._id, film: alias.film }));
  }

  async listFilms(): Promise<Film[]> {
    // All of them are read anyway, so they are sorted here rather than with a collation.
    const docs = await this.#films.find({}, { projection: FILM_PROJECTION }).toArray();
    return docs
      .sort((a, b) => TITLE_ORDER.compare(a.title, b.title) || (a._id < b._id ? -1 : 1))
      .map(filmOf);
  }

  async createViewing(input: NewViewing): Promise<Viewing> {
    const doc: ViewingDoc = {
      _id: input.id,
      viewer: input.viewer ?? PERSONAL_VIEWER,
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
      applied: false,
      fence: 0,
      writers: [],
      storedBytes: 0,
      generation: 0,
      baseline: input.baseline ?? null,
      verdict: null,
    };
    await this.#screenings.insertOne(doc);
    return withoutTokenHash(viewingOf(doc));
  }

  async #viewingDoc(id: string): Promise<ViewingDoc | null> {
    const doc = await this.#screenings.findOne({ _id: id }, { projection: SCREENING_PROJECTION });
    return doc && doc.state !== "deleting" ? doc as ViewingDoc : null;
  }

  async getViewing(id: string, options: ViewingReadOptions = {}): Promise<StoredViewing | null> {
    if (options.perSecond !== false) {
      const doc = await this.#viewingDoc(id);
      return doc ? viewingOf(doc) : null;
    }
    const doc = await this.#screenings.findOne({ _id: id }, {
      projection: { ...SCREENING_PROJECTION, "summary.perSecond": 0 },
    });
    if (!doc || doc.state === "deleting") return null;
    const viewing = viewingOf(doc as ViewingDoc);
    if (viewing.summary) viewing.summary.perSecond = [];
    return viewing;
  }

  async listOwnFilmStats(viewer: string): Promise<OwnFilmStats[]> {
    const docs = await this.#screenings
      .find({ viewer, state: "finished" }, {
        projection: { film: 1, finishedAt: 1, "summary.rating": 1, "summary.recordedSec": 1 },
      })
      .toArray();
    const byFilm = Map.groupBy(docs, (doc) => doc.film);
    return [...byFilm].map(([film, viewings]) => ({
      film,
      stats: ownFilmStats(viewings.map((doc) => ({
        state: "finished" as const,
        finishedAt: iso(doc.finishedAt),
        rating: doc.summary?.rating ?? null,
        recordedSec: doc.summary?.recordedSec ?? null,
      }))),
    })).filter(({ stats }) => stats.viewings > 0);
  }

  async listOwnRatings(viewer: string, limit: number): Promise<number[]> {
    const docs = await this.#screenings
      .find({ viewer, state: "finished" }, { projection: { "summary.rating": 1 } })
      .sort({ startedAt: -1, _id: -1 })
      .limit(limit)
      .toArray();
    return docs.flatMap((doc) =>
      typeof doc.summary?.rating === "number" ? [doc.summary.rating] : []
    );
  }

  async listViewings(query: ViewingQuery): Promise<ViewingListing[]> {
    const filter = {
      ...(query.viewer === undefined ? {} : { viewer: query.viewer }),
      ...(query.film === undefined ? {} : { film: query.film }),
      state: { $ne: "deleting" as const },
    };
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
          verdict: 1,
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
        verdict: typeof doc.verdict === "number" ? doc.verdict : null,
      };
    });
  }

  async countViewings(query: ViewingCount): Promise<number> {
    return await this.#screenings.countDocuments({
      viewer: query.viewer,
      ...(query.since ? { startedAt: { $gte: query.since } } : {}),
      state: query.recording ? { $in: ["recording", "reopening"] } : { $ne: "deleting" },
    });
  }

  async countFilmViewers(slug: string): Promise<number> {
    // Counted: finished with a share (`effect.stats`), as the film's stats count them.
    const viewers = await this.#screenings.distinct("viewer", {
      film: slug,
      state: "finished",
      "effect.stats": { $ne: null },
    });
    return viewers.length;
  }

  async giveViewings(from: string, to: string): Promise<number> {
    const result = await this.#screenings.updateMany({ viewer: from }, { $set: { viewer: to } });
    return result.modifiedCount;
  }

  async createViewer(viewer: { id: string; name: string; now: Date }): Promise<ViewerRecord> {
    const doc: ViewerDoc = {
      _id: viewer.id,
      name: viewer.name,
      createdAt: viewer.now,
      personalAnswered: false,
    };
    await this.#viewers.insertOne(doc);
    return viewerOf(doc);
  }

  async getViewer(id: string): Promise<ViewerRecord | null> {
    const doc = await this.#viewers.findOne({ _id: id });
    return doc ? viewerOf(doc) : null;
  }

  async firstViewer(): Promise<string | null> {
    const [doc] = await this.#viewers.find({}, { projection: { _id: 1 } })
      .sort({ createdAt: 1, _id: 1 }).limit(1).toArray();
    return doc?._id ?? null;
  }

  async answerPersonal(id: string): Promise<void> {
    await this.#viewers.updateOne({ _id: id }, { $set: { personalAnswered: true } });
  }

  async deleteViewer(id: string): Promise<boolean> {
    await this.#passkeys.deleteMany({ viewer: id });
    await this.#sessions.deleteMany({ viewer: id });
    await this.#challenges.deleteMany({ viewer: id });
    await this.#recoveryCodes.deleteMany({ viewer: id });
    return (await this.#viewers.deleteOne({ _id: id })).deletedCount > 0;
  }

  async addPasskey(
    passkey: Omit<PasskeyRecord, "createdAt" | "lastUsedAt"> & { now: Date },
  ): Promise<void> {
    await this.#passkeys.insertOne({
      _id: passkey.id,
      viewer: passkey.viewer,
      publicKey: passkey.publicKey,
      counter: passkey.counter,
      transports: passkey.transports,
      name: passkey.name,
      createdAt: passkey.now,
      lastUsedAt: null,
    });
  }

  async getPasskey(id: string): Promise<PasskeyRecord | null> {
    const doc = await this.#passkeys.findOne({ _id: id });
    return doc ? passkeyOf(doc) : null;
  }

  async listPasskeys(viewer: string): Promise<PasskeyRecord[]> {
    const docs = await this.#passkeys.find({ viewer }).sort({ createdAt: 1, _id: 1 }).toArray();
    return docs.map(passkeyOf);
  }

  async usePasskey(id: string, counter: number, now: Date): Promise<void> {
    await this.#passkeys.updateOne(
      { _id: id },
      { $max: { counter }, $set: { lastUsedAt: now } },
    );
  }

  async renamePasskey(viewer: string, id: string, name: string): Promise<boolean> {
    return (await this.#passkeys.updateOne({ _id: id, viewer }, { $set: { name } }))
      .matchedCount > 0;
  }

  async removePasskey(viewer: string, id: string): Promise<boolean> {
    return (await this.#passkeys.deleteOne({ _id: id, viewer })).deletedCount > 0;
  }

  async createSession(
    session: { idHash: string; viewer: string; now: Date; expiresAt: Date },
  ): Promise<void> {
    await this.#sessions.deleteMany({ expiresAt: { $lte: session.now } });
    await this.#sessions.insertOne({
      _id: session.idHash,
      viewer: session.viewer,
      createdAt: session.now,
      expiresAt: session.expiresAt,
    });
  }

  async getSession(idHash: string, now: Date): Promise<SessionRecord | null> {
    const doc = await this.#sessions.findOne({ _id: idHash, expiresAt: { $gt: now } });
    return doc
      ? {
        idHash: doc._id,
        viewer: doc.viewer,
        createdAt: doc.createdAt.toISOString(),
        expiresAt: doc.expiresAt.toISOString(),
      }
      : null;
  }

  async deleteSessions(which: { idHash: string } | { viewer: string }): Promise<number> {
    const filter = "idHash" in which ? { _id: which.idHash } : { viewer: which.viewer };
    return (await this.#sessions.deleteMany(filter)).deletedCount;
  }

  async putChallenge(challenge: ChallengeRecord): Promise<void> {
    await this.#challenges.deleteMany({ expiresAt: { $lte: new Date() } });
    await this.#challenges.insertOne({
      _id: challenge.idHash,
      challenge: challenge.challenge,
      viewer: challenge.viewer,
      name: challenge.name,
      purpose: challenge.purpose,
      expiresAt: new Date(challenge.expiresAt),
    });
  }

  async takeChallenge(idHash: string, now: Date): Promise<ChallengeRecord | null> {
    // One use: whoever deletes it has it.
    const doc = await this.#challenges.findOneAndDelete({ _id: idHash });
    if (!doc || doc.expiresAt <= now) return null;
    return {
      idHash: doc._id,
      challenge: doc.challenge,
      viewer: doc.viewer,
      name: doc.name,
      purpose: doc.purpose,
      expiresAt: doc.expiresAt.toISOString(),
    };
  }

  async setRecoveryCodes(viewer: string, hashes: string[]): Promise<void> {
    await this.#recoveryCodes.deleteMany({ viewer });
    if (hashes.length > 0) {
      await this.#recoveryCodes.insertMany(hashes.map((hash) => ({ _id: hash, viewer })));
    }
  }

  async useRecoveryCode(hash: string): Promise<string | null> {
    const doc = await this.#recoveryCodes.findOneAndDelete({ _id: hash });
    return doc?.viewer ?? null;
  }

  async countRecoveryCodes(viewer: string): Promise<number> {
    return await this.#recoveryCodes.countDocuments({ viewer });
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
    const canonical = canonicalSeconds(seconds);
    const digest = digestOf(canonical);
    const bytes = storedByteLength(canonical);
    for (let attempt = 1;; attempt++) {
      const screening = await this.#viewingDoc(screeningId);
      if (!screening) return "not-found";
      const replay = await this.#existingMinute(screening.film, screeningId, seq, digest);
      if (replay) return replay;
      // The viewer's finish is final; the idle sweep's is undone by a minute arriving after it.
      if (screening.state !== "recording" && screening.finishedBy !== "idle") return "finished";
      const room = viewingByteLimit(screening.durationSec) - bytes;
      if ((screening.storedBytes ?? await this.#countStoredBytes(screening)) > room) return "full";
      if (screening.state !== "recording") await this.#reopen(screeningId, now);

      // Register the write on the screening, atomically with the checks that it is recording
      // and has room: a finish that starts after this waits for the write to land (see
      // #awaitWriters).
      const writer = { id: crypto.randomUUID(), at: new Date() };
      const registered = await this.#screenings.updateOne(
        { _id: screeningId, state: "recording", storedBytes: { $lte: room } },
        { $push: { writers: writer }, $max: { activeAt: now }, $inc: { storedBytes: bytes } },
      );
      if (registered.matchedCount === 0) {
        // It changed in between (other minutes filled it, the sweep finished it, a viewer's
        // finish or another minute's re-open is under way): look again.
        if (attempt < RACE_ATTEMPTS) continue;
        const latest = await this.#viewingDoc(screeningId);
        if (!latest) return "not-found";
        return latest.state === "recording" ? "full" : "finished";
      }
      return await this.#insertMinute(screening.film, { screeningId, seq, seconds, digest }, {
        writer,
        bytes,
        now,
      });
    }
  }

  /** Inserts a minute whose write is registered, then takes the registration back. */
  async #insertMinute(
    slug: string,
    minute: MinuteDoc,
    { writer, bytes, now }: { writer: { id: string; at: Date }; bytes: number; now: Date },
  ): Promise<PutMinuteResult> {
    const { screeningId, seq, digest } = minute;
    let created = false;
    try {
      await this.#ensureFilmIndexes(slug);
      await this.#minutes(slug).insertOne(minute);
      created = true;
      await this.#step("put:inserted");
      return "created";
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      // Another request stored this seq first: answer as a replay of it.
      return (await this.#existingMinute(slug, screeningId, seq, digest)) ?? "conflict";
    } finally {
      // The whole entry, as pushed: FerretDB 1.24 pulls only an exact match (MongoDB either way).
      // Bytes counted for a minute that was not stored are given back.
      await this.#screenings.updateOne(
        { _id: screeningId },
        created
          ? { $pull: { writers: writer }, $max: { lastWriteAt: now } }
          : { $pull: { writers: writer }, $inc: { storedBytes: -bytes } },
      );
    }
  }

  /** Counts a screening's stored bytes once, for one stored before they were counted. */
  async #countStoredBytes(screening: ViewingDoc): Promise<number> {
    let bytes = 0;
    for (const minute of await this.#readMinutes(screening.film, screening._id)) {
      bytes += storedByteLength(canonicalSeconds(minute.seconds));
    }
    await this.#screenings.updateOne(
      { _id: screening._id, storedBytes: { $exists: false } },
      { $set: { storedBytes: bytes } },
    );
    // Whoever counted first set it; a write may have added to it since.
    return (await this.#viewingDoc(screening._id))?.storedBytes ?? bytes;
  }

  /**
   * Re-opens a screening the idle sweep finished (completing that finish first if it is under
   * way): marks it `reopening`, then completes the re-open.
   */
  async #reopen(id: string, now: Date): Promise<void> {
    if ((await this.#viewingDoc(id))?.state === "finishing") await this.#completeFinish(id);
    await this.#screenings.updateOne(
      { _id: id, state: "finished", finishedBy: "idle" },
      { $set: { state: "reopening" }, $max: { activeAt: now } },
    );
    await this.#step("reopen:marked");
    await this.#completeReopen(id);
  }

  /** Steps of a re-open after the mark; each is safe to repeat, by any instance. */
  async #completeReopen(id: string): Promise<void> {
    const doc = await this.#screenings.findOne(
      { _id: id },
      { projection: { film: 1, state: 1, effect: 1 } },
    );
    if (!doc || doc.state !== "reopening") return;
    if (doc.effect?.stats) {
      // The lock holder takes the effect out if it is in (see #drain). Settled even if it is
      // out already: then no operation on the film still concerns the effect dropped below.
      await this.#settle(doc.film);
      const settled = await this.#screenings.findOne({ _id: id }, { projection: { applied: 1 } });
      if (settled?.applied) throw new Error(`screening ${id} is still counted after settling`);
    }
    await this.#screenings.updateOne(
      { _id: id, state: "reopening", applied: false },
      {
        $set: { state: "recording", finishedAt: null, finishedBy: null, summary: null },
        $unset: { effect: "" },
        $inc: { generation: 1 },
      },
    );
    await this.#step("reopen:state");
  }

  async keepAlive(id: string, now: Date): Promise<KeepAliveResult> {
    const noted = await this.#screenings.updateOne(
      { _id: id, state: { $in: ["recording", "reopening"] } },
      { $max: { activeAt: now } },
    );
    if (noted.matchedCount > 0) return "alive";
    const doc = await this.#viewingDoc(id);
    if (!doc) return "not-found";
    // A late minute re-opened it just now: alive as of that minute.
    if (doc.state === "recording" || doc.state === "reopening") return "alive";
    // Finished, or being finished (the sweep's finish is under way).
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
    const screening = await this.#viewingDoc(screeningId);
    return screening ? await this.#readMinutes(screening.film, screeningId) : null;
  }

  async minutesAfter(
    screeningId: string,
    afterSeq: number,
    limit: number,
  ): Promise<StoredMinute[]> {
    const screening = await this.#viewingDoc(screeningId);
    if (!screening) return [];
    const docs = await this.#minutes(screening.film)
      .find({ screeningId, seq: { $gt: afterSeq } }, { projection: { _id: 0, seq: 1, seconds: 1 } })
      .sort({ seq: 1 })
      .limit(limit)
      .toArray();
    return docs.map((doc) => ({ seq: doc.seq, seconds: doc.seconds }));
  }

  async finishViewing(
    id: string,
    now: Date,
    by: "viewer" | "idle" = "viewer",
  ): Promise<Viewing | null> {
    for (let attempt = 1;; attempt++) {
      const screening = await this.#finish(id, now, by, null);
      if (by !== "viewer" || screening?.state !== "finished" || screening.finishedBy !== "idle") {
        return screening && withoutTokenHash(screening);
      }
      // The viewer confirms what the idle sweep did: from now on a late minute is refused.
      const confirmed = await this.#screenings.updateOne(
        { _id: id, state: "finished", finishedBy: "idle" },
        { $set: { finishedBy: "viewer" } },
      );
      // Otherwise a late minute re-opened it in between: finish it again.
      if (confirmed.matchedCount > 0 || attempt === RACE_ATTEMPTS) {
        const latest = await this.getViewing(id);
        return latest && withoutTokenHash(latest);
      }
    }
  }

  /** Drives a screening to `finished`; with `idleSince`, starts only if idle since then. */
  async #finish(
    id: string,
    now: Date,
    by: "viewer" | "idle",
    idleSince: Date | null,
  ): Promise<StoredViewing | null> {
    const frozen = await this.#screenings.updateOne(
      idleSince
        ? { _id: id, state: "recording", activeAt: { $lte: idleSince } }
        : { _id: id, state: "recording" },
      { $set: { state: "finishing", finishedAt: now, finishedBy: by } },
    );
    if (frozen.matchedCount === 0) {
      const doc = await this.#viewingDoc(id);
      if (doc?.state === "reopening" && idleSince === null) {
        // The viewer finishes a screening a late minute is re-opening: it records, then finishes.
        await this.#completeReopen(id);
        return await this.#finish(id, now, by, idleSince);
      }
      // Finished, still recording (a write kept it open), or gone: nothing for us to do.
      if (!doc || doc.state !== "finishing") return doc ? viewingOf(doc) : null;
    }
    await this.#step("finish:frozen");
    return await this.#completeFinish(id);
  }

  /** Steps of a finish after the freeze; each is safe to repeat, by any instance. */
  async #completeFinish(id: string): Promise<StoredViewing | null> {
    const doc = await this.#awaitWriters(id);
    // Otherwise another instance finished it (or it is being deleted): report what is stored.
    if (!doc) return await this.getViewing(id);
    let effect = doc.effect;
    if (!effect) {
      // Computed in slices: other requests are answered meanwhile.
      const computed = await runInSlices(
        viewingEffectSlices(await this.#readMinutes(doc.film, id), doc.durationSec),
      );
      await this.#step("finish:computed");
      // Stored once: whoever stores it first wins, and everyone applies what was stored. Only
      // in the generation it was computed for: a finish that stalled here while the screening
      // was finished, re-opened and is finishing again must not store its old minutes' effect.
      await this.#screenings.updateOne(
        {
          _id: id,
          state: "finishing",
          generation: sameGeneration(doc),
          effect: { $exists: false },
        },
        {
          $set: {
            summary: computed.summary,
            effect: {
              share: computed.stats ? packShare(computed.share) : null,
              stats: computed.stats,
            },
          },
        },
      );
      await this.#step("finish:summary");
      const stored = await this.#screenings.findOne({ _id: id }, {
        projection: { effect: 1, state: 1 },
      });
      if (!stored || stored.state !== "finishing" || !stored.effect) {
        return await this.getViewing(id);
      }
      effect = stored.effect;
    }
    if (effect.stats) {
      // The film's lock holder adds it and marks it finished (see #runOp).
      await this.#settle(doc.film);
    } else {
      // Nothing recorded: kept, but nothing to count (in this generation: see above).
      await this.#screenings.updateOne(
        { _id: id, state: "finishing", generation: sameGeneration(doc) },
        { $set: { state: "finished" }, $unset: { writers: "" } },
      );
    }
    return await this.getViewing(id);
  }

  /**
   * Waits until no write registered before the screening left `recording` is under way (or
   * its lease lapsed), and returns the screening if it is still in `state`.
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
      const lapsed = Date.now() - this.#leaseMs;
      if (!(doc.writers ?? []).some((w) => w.at.getTime() > lapsed)) return doc;
      await sleep(POLL_MS);
    }
  }

  /**
   * Brings the film's aggregates up to date with its screenings: takes the film's lock
   * (waiting while another instance holds it), completes the operation a previous holder
   * left under way, then applies every pending one.
   */
  async #settle(slug: string): Promise<void> {
    // One at a time in this instance: racing itself for the lock would only steal it from a
    // holder that is slow, not dead.
    for (let under = this.#settling.get(slug); under; under = this.#settling.get(slug)) {
      await under.catch(() => {});
    }
    const settling = this.#settleOnce(slug);
    this.#settling.set(slug, settling);
    try {
      await settling;
    } finally {
      this.#settling.delete(slug);
    }
  }

  async #settleOnce(slug: string): Promise<void> {
    for (;;) {
      const token = await this.#lock(slug);
      if (token === null) {
        await sleep(POLL_MS);
        continue;
      }
      try {
        await this.#drain(slug, token);
        return;
      } catch (error) {
        // Another instance took over after this one stalled: it carries on; wait our turn.
        if (!(error instanceof LostLock)) throw error;
      } finally {
        await this.#films.updateOne({ _id: slug, "lock.token": token }, { $set: { lock: null } });
      }
    }
  }

  /** Takes the film's lock if it is free or its lease lapsed: its token, else null. */
  async #lock(slug: string): Promise<number | null> {
    const film = await this.#films.findOne({ _id: slug }, { projection: { fence: 1, lock: 1 } });
    if (!film) throw new Error(`no film ${slug}`);
    if (film.lock && film.lock.until.getTime() > Date.now()) return null;
    const token = film.fence + 1;
    // Compare-and-set on the counter: of instances racing for it, exactly one wins.
    const taken = await this.#films.updateOne(
      { _id: slug, fence: film.fence },
      { $set: { fence: token, lock: { token, until: new Date(Date.now() + this.#leaseMs) } } },
    );
    return taken.matchedCount === 1 ? token : null;
  }

  /** Extends the lock's lease; throws LostLock if another instance holds it now. */
  async #renew(slug: string, token: number): Promise<void> {
    const renewed = await this.#films.updateOne(
      { _id: slug, "lock.token": token },
      { $set: { "lock.until": new Date(Date.now() + this.#leaseMs) } },
    );
    if (renewed.matchedCount === 0) throw new LostLock(`lost the lock on ${slug}`);
  }

  /** Under the lock: completes the operation under way, then every pending one, in turn. */
  async #drain(slug: string, token: number): Promise<void> {
    const film = await this.#films.findOne({ _id: slug }, { projection: { current: 1 } });
    if (film?.current) await this.#runOp(slug, token, film.current);
    for (;;) {
      const pending = await this.#screenings.findOne(
        {
          film: slug,
          $or: [
            { state: "finishing", "effect.stats": { $type: "object" }, applied: false },
            { state: { $in: ["deleting", "reopening"] }, applied: true },
          ],
        },
        { projection: { state: 1 } },
      );
      if (!pending) return;
      const op: AggregateOp = {
        screening: pending._id,
        sign: pending.state === "finishing" ? 1 : -1,
      };
      const recorded = await this.#films.updateOne(
        { _id: slug, "lock.token": token },
        { $set: { current: op } },
      );
      if (recorded.matchedCount === 0) throw new LostLock(`lost the lock on ${slug}`);
      await this.#runOp(slug, token, op);
    }
  }

  /**
   * Applies one aggregate operation to every bucket and to the film's stats, marks the
   * screening, and clears the operation from the film. Every write is refused once a newer
   * holder wrote there, and a repeated write is refused by the operation's mark.
   */
  async #runOp(slug: string, token: number, op: AggregateOp): Promise<void> {
    const doc = await this.#screenings.findOne(
      { _id: op.screening },
      { projection: { effect: 1, lastWriteAt: 1, startedAt: 1, state: 1 } },
    );
    // For the crash tests' step names only.
    const phase = op.sign > 0 ? "finish" : doc?.state === "reopening" ? "reopen" : "delete";
    const effect = doc?.effect;
    if (doc && effect?.share && effect.stats) {
      const buckets = [...shareByBucket(unpackShare(effect.share))];
      // In two round trips, so that a crash test can stop it half way.
      const half = Math.ceil(buckets.length / 2);
      for (const [i, part] of [buckets.slice(0, half), buckets.slice(half)].entries()) {
        if (part.length > 0) {
          await this.#createBuckets(slug, part.map(([bucket]) => bucket));
          await this.#audience(slug).bulkWrite(
            part.map(([bucket, entries]) => bucketUpdate(op, token, entries, bucket)),
            { ordered: true },
          );
        }
        await this.#renew(slug, token);
        await this.#step(`${phase}:${i === 0 ? "audience-half" : "audience"}`);
      }
      await this.#changeStats(slug, token, op, effect.stats, doc.lastWriteAt ?? doc.startedAt);
      await this.#renew(slug, token);
      await this.#step(`${phase}:stats`);
      await this.#screenings.updateOne(
        { _id: op.screening, fence: { $lte: token } },
        { $set: { applied: op.sign > 0, fence: token } },
      );
      await this.#step(`${phase}:${op.sign > 0 ? "counted" : "uncounted"}`);
    }
    if (op.sign > 0) {
      await this.#screenings.updateOne(
        { _id: op.screening, state: "finishing", applied: true },
        { $set: { state: "finished" }, $unset: { writers: "" } },
      );
    }
    const cleared = await this.#films.updateOne(
      { _id: slug, "lock.token": token },
      { $set: { current: null } },
    );
    if (cleared.matchedCount === 0) throw new LostLock(`lost the lock on ${slug}`);
  }

  /** Creates the buckets that do not exist yet, all zeros. */
  async #createBuckets(slug: string, ids: number[]): Promise<void> {
    const existing = await this.#audience(slug)
      .find({ _id: { $in: ids } }, { projection: { _id: 1 } })
      .toArray();
    const have = new Set(existing.map((b) => b._id));
    const missing = ids.filter((id) => !have.has(id));
    if (missing.length === 0) return;
    try {
      await this.#audience(slug).insertMany(
        missing.map((id) => ({ _id: id, ...zeroArrays(), op: null, fence: 0 } as BucketDoc)),
        { ordered: false },
      );
    } catch (error) {
      // A holder that stalled past its lease created some first: they are zeros all the same.
      if (!isDuplicateKey(error)) throw error;
    }
  }

  /** Adds or subtracts a viewing's stats, once, under the film's lock. */
  async #changeStats(
    slug: string,
    token: number,
    op: AggregateOp,
    stats: StatsDelta,
    watchedAt: Date,
  ): Promise<void> {
    const sign = op.sign;
    const changed = await this.#films.updateOne(
      { _id: slug, "lock.token": token, statsOp: { $ne: opKey(op) } },
      {
        $inc: {
          "stats.viewings": sign * stats.viewings,
          "stats.finished": sign * stats.finished,
          "stats.ratingTenths": sign * stats.ratingTenths,
          [`stats.ratingHistogram.${stats.ratingBin}`]: sign,
          "stats.watchSec": sign * stats.watchSec,
        },
        $set: { statsOp: opKey(op) },
        ...(sign > 0 ? { $max: { "stats.lastWatchedAt": watchedAt } } : {}),
      },
    );
    if (sign > 0 || changed.modifiedCount === 0) return;
    // The latest viewing may have been this one: take the latest of those still counted.
    const [latest] = await this.#screenings
      .find({ film: slug, applied: true, _id: { $ne: op.screening } })
      .project<{ lastWriteAt: Date | null; startedAt: Date }>({ lastWriteAt: 1, startedAt: 1 })
      .sort({ lastWriteAt: -1 })
      .limit(1)
      .toArray();
    await this.#films.updateOne(
      { _id: slug, "lock.token": token, "stats.lastWatchedAt": watchedAt },
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
      const screening = await this.#finish(_id, now, "idle", idleSince);
      if (screening?.state === "finished" && screening.finishedBy === "idle") finished.push(_id);
    }
    return finished;
  }

  async deleteViewing(id: string): Promise<boolean> {
    const marked = await this.#screenings.updateOne(
      { _id: id, state: { $ne: "deleting" } },
      { $set: { state: "deleting" } },
    );
    if (marked.matchedCount === 0) return false;
    await this.#step("delete:marked");
    await this.#completeDelete(id);
    return true;
  }

  /** Steps of a delete after the mark; each is safe to repeat, by any instance. */
  async #completeDelete(id: string): Promise<void> {
    // A write under way could otherwise land after its minutes were deleted.
    const doc = await this.#awaitWriters(id, "deleting");
    if (!doc) return;
    // A finish stores its effect only while `finishing`: without one now, nothing of this
    // viewing can ever reach the aggregates. With one, the lock holder takes it out if it is in
    // (or completes adding it first, if that was under way).
    if (doc.effect?.stats) {
      await this.#settle(doc.film);
      const settled = await this.#screenings.findOne({ _id: id }, { projection: { applied: 1 } });
      if (settled?.applied) throw new Error(`screening ${id} is still counted after settling`);
    }
    await this.#minutes(doc.film).deleteMany({ screeningId: id });
    await this.#step("delete:minutes");
    await this.#screenings.deleteOne({ _id: id, state: "deleting" });
  }

  async setVerdict(id: string, verdict: number | null): Promise<boolean> {
    const result = await this.#screenings.updateOne(
      { _id: id, state: { $ne: "deleting" } },
      verdict === null ? { $unset: { verdict: "" } } : { $set: { verdict } },
    );
    return result.matchedCount > 0;
  }

  async listVerdictExamples(viewer: string): Promise<VerdictExample[]> {
    // `$gte: 0` matches numbers only: an absent or null verdict is left out.
    const docs = await this.#screenings
      .find(
        { viewer, state: "finished", verdict: { $gte: 0 } },
        { projection: { ...SCREENING_PROJECTION, "summary.perSecond": 0 } },
      )
      .sort({ startedAt: 1, _id: 1 })
      .toArray();
    return docs.filter((doc) => doc.summary).map((doc) => ({
      id: doc._id,
      summary: { ...doc.summary!, perSecond: [] },
      verdict: doc.verdict!,
    }));
  }

  async readAudience(slug: string): Promise<AudienceSecond[]> {
    const buckets = await this.#audience(slug)
      .find({}, { projection: { op: 0, fence: 0 } })
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

  changeMark(): Promise<string | null> {
    // MongoDB tells changes only through change streams (replica sets): nothing is kept here.
    return Promise.resolve(null);
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
    await this.#client?.close();
  }
}

/** Connects to MongoDB, creates the indexes, and completes anything a crash left half done. */
export async function openMongoStore(options: MongoOptions): Promise<Store> {
  const owned = options.client ? null : new MongoClient(options.uri);
  await owned?.connect();
  const client = options.client ?? owned!;
  const db = client.db(options.dbName ?? databaseName(options.uri), {
    // Acknowledged only once a majority has it in its journal: an acknowledged minute survives.
    writeConcern: { w: "majority", journal: true },
  });
  const store = new MongoStore(owned, db, options);
  try {
    await store.init();
    await store.recover();
  } catch (error) {
    await owned?.close();
    throw error;
  }
  return store;
}
