/**
 * The embedded store: SQLite through `node:sqlite`, one file under `DATA_DIR`.
 *
 * Durability: WAL journal with `synchronous=NORMAL`. Every write is one transaction, so a
 * crash leaves each either done or not started (there is nothing half finished to repair), and
 * a committed transaction is in the WAL before the request is answered, so it survives the
 * server process being killed (tests/integration/api_crash_test.ts). What NORMAL gives up is
 * an fsync per commit: after a power cut the last commits may be missing (never corrupt).
 * `FULL` would fsync every minute document; on these machines that costs ~2.5 ms per write,
 * during which the synchronous driver blocks the event loop (about 400 documents/s at most).
 * `node:sqlite` is synchronous, so within the server's process statements never interleave;
 * a finish computes its summary in slices between them (`#finishInSlices`), then commits in one
 * transaction only if the viewing is as it read it.
 *
 * Damage: the file is checked when the server opens it (`openCheckedSqliteStore`); a store that
 * finds damage later (SQLite says "malformed") refuses every write from then on.
 */
import type { DatabaseSync, SQLInputValue, StatementSync } from "node:sqlite";
import { isoTime } from "@/lib/iso_time.ts";
import { filmSlug } from "@/lib/film.ts";
import { canonicalSeconds } from "@/lib/recording.ts";
import type { AudienceSecond } from "@/lib/recording.ts";
import type { ViewingSummary } from "@/lib/rating/types.ts";
import type { VerdictExample } from "@/lib/rating/personal_model.ts";
import type { Baseline } from "@/lib/emotion/calibration.ts";
import { restAfter, runInSlices, runToEnd, type Slices, yieldToEventLoop } from "@/lib/slices.ts";
import { inTransaction, openDatabase, settle, StatementCache } from "@/lib/sqlite/connection.ts";
import {
  assertWritable,
  checkIntegrity,
  damagedDatabase,
  DatabaseFileError,
  explainOpenFailure,
  type IntegrityCheck,
  isDamage,
} from "@/lib/sqlite/health.ts";
import { migrate, type Migration } from "@/lib/sqlite/migrations.ts";
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
import { addDelta, decodeBucket, shareDeltas } from "./buckets.ts";
import {
  OwnFilmTally,
  type PackedShare,
  packShare,
  type StatsDelta,
  unpackShare,
  type ViewingEffect,
  viewingEffectSlices,
} from "./viewing_effect.ts";

export interface SqliteOptions extends StoreHooks {
  /** A file path, or ":memory:". */
  path: string;
}

/** The store's schema migrations (see `lib/sqlite/migrations.ts`): append only. */
export const MIGRATIONS: readonly Migration[] = [
  `
  CREATE TABLE films (
    slug TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    year INTEGER,
    duration_sec INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    viewings INTEGER NOT NULL DEFAULT 0,
    finished INTEGER NOT NULL DEFAULT 0,
    rating_tenths INTEGER NOT NULL DEFAULT 0,
    rating_histogram TEXT NOT NULL DEFAULT '[0,0,0,0,0,0,0,0,0,0]',
    watch_sec INTEGER NOT NULL DEFAULT 0,
    last_watched_at INTEGER
  ) STRICT;
  CREATE TABLE screenings (
    id TEXT PRIMARY KEY,
    film TEXT NOT NULL REFERENCES films(slug),
    duration_sec INTEGER NOT NULL,
    token_hash TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('recording', 'finished')),
    started_at INTEGER NOT NULL,
    last_write_at INTEGER,
    -- last write, or the start: what the idle sweep compares
    active_at INTEGER NOT NULL,
    finished_at INTEGER,
    finished_by TEXT,
    summary TEXT,
    -- what finishing added to the film ({share, stats}); null until then or if nothing counted
    effect TEXT
  ) STRICT;
  CREATE INDEX screenings_by_activity ON screenings(state, active_at);
  CREATE INDEX screenings_by_film ON screenings(film, state);
  CREATE TABLE minutes (
    screening_id TEXT NOT NULL REFERENCES screenings(id),
    seq INTEGER NOT NULL,
    seconds TEXT NOT NULL,
    PRIMARY KEY (screening_id, seq)
  ) STRICT;
  -- the per-second audience aggregate in per-minute buckets (see buckets.ts for the encoding)
  CREATE TABLE audience (
    film TEXT NOT NULL,
    bucket INTEGER NOT NULL,
    sums BLOB NOT NULL,
    PRIMARY KEY (film, bucket)
  ) STRICT, WITHOUT ROWID;
  `,
  // 2: lists of viewings read the rating and length from columns, not from the summary.
  `
  ALTER TABLE screenings ADD COLUMN rating REAL;
  ALTER TABLE screenings ADD COLUMN recorded_sec INTEGER;
  UPDATE screenings SET rating = json_extract(summary, '$.rating'),
    recorded_sec = json_extract(summary, '$.recordedSec')
    WHERE state = 'finished' AND summary IS NOT NULL;
  -- covering: a list never reads a row, whose summary would have to be stepped over
  CREATE INDEX screenings_by_start
    ON screenings(started_at, id, film, state, finished_at, rating, recorded_sec);
  CREATE INDEX screenings_by_film_start
    ON screenings(film, started_at, id, state, finished_at, rating, recorded_sec);
  `,
  // 3: a viewing's stored bytes (its cap); slugs unique per title and year, the old ones kept.
  (db) => {
    db.exec(`
      ALTER TABLE screenings ADD COLUMN stored_bytes INTEGER NOT NULL DEFAULT 0;
      UPDATE screenings SET stored_bytes = (
        SELECT coalesce(sum(length(CAST(seconds AS BLOB))), 0) FROM minutes
        WHERE screening_id = screenings.id);
      -- a film's former slugs: old links find it under its current one
      CREATE TABLE film_aliases (
        slug TEXT PRIMARY KEY,
        film TEXT NOT NULL REFERENCES films(slug)
      ) STRICT;
    `);
    rekeyFilms(db);
  },
  // 4: the calibration's baseline (JSON, numbers only) and the viewer's verdict, per viewing.
  `
  ALTER TABLE screenings ADD COLUMN baseline TEXT;
  ALTER TABLE screenings ADD COLUMN verdict REAL;
  -- the personal model reads the viewings with a verdict, oldest first
  CREATE INDEX screenings_with_verdict ON screenings(started_at, id) WHERE verdict IS NOT NULL;
  `,
  // 5: viewers own their viewings (those stored before belong to the personal viewer); accounts.
  `
  ALTER TABLE screenings ADD COLUMN viewer TEXT NOT NULL DEFAULT '${PERSONAL_VIEWER}';
  CREATE INDEX screenings_by_viewer_start
    ON screenings(viewer, started_at, id, film, state, finished_at, rating, recorded_sec);
  CREATE INDEX screenings_by_film_viewer ON screenings(film, viewer) WHERE effect IS NOT NULL;
  CREATE TABLE viewers (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    personal_answered INTEGER NOT NULL DEFAULT 0
  ) STRICT;
  CREATE INDEX viewers_by_creation ON viewers(created_at, id);
  CREATE TABLE passkeys (
    id TEXT PRIMARY KEY,
    viewer TEXT NOT NULL,
    public_key TEXT NOT NULL,
    counter INTEGER NOT NULL,
    transports TEXT NOT NULL,
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_used_at INTEGER
  ) STRICT;
  CREATE INDEX passkeys_by_viewer ON passkeys(viewer, created_at);
  CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    viewer TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX sessions_by_viewer ON sessions(viewer);
  CREATE TABLE challenges (
    id_hash TEXT PRIMARY KEY,
    challenge TEXT NOT NULL,
    viewer TEXT,
    name TEXT,
    purpose TEXT NOT NULL,
    expires_at INTEGER NOT NULL
  ) STRICT;
  CREATE TABLE recovery_codes (
    hash TEXT PRIMARY KEY,
    viewer TEXT NOT NULL
  ) STRICT;
  CREATE INDEX recovery_codes_by_viewer ON recovery_codes(viewer);
  -- the personal model reads one viewer's viewings with a verdict, oldest first
  DROP INDEX screenings_with_verdict;
  CREATE INDEX screenings_with_verdict
    ON screenings(viewer, started_at, id) WHERE verdict IS NOT NULL;
  `,
  // 6: lists carry each viewing's verdict, still answered from their covering indexes.
  `
  DROP INDEX screenings_by_start;
  DROP INDEX screenings_by_film_start;
  DROP INDEX screenings_by_viewer_start;
  CREATE INDEX screenings_by_start
    ON screenings(started_at, id, film, state, finished_at, rating, recorded_sec, verdict);
  CREATE INDEX screenings_by_film_start
    ON screenings(film, started_at, id, state, finished_at, rating, recorded_sec, verdict);
  CREATE INDEX screenings_by_viewer_start
    ON screenings(viewer, started_at, id, film, state, finished_at, rating, recorded_sec, verdict);
  `,
  // 7: a finished viewing's summary also without its per-second points: its page and the
  // personal model read that, not hours of seconds to step over.
  `
  ALTER TABLE screenings ADD COLUMN summary_head TEXT;
  UPDATE screenings SET summary_head = json_remove(summary, '$.perSecond')
    WHERE summary IS NOT NULL;
  `,
];

/**
 * Moves every film whose slug is not `filmSlug(title, year)` to that slug: its row, viewings
 * and audience, its old slug kept as an alias. A film whose new slug is taken stays where it
 * is. Viewings merged under one slug before cannot be told apart (a viewing keeps no title):
 * they stay with the film whose title was typed first. Runs inside a migration's transaction.
 */
export function rekeyFilms(db: DatabaseSync): void {
  const films = db.prepare("SELECT slug, title, year FROM films").all() as unknown as {
    slug: string;
    title: string;
    year: number | null;
  }[];
  for (const film of films) {
    const slug = filmSlug(film.title, film.year);
    if (slug === film.slug || db.prepare("SELECT 1 FROM films WHERE slug = ?").get(slug)) continue;
    db.prepare(
      `INSERT INTO films (slug, title, year, duration_sec, created_at, viewings, finished,
         rating_tenths, rating_histogram, watch_sec, last_watched_at)
       SELECT ?, title, year, duration_sec, created_at, viewings, finished, rating_tenths,
         rating_histogram, watch_sec, last_watched_at FROM films WHERE slug = ?`,
    ).run(slug, film.slug);
    for (const table of ["screenings", "audience", "film_aliases"]) {
      db.prepare(`UPDATE ${table} SET film = ? WHERE film = ?`).run(slug, film.slug);
    }
    db.prepare("INSERT INTO film_aliases (slug, film) VALUES (?, ?)").run(film.slug, slug);
    db.prepare("DELETE FROM films WHERE slug = ?").run(film.slug);
  }
}

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

interface FilmRow {
  slug: string;
  title: string;
  year: number | null;
  duration_sec: number;
  created_at: number;
  viewings: number;
  finished: number;
  rating_tenths: number;
  rating_histogram: string;
  watch_sec: number;
  last_watched_at: number | null;
}

interface ViewingRow {
  id: string;
  viewer: string;
  film: string;
  duration_sec: number;
  token_hash: string;
  state: "recording" | "finished";
  started_at: number;
  last_write_at: number | null;
  finished_at: number | null;
  finished_by: "viewer" | "idle" | null;
  summary: string | null;
  effect: string | null;
  active_at: number;
  stored_bytes: number;
  baseline: string | null;
  verdict: number | null;
}

/** A listing's columns, in the order `listViewings` selects them (read as an array). */
type ListingRow = [
  id: string,
  film: string,
  state: "recording" | "finished",
  startedAt: number,
  finishedAt: number | null,
  rating: number | null,
  recordedSec: number | null,
  verdict: number | null,
];

interface StoredEffect {
  share: PackedShare;
  stats: StatsDelta;
}

const iso = (ms: number | null) => ms === null ? null : isoTime(ms);

function filmOf(row: FilmRow): Film {
  return {
    slug: row.slug,
    title: row.title,
    year: row.year,
    durationSec: row.duration_sec,
    createdAt: iso(row.created_at)!,
    stats: {
      viewings: row.viewings,
      finished: row.finished,
      ratingSum: row.rating_tenths / 10,
      ratingHistogram: JSON.parse(row.rating_histogram),
      watchSec: row.watch_sec,
      lastWatchedAt: iso(row.last_watched_at),
    },
  };
}

function viewingOf(row: ViewingRow): StoredViewing {
  return {
    id: row.id,
    viewer: row.viewer,
    film: row.film,
    durationSec: row.duration_sec,
    state: row.state,
    startedAt: iso(row.started_at)!,
    lastWriteAt: iso(row.last_write_at),
    finishedAt: iso(row.finished_at),
    finishedBy: row.finished_by,
    summary: row.summary === null ? null : JSON.parse(row.summary) as ViewingSummary,
    baseline: row.baseline === null ? null : JSON.parse(row.baseline) as Baseline,
    verdict: row.verdict,
    tokenHash: row.token_hash,
  };
}

interface PasskeyRow {
  id: string;
  viewer: string;
  public_key: string;
  counter: number;
  transports: string;
  name: string;
  created_at: number;
  last_used_at: number | null;
}

function passkeyOf(row: PasskeyRow): PasskeyRecord {
  return {
    id: row.id,
    viewer: row.viewer,
    publicKey: row.public_key,
    counter: row.counter,
    transports: JSON.parse(row.transports),
    name: row.name,
    createdAt: iso(row.created_at)!,
    lastUsedAt: iso(row.last_used_at),
  };
}

/** What a finish computed outside its transaction, ready to store. */
interface ComputedFinish {
  effect: ViewingEffect;
  summaryText: string;
  /** The summary without its per-second points. */
  headText: string;
  effectText: string | null;
  /** The share as bucket deltas, ready to add. */
  deltas: [number, Float64Array][];
  /** The minutes it was computed from: the commit checks that none arrived since. */
  minuteCount: number;
}

/** Minute documents a finish reads and parses per slice (about 0.3 MB of JSON). */
const MINUTES_PER_SLICE = 10;
/**
 * How often a finish computes again because minutes arrived while it computed, before it
 * computes inside its transaction instead.
 */
const FINISH_ATTEMPTS = 3;

class SqliteStore implements Store {
  readonly kind = "sqlite" as const;
  readonly #db: DatabaseSync;
  readonly #path: string;
  readonly #hooks: StoreHooks;
  readonly #statements: StatementCache;
  /** Why the database is known to be damaged, once it is: no write is accepted after that. */
  #damage: DatabaseFileError | null = null;
  /** A check of the file that outlasted the open, stopped when the store closes. */
  #pendingCheck: { cancel(): void } | null = null;

  constructor(db: DatabaseSync, path: string, hooks: StoreHooks) {
    this.#db = db;
    this.#path = path;
    this.#hooks = hooks;
    this.#statements = new StatementCache(db);
  }

  #sql(sql: string): StatementSync {
    return this.#statements.get(sql);
  }

  #get<T>(sql: string, ...params: SQLInputValue[]): T | undefined {
    return this.#sql(sql).get(...params) as T | undefined;
  }

  #run(sql: string, ...params: SQLInputValue[]) {
    return this.#sql(sql).run(...params);
  }

  /** Runs `fn` in one write transaction; any throw (a crash in tests) rolls everything back. */
  #transaction<T>(fn: () => T): T {
    return inTransaction(this.#db, fn);
  }

  #step(name: string): void {
    this.#hooks.step?.(name);
  }

  /**
   * Runs database work. Once SQLite has said the file is damaged, writes are refused (with
   * what to do) and the damage is remembered; reads go on as far as they can.
   */
  #guarded<T>(mode: "read" | "write", work: () => T): T {
    if (mode === "write" && this.#damage) throw this.#damage;
    try {
      return work();
    } catch (error) {
      if (!isDamage(error)) throw error;
      this.#damage ??= damagedDatabase(this.#path, [(error as Error).message]);
      throw this.#damage;
    }
  }

  /** `#guarded` as a promise: a throw becomes a rejection. */
  #guard<T>(mode: "read" | "write", work: () => T): Promise<T> {
    return settle(() => this.#guarded(mode, work));
  }

  /** Takes the answer of a check that outlasted the open: damage found then refuses writes. */
  watchIntegrity(check: Extract<IntegrityCheck, { status: "unfinished" }>): void {
    this.#pendingCheck = check;
    check.later.then((result) => {
      this.#pendingCheck = null;
      if (result.status !== "damaged") return;
      this.#damage ??= damagedDatabase(this.#path, result.findings);
      console.error(this.#damage.message);
    });
  }

  upsertFilm(slug: string, film: FilmInput, now: Date): Promise<Film> {
    return this.#guard("write", () => {
      this.#run(
        `INSERT INTO films (slug, title, year, duration_sec, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (slug) DO UPDATE SET duration_sec = max(duration_sec, excluded.duration_sec)`,
        slug,
        film.title,
        film.year,
        film.durationSec,
        now.getTime(),
      );
      return this.#film(slug)!;
    });
  }

  #film(slug: string): Film | null {
    const row = this.#get<FilmRow>("SELECT * FROM films WHERE slug = ?", slug) ??
      this.#get<FilmRow>(
        `SELECT films.* FROM film_aliases JOIN films ON films.slug = film_aliases.film
         WHERE film_aliases.slug = ?`,
        slug,
      );
    return row ? filmOf(row) : null;
  }

  getFilm(slug: string): Promise<Film | null> {
    return this.#guard("read", () => this.#film(slug));
  }

  getFilms(slugs: readonly string[]): Promise<Film[]> {
    return this.#guard(
      "read",
      () =>
        (this.#sql("SELECT * FROM films WHERE slug IN (SELECT value FROM json_each(?))").all(
          JSON.stringify(slugs),
        ) as unknown as FilmRow[]).map(filmOf),
    );
  }

  formerSlugs(): Promise<{ slug: string; film: string }[]> {
    return this.#guard(
      "read",
      () =>
        (this.#sql("SELECT slug, film FROM film_aliases ORDER BY slug").all() as unknown as {
          slug: string;
          film: string;
        }[]).map(({ slug, film }) => ({ slug, film })),
    );
  }

  listFilms(): Promise<Film[]> {
    return this.#guard("read", () => {
      const rows = this.#sql("SELECT * FROM films ORDER BY title COLLATE NOCASE, slug").all();
      return (rows as unknown as FilmRow[]).map(filmOf);
    });
  }

  createViewing(input: NewViewing): Promise<Viewing> {
    return this.#guard("write", () => {
      const now = input.now.getTime();
      this.#run(
        `INSERT INTO screenings (id, viewer, film, duration_sec, token_hash, state, started_at,
           active_at, baseline) VALUES (?, ?, ?, ?, ?, 'recording', ?, ?, ?)`,
        input.id,
        input.viewer ?? PERSONAL_VIEWER,
        input.film,
        input.durationSec,
        input.tokenHash,
        now,
        now,
        input.baseline ? JSON.stringify(input.baseline) : null,
      );
      return withoutTokenHash(this.#screening(input.id)!);
    });
  }

  #screening(id: string): StoredViewing | null {
    const row = this.#get<ViewingRow>("SELECT * FROM screenings WHERE id = ?", id);
    return row ? viewingOf(row) : null;
  }

  getViewing(id: string, options: ViewingReadOptions = {}): Promise<StoredViewing | null> {
    if (options.perSecond !== false) return this.#guard("read", () => this.#screening(id));
    return this.#guard("read", () => {
      // The summary stored without its points (migration 7): nothing to step over.
      const row = this.#get<ViewingRow>(
        `SELECT id, viewer, film, duration_sec, token_hash, state, started_at, last_write_at,
          finished_at, finished_by, summary_head AS summary, baseline, verdict
         FROM screenings WHERE id = ?`,
        id,
      );
      if (!row) return null;
      const viewing = viewingOf(row);
      if (viewing.summary) viewing.summary.perSecond = [];
      return viewing;
    });
  }

  listViewings(query: ViewingQuery): Promise<ViewingListing[]> {
    const columns = "id, film, state, started_at, finished_at, rating, recorded_sec, verdict";
    const where: string[] = [];
    const params: SQLInputValue[] = [];
    if (query.viewer !== undefined) where.push("viewer = ?"), params.push(query.viewer);
    if (query.film !== undefined) where.push("film = ?"), params.push(query.film);
    return this.#guard("read", () => {
      // Answered from a covering index, in its order: no row read, no sort. A library lists
      // thousands: rows as arrays.
      const rows = this.#statements.arrays(
        `SELECT ${columns} FROM screenings ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
         ORDER BY started_at DESC, id DESC LIMIT ?`,
      ).all(...params, query.limit) as unknown as ListingRow[];
      return rows.map(([id, film, state, startedAt, finishedAt, rating, recorded, verdict]) => ({
        id,
        film,
        state,
        startedAt: iso(startedAt)!,
        finishedAt: iso(finishedAt),
        rating: state === "finished" ? rating : null,
        recordedSec: state === "finished" ? recorded : null,
        verdict,
      }));
    });
  }

  listOwnFilmStats(viewer: string): Promise<OwnFilmStats[]> {
    return this.#guard("read", () => {
      // The four numbers of each counted viewing, from the listing's covering index, counted
      // here by the one rule (SQLite's own sums of ten bins cost five times as much).
      const rows = this.#statements.arrays(
        `SELECT film, rating, recorded_sec, finished_at FROM screenings
         WHERE viewer = ? AND state = 'finished' AND rating IS NOT NULL AND recorded_sec > 0`,
      ).all(viewer) as unknown as [string, number, number, number | null][];
      const tallies = new Map<string, OwnFilmTally<number>>();
      for (const [film, rating, recordedSec, finishedAt] of rows) {
        let tally = tallies.get(film);
        if (!tally) tallies.set(film, tally = new OwnFilmTally());
        tally.add("finished", rating, recordedSec, finishedAt);
      }
      return [...tallies].map(([film, tally]) => ({ film, stats: tally.stats(isoTime) }));
    });
  }

  listOwnRatings(viewer: string, limit: number): Promise<number[]> {
    return this.#guard("read", () =>
      // From the listing's covering index, in its order.
      (this.#statements.arrays(
        `SELECT rating FROM screenings
         WHERE viewer = ? AND state = 'finished' AND rating IS NOT NULL
         ORDER BY started_at DESC, id DESC LIMIT ?`,
      ).all(viewer, limit) as unknown as [number][]).map(([rating]) => rating));
  }

  countViewings(query: ViewingCount): Promise<number> {
    return this.#guard("read", () =>
      this.#get<{ count: number }>(
        `SELECT count(*) AS count FROM screenings WHERE viewer = ? AND started_at >= ?
         AND (? = 0 OR state = 'recording')`,
        query.viewer,
        query.since?.getTime() ?? 0,
        query.recording ? 1 : 0,
      )!.count);
  }

  countFilmViewers(slug: string): Promise<number> {
    return this.#guard("read", () =>
      this.#get<{ count: number }>(
        "SELECT count(DISTINCT viewer) AS count FROM screenings WHERE film = ? AND effect IS NOT NULL",
        slug,
      )!.count);
  }

  giveViewings(from: string, to: string): Promise<number> {
    return this.#guard(
      "write",
      () =>
        Number(this.#run("UPDATE screenings SET viewer = ? WHERE viewer = ?", to, from).changes),
    );
  }

  createViewer(viewer: { id: string; name: string; now: Date }): Promise<ViewerRecord> {
    return this.#guard("write", () => {
      this.#run(
        "INSERT INTO viewers (id, name, created_at) VALUES (?, ?, ?)",
        viewer.id,
        viewer.name,
        viewer.now.getTime(),
      );
      return this.#viewer(viewer.id)!;
    });
  }

  #viewer(id: string): ViewerRecord | null {
    const row = this.#get<
      { id: string; name: string; created_at: number; personal_answered: number }
    >(
      "SELECT * FROM viewers WHERE id = ?",
      id,
    );
    return row
      ? {
        id: row.id,
        name: row.name,
        createdAt: iso(row.created_at)!,
        personalAnswered: row.personal_answered === 1,
      }
      : null;
  }

  getViewer(id: string): Promise<ViewerRecord | null> {
    return this.#guard("read", () => this.#viewer(id));
  }

  firstViewer(): Promise<string | null> {
    return this.#guard(
      "read",
      () =>
        this.#get<{ id: string }>("SELECT id FROM viewers ORDER BY created_at, id LIMIT 1")?.id ??
          null,
    );
  }

  answerPersonal(id: string): Promise<void> {
    return this.#guard("write", () => {
      this.#run("UPDATE viewers SET personal_answered = 1 WHERE id = ?", id);
    });
  }

  deleteViewer(id: string): Promise<boolean> {
    return this.#guard("write", () =>
      this.#transaction(() => {
        for (const table of ["passkeys", "sessions", "challenges", "recovery_codes"]) {
          this.#run(`DELETE FROM ${table} WHERE viewer = ?`, id);
        }
        return Number(this.#run("DELETE FROM viewers WHERE id = ?", id).changes) > 0;
      }));
  }

  addPasskey(
    passkey: Omit<PasskeyRecord, "createdAt" | "lastUsedAt"> & { now: Date },
  ): Promise<void> {
    return this.#guard("write", () => {
      this.#run(
        `INSERT INTO passkeys (id, viewer, public_key, counter, transports, name, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
        passkey.id,
        passkey.viewer,
        passkey.publicKey,
        passkey.counter,
        JSON.stringify(passkey.transports),
        passkey.name,
        passkey.now.getTime(),
      );
    });
  }

  getPasskey(id: string): Promise<PasskeyRecord | null> {
    return this.#guard("read", () => {
      const row = this.#get<PasskeyRow>("SELECT * FROM passkeys WHERE id = ?", id);
      return row ? passkeyOf(row) : null;
    });
  }

  listPasskeys(viewer: string): Promise<PasskeyRecord[]> {
    return this.#guard(
      "read",
      () =>
        (this.#sql("SELECT * FROM passkeys WHERE viewer = ? ORDER BY created_at, id").all(
          viewer,
        ) as unknown as PasskeyRow[]).map(passkeyOf),
    );
  }

  usePasskey(id: string, counter: number, now: Date): Promise<void> {
    return this.#guard("write", () => {
      this.#run(
        "UPDATE passkeys SET counter = max(counter, ?), last_used_at = ? WHERE id = ?",
        counter,
        now.getTime(),
        id,
      );
    });
  }

  renamePasskey(viewer: string, id: string, name: string): Promise<boolean> {
    return this.#guard("write", () =>
      Number(
        this.#run("UPDATE passkeys SET name = ? WHERE id = ? AND viewer = ?", name, id, viewer)
          .changes,
      ) > 0);
  }

  removePasskey(viewer: string, id: string): Promise<boolean> {
    return this.#guard(
      "write",
      () =>
        Number(this.#run("DELETE FROM passkeys WHERE id = ? AND viewer = ?", id, viewer).changes) >
          0,
    );
  }

  createSession(
    session: { idHash: string; viewer: string; now: Date; expiresAt: Date },
  ): Promise<void> {
    return this.#guard("write", () => {
      this.#run("DELETE FROM sessions WHERE expires_at <= ?", session.now.getTime());
      this.#run(
        "INSERT INTO sessions (id_hash, viewer, created_at, expires_at) VALUES (?, ?, ?, ?)",
        session.idHash,
        session.viewer,
        session.now.getTime(),
        session.expiresAt.getTime(),
      );
    });
  }

  getSession(idHash: string, now: Date): Promise<SessionRecord | null> {
    return this.#guard("read", () => {
      const row = this.#get<
        { id_hash: string; viewer: string; created_at: number; expires_at: number }
      >("SELECT * FROM sessions WHERE id_hash = ? AND expires_at > ?", idHash, now.getTime());
      return row
        ? {
          idHash: row.id_hash,
          viewer: row.viewer,
          createdAt: iso(row.created_at)!,
          expiresAt: iso(row.expires_at)!,
        }
        : null;
    });
  }

  deleteSessions(which: { idHash: string } | { viewer: string }): Promise<number> {
    return this.#guard("write", () =>
      Number(
        ("idHash" in which
          ? this.#run("DELETE FROM sessions WHERE id_hash = ?", which.idHash)
          : this.#run("DELETE FROM sessions WHERE viewer = ?", which.viewer)).changes,
      ));
  }

  putChallenge(challenge: ChallengeRecord): Promise<void> {
    return this.#guard("write", () => {
      this.#run("DELETE FROM challenges WHERE expires_at <= ?", Date.now());
      this.#run(
        `INSERT INTO challenges (id_hash, challenge, viewer, name, purpose, expires_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
        challenge.idHash,
        challenge.challenge,
        challenge.viewer,
        challenge.name,
        challenge.purpose,
        new Date(challenge.expiresAt).getTime(),
      );
    });
  }

  takeChallenge(idHash: string, now: Date): Promise<ChallengeRecord | null> {
    return this.#guard("write", () =>
      this.#transaction(() => {
        const row = this.#get<{
          id_hash: string;
          challenge: string;
          viewer: string | null;
          name: string | null;
          purpose: ChallengeRecord["purpose"];
          expires_at: number;
        }>("SELECT * FROM challenges WHERE id_hash = ?", idHash);
        if (!row) return null;
        this.#run("DELETE FROM challenges WHERE id_hash = ?", idHash);
        if (row.expires_at <= now.getTime()) return null;
        return {
          idHash: row.id_hash,
          challenge: row.challenge,
          viewer: row.viewer,
          name: row.name,
          purpose: row.purpose,
          expiresAt: iso(row.expires_at)!,
        };
      }));
  }

  setRecoveryCodes(viewer: string, hashes: string[]): Promise<void> {
    return this.#guard("write", () =>
      this.#transaction(() => {
        this.#run("DELETE FROM recovery_codes WHERE viewer = ?", viewer);
        for (const hash of hashes) {
          this.#run("INSERT INTO recovery_codes (hash, viewer) VALUES (?, ?)", hash, viewer);
        }
      }));
  }

  useRecoveryCode(hash: string): Promise<string | null> {
    return this.#guard("write", () =>
      this.#get<{ viewer: string }>(
        "DELETE FROM recovery_codes WHERE hash = ? RETURNING viewer",
        hash,
      )?.viewer ?? null);
  }

  countRecoveryCodes(viewer: string): Promise<number> {
    return this.#guard("read", () =>
      this.#get<{ count: number }>(
        "SELECT count(*) AS count FROM recovery_codes WHERE viewer = ?",
        viewer,
      )!.count);
  }

  putMinute(input: NewMinute): Promise<PutMinuteResult> {
    const text = canonicalSeconds(input.seconds);
    const bytes = storedByteLength(text);
    return this.#guard("write", () =>
      this.#transaction((): PutMinuteResult => {
        const viewing = this.#get<
          Pick<ViewingRow, "state" | "finished_by" | "duration_sec" | "stored_bytes">
        >(
          "SELECT state, finished_by, duration_sec, stored_bytes FROM screenings WHERE id = ?",
          input.screeningId,
        );
        if (!viewing) return "not-found";
        // A replay is answered as such even after the finish: the client only wants to know
        // that this minute is safe.
        const existing = this.#get<{ seconds: string }>(
          "SELECT seconds FROM minutes WHERE screening_id = ? AND seq = ?",
          input.screeningId,
          input.seq,
        );
        if (existing) return existing.seconds === text ? "unchanged" : "conflict";
        // The viewer's finish is final; the idle sweep's is undone by a minute arriving after it.
        if (viewing.state !== "recording" && viewing.finished_by !== "idle") return "finished";
        if (viewing.stored_bytes + bytes > viewingByteLimit(viewing.duration_sec)) return "full";
        if (viewing.state !== "recording") this.#reopen(input.screeningId);
        this.#run(
          "INSERT INTO minutes (screening_id, seq, seconds) VALUES (?, ?, ?)",
          input.screeningId,
          input.seq,
          text,
        );
        this.#step("put:inserted");
        const now = input.now.getTime();
        this.#run(
          `UPDATE screenings SET last_write_at = max(coalesce(last_write_at, 0), ?),
           active_at = max(active_at, ?), stored_bytes = stored_bytes + ? WHERE id = ?`,
          now,
          now,
          bytes,
          input.screeningId,
        );
        return "created";
      }));
  }

  /** Takes an idle-finished viewing's share back out of its film: it is `recording` again. */
  #reopen(id: string): void {
    const row = this.#get<ViewingRow>("SELECT * FROM screenings WHERE id = ?", id)!;
    this.#takeBackEffect(row, "reopen");
    this.#run(
      `UPDATE screenings SET state = 'recording', finished_at = NULL, finished_by = NULL,
       summary = NULL, summary_head = NULL, rating = NULL, recorded_sec = NULL, effect = NULL
       WHERE id = ?`,
      id,
    );
    this.#step("reopen:state");
    if (row.effect !== null) this.#refreshLastWatched(row.film);
  }

  keepAlive(id: string, now: Date): Promise<KeepAliveResult> {
    return this.#guard("write", (): KeepAliveResult => {
      const row = this.#get<Pick<ViewingRow, "state" | "finished_by">>(
        "SELECT state, finished_by FROM screenings WHERE id = ?",
        id,
      );
      if (!row) return "not-found";
      if (row.state === "finished") {
        return row.finished_by === "idle" ? "idle-finished" : "finished";
      }
      this.#run(
        "UPDATE screenings SET active_at = max(active_at, ?) WHERE id = ?",
        now.getTime(),
        id,
      );
      return "alive";
    });
  }

  #minutes(screeningId: string): StoredMinute[] {
    const rows = this.#sql("SELECT seq, seconds FROM minutes WHERE screening_id = ? ORDER BY seq")
      .all(screeningId) as unknown as { seq: number; seconds: string }[];
    return rows.map((row) => ({ seq: row.seq, seconds: JSON.parse(row.seconds) }));
  }

  listMinutes(screeningId: string): Promise<StoredMinute[] | null> {
    return this.#guard("read", () => {
      if (!this.#screening(screeningId)) return null;
      return this.#minutes(screeningId);
    });
  }

  minutesAfter(screeningId: string, afterSeq: number, limit: number): Promise<StoredMinute[]> {
    return this.#guard("read", () => this.#minutesAfter(screeningId, afterSeq, limit));
  }

  #minutesAfter(screeningId: string, afterSeq: number, limit: number): StoredMinute[] {
    const rows = this.#sql(
      "SELECT seq, seconds FROM minutes WHERE screening_id = ? AND seq > ? ORDER BY seq LIMIT ?",
    ).all(screeningId, afterSeq, limit) as unknown as { seq: number; seconds: string }[];
    return rows.map((row) => ({ seq: row.seq, seconds: JSON.parse(row.seconds) }));
  }

  async finishViewing(
    id: string,
    now: Date,
    by: "viewer" | "idle" = "viewer",
  ): Promise<Viewing | null> {
    await this.#finishInSlices(id, now, by, null);
    return await this.#guard("read", () => {
      const screening = this.#screening(id);
      return screening && withoutTokenHash(screening);
    });
  }

  /**
   * Finishes `id` (with `idleSince`, only if it has shown no sign of life since then): reads
   * its minutes and computes its effect in slices, outside any transaction, then stores it in
   * one transaction if the viewing is still as it was read. Resolves to whether it finished now.
   */
  async #finishInSlices(
    id: string,
    now: Date,
    by: "viewer" | "idle",
    idleSince: number | null,
  ): Promise<boolean> {
    for (let attempt = 0; attempt < FINISH_ATTEMPTS; attempt++) {
      const row = await this.#guard(
        "read",
        () =>
          this.#get<Pick<ViewingRow, "state" | "active_at" | "duration_sec">>(
            "SELECT state, active_at, duration_sec FROM screenings WHERE id = ?",
            id,
          ),
      );
      if (row?.state === "finished" && by === "viewer") {
        // The viewer confirms what the idle sweep did: from now on a late minute is refused.
        await this.#guard("write", () =>
          this.#run(
            "UPDATE screenings SET finished_by = 'viewer' WHERE id = ? AND finished_by = 'idle'",
            id,
          ));
      }
      if (!row || row.state === "finished") return false;
      if (idleSince !== null && row.active_at > idleSince) return false;
      const computed = await runInSlices(this.#computeFinish(id, row.duration_sec));
      this.#step("finish:computed");
      const committing = performance.now();
      const finished = await this.#guard(
        "write",
        () => this.#commitFinish(id, now, by, idleSince, computed),
      );
      // The commit is one piece: the event loop rests after it as after any slice.
      await restAfter(performance.now() - committing);
      if (finished !== null) return finished;
    }
    // Minutes kept arriving while it computed: compute inside the transaction this time.
    return (await this.#guard("write", () => this.#commitFinish(id, now, by, idleSince, null)))!;
  }

  /** Reads the viewing's minutes a slice at a time and computes what finishing it stores. */
  *#computeFinish(id: string, durationSec: number): Slices<ComputedFinish> {
    const minutes: StoredMinute[] = [];
    for (let after = -1;;) {
      const page = this.#guarded("read", () => this.#minutesAfter(id, after, MINUTES_PER_SLICE));
      minutes.push(...page);
      if (page.length < MINUTES_PER_SLICE) break;
      after = page[page.length - 1].seq;
      yield;
    }
    const effect = yield* viewingEffectSlices(minutes, durationSec);
    yield;
    const summaryText = JSON.stringify(effect.summary);
    const { perSecond: _perSecond, ...head } = effect.summary;
    const headText = JSON.stringify(head);
    yield;
    const effectText = effect.stats
      ? JSON.stringify({ share: packShare(effect.share), stats: effect.stats })
      : null;
    yield;
    const deltas = shareDeltas(effect.share);
    return { effect, summaryText, headText, effectText, deltas, minuteCount: minutes.length };
  }

  /**
   * Stores a finish in one transaction: nothing when the viewing is gone, finished, or (with
   * `idleSince`) alive again; null when minutes arrived since `computed` was made (compute
   * again). Without `computed`, computes inside the transaction. Returns whether it finished.
   */
  #commitFinish(
    id: string,
    now: Date,
    by: "viewer" | "idle",
    idleSince: number | null,
    computed: ComputedFinish | null,
  ): boolean | null {
    return this.#transaction(() => {
      const row = this.#get<Pick<ViewingRow, "film" | "state" | "active_at" | "duration_sec">>(
        "SELECT film, state, active_at, duration_sec FROM screenings WHERE id = ?",
        id,
      );
      if (!row || row.state === "finished") return false;
      if (idleSince !== null && row.active_at > idleSince) return false;
      const { count } = this.#get<{ count: number }>(
        "SELECT count(*) AS count FROM minutes WHERE screening_id = ?",
        id,
      )!;
      if (computed && computed.minuteCount !== count) return null;
      // Inside a transaction nothing may come in between: every slice at once.
      const done = computed ?? runToEnd(this.#computeFinish(id, row.duration_sec));
      const { summary, stats } = done.effect;
      this.#run(
        `UPDATE screenings SET state = 'finished', finished_at = ?, finished_by = ?, summary = ?,
         summary_head = ?, rating = ?, recorded_sec = ?, effect = ? WHERE id = ?`,
        now.getTime(),
        by,
        done.summaryText,
        done.headText,
        summary.rating,
        summary.recordedSec,
        done.effectText,
        id,
      );
      this.#step("finish:summary");
      if (stats) {
        const lastWrite = this.#get<{ at: number }>(
          "SELECT coalesce(last_write_at, started_at) AS at FROM screenings WHERE id = ?",
          id,
        )!;
        this.#applyDeltas(row.film, done.deltas, 1);
        this.#step("finish:audience");
        this.#applyStats(row.film, stats, 1, lastWrite.at);
        this.#step("finish:stats");
      }
      return true;
    });
  }

  #applyDeltas(film: string, deltas: [number, Float64Array][], sign: 1 | -1): void {
    for (const [bucket, delta] of deltas) {
      const row = this.#get<{ sums: Uint8Array }>(
        "SELECT sums FROM audience WHERE film = ? AND bucket = ?",
        film,
        bucket,
      );
      const sums = addDelta(row?.sums ?? null, delta, sign);
      if (sums) {
        this.#run(
          `INSERT INTO audience (film, bucket, sums) VALUES (?, ?, ?)
           ON CONFLICT (film, bucket) DO UPDATE SET sums = excluded.sums`,
          film,
          bucket,
          sums,
        );
      } else {
        this.#run("DELETE FROM audience WHERE film = ? AND bucket = ?", film, bucket);
      }
    }
  }

  #applyStats(film: string, stats: StatsDelta, sign: 1 | -1, watchedAt: number): void {
    const row = this.#get<{ rating_histogram: string }>(
      "SELECT rating_histogram FROM films WHERE slug = ?",
      film,
    )!;
    const histogram: number[] = JSON.parse(row.rating_histogram);
    histogram[stats.ratingBin] += sign;
    this.#run(
      `UPDATE films SET viewings = viewings + ?, finished = finished + ?,
       rating_tenths = rating_tenths + ?, rating_histogram = ?, watch_sec = watch_sec + ?
       WHERE slug = ?`,
      sign * stats.viewings,
      sign * stats.finished,
      sign * stats.ratingTenths,
      JSON.stringify(histogram),
      sign * stats.watchSec,
      film,
    );
    if (sign === 1) {
      this.#run(
        "UPDATE films SET last_watched_at = max(coalesce(last_watched_at, 0), ?) WHERE slug = ?",
        watchedAt,
        film,
      );
    }
  }

  /** Subtracts exactly what finishing the viewing added to its film, if anything. */
  #takeBackEffect(row: ViewingRow, operation: "delete" | "reopen"): void {
    if (row.effect === null) return;
    const effect: StoredEffect = JSON.parse(row.effect);
    this.#applyDeltas(row.film, shareDeltas(unpackShare(effect.share)), -1);
    this.#step(`${operation}:audience`);
    this.#applyStats(row.film, effect.stats, -1, 0);
    this.#step(`${operation}:stats`);
  }

  /** The film's last watch, from the viewings still counted (one may just have left). */
  #refreshLastWatched(film: string): void {
    this.#run(
      `UPDATE films SET last_watched_at = (
         SELECT max(coalesce(last_write_at, started_at)) FROM screenings
         WHERE film = ?1 AND effect IS NOT NULL)
       WHERE slug = ?1`,
      film,
    );
  }

  async finishIdleViewings(now: Date, idleMs = IDLE_FINISH_MS): Promise<string[]> {
    const idleSince = now.getTime() - idleMs;
    const rows = await this.#guard("read", () =>
      this.#sql(
        "SELECT id FROM screenings WHERE state = 'recording' AND active_at <= ? ORDER BY active_at",
      ).all(idleSince) as unknown as { id: string }[]);
    const finished: string[] = [];
    for (const { id } of rows) {
      // Re-checked before its commit: a sign of life that just arrived keeps it open.
      if (await this.#finishInSlices(id, now, "idle", idleSince)) finished.push(id);
      // One viewing per turn of the event loop.
      await yieldToEventLoop();
    }
    return finished;
  }

  deleteViewing(id: string): Promise<boolean> {
    return this.#guard("write", () =>
      this.#transaction(() => {
        const row = this.#get<ViewingRow>("SELECT * FROM screenings WHERE id = ?", id);
        if (!row) return false;
        this.#takeBackEffect(row, "delete");
        this.#run("DELETE FROM minutes WHERE screening_id = ?", id);
        this.#step("delete:minutes");
        this.#run("DELETE FROM screenings WHERE id = ?", id);
        if (row.effect !== null) this.#refreshLastWatched(row.film);
        return true;
      }));
  }

  setVerdict(id: string, verdict: number | null): Promise<boolean> {
    return this.#guard(
      "write",
      () => this.#run("UPDATE screenings SET verdict = ? WHERE id = ?", verdict, id).changes > 0,
    );
  }

  listVerdictExamples(viewer: string): Promise<VerdictExample[]> {
    return this.#guard("read", () => {
      const rows = this.#sql(
        `SELECT id, summary_head AS summary, verdict FROM screenings
         WHERE viewer = ? AND verdict IS NOT NULL AND state = 'finished' AND summary IS NOT NULL
         ORDER BY started_at, id`,
      ).all(viewer) as unknown as { id: string; summary: string; verdict: number }[];
      return rows.map((row) => ({
        id: row.id,
        summary: { ...JSON.parse(row.summary), perSecond: [] } as ViewingSummary,
        verdict: row.verdict,
      }));
    });
  }

  readAudience(slug: string): Promise<AudienceSecond[]> {
    return this.#guard("read", () => {
      const rows = this.#sql("SELECT bucket, sums FROM audience WHERE film = ? ORDER BY bucket")
        .all(slug) as unknown as { bucket: number; sums: Uint8Array }[];
      return rows.flatMap((row) => decodeBucket(row.bucket, row.sums));
    });
  }

  changeMark(): Promise<string | null> {
    return this.#guard("read", () => {
      // Rows this connection changed, and commits by any other (a seed script, say).
      const { changes } = this.#get<{ changes: number }>("SELECT total_changes() AS changes")!;
      const { data_version } = this.#get<{ data_version: number }>("PRAGMA data_version")!;
      return `${data_version}:${changes}`;
    });
  }

  recover(): Promise<void> {
    // Every write is one transaction: a crash leaves nothing half done to repair.
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.#pendingCheck?.cancel();
    this.#pendingCheck = null;
    if (this.#db.isOpen) {
      this.#statements.clear();
      this.#db.close();
    }
    return Promise.resolve();
  }
}

function openConnection(path: string): DatabaseSync {
  try {
    return openDatabase(path);
  } catch (error) {
    throw explainOpenFailure(path, error);
  }
}

function storeOn(db: DatabaseSync, options: SqliteOptions): SqliteStore {
  try {
    migrate(db, MIGRATIONS, `the database ${options.path}`);
  } catch (error) {
    db.close();
    throw explainOpenFailure(options.path, error);
  }
  return new SqliteStore(db, options.path, options);
}

/** Opens (creating and migrating) a SQLite store, without checking the file (scripts, tests). */
export function openSqliteStore(options: SqliteOptions): Store {
  return storeOn(openConnection(options.path), options);
}

function fileSize(path: string): number {
  try {
    return Deno.statSync(path).size;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return 0;
    throw error;
  }
}

/**
 * Opens the server's SQLite store. Says in plain words (`DatabaseFileError`) when the directory
 * cannot be written or the file is not a database; checks an existing file for damage before
 * anything is written to it and refuses a damaged one. The check takes at most `checkMs`
 * (default `INTEGRITY_CHECK_MS`): a longer one finishes in the background, and damage it finds
 * then refuses writes from then on.
 */
export async function openCheckedSqliteStore(
  options: SqliteOptions & { checkMs?: number },
): Promise<Store> {
  const { path } = options;
  if (path === ":memory:") return openSqliteStore(options);
  const existed = fileSize(path) > 0;
  assertWritable(path);
  const db = openConnection(path);
  let check: IntegrityCheck = { status: "ok" };
  if (existed) {
    try {
      check = await checkIntegrity(path, { timeoutMs: options.checkMs });
    } catch (error) {
      db.close();
      throw error;
    }
    if (check.status === "damaged") {
      db.close();
      throw damagedDatabase(path, check.findings);
    }
    if (check.status === "unchecked") console.warn(`${path} could not be checked: ${check.reason}`);
  }
  const store = storeOn(db, options);
  if (check.status === "unfinished") store.watchIntegrity(check);
  return store;
}
