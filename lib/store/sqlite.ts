/**
 * The embedded store: SQLite through `node:sqlite`, one file under `DATA_DIR`.
 *
 * Durability: WAL journal with `synchronous=NORMAL`. Every operation is one transaction, so a
 * crash leaves each either done or not started (there is nothing half finished to repair), and
 * a committed transaction is in the WAL before the request is answered, so it survives the
 * server process being killed (tests/integration/api_crash_test.ts). What NORMAL gives up is
 * an fsync per commit: after a power cut the last commits may be missing (never corrupt).
 * `FULL` would fsync every minute document; on these machines that costs ~2.5 ms per write,
 * during which the synchronous driver blocks the event loop (about 400 documents/s at most).
 * `node:sqlite` is synchronous, so within the server's process operations never interleave.
 */
import type { DatabaseSync, SQLInputValue, StatementSync } from "node:sqlite";
import { canonicalSeconds } from "@/lib/recording.ts";
import type { AudienceSecond } from "@/lib/recording.ts";
import type { ViewingSummary } from "@/lib/rating/types.ts";
import { inTransaction, openDatabase, settle, StatementCache } from "@/lib/sqlite/connection.ts";
import { migrate } from "@/lib/sqlite/migrations.ts";
import {
  type Film,
  type FilmInput,
  IDLE_FINISH_MS,
  type NewMinute,
  type NewViewing,
  type PutMinuteResult,
  type Store,
  type StoredMinute,
  type StoredViewing,
  type StoreHooks,
  type Viewing,
  type ViewingListing,
  withoutTokenHash,
} from "./port.ts";
import { addToBucket, decodeBucket, shareByBucket } from "./buckets.ts";
import {
  type PackedShare,
  packShare,
  type StatsDelta,
  unpackShare,
  viewingEffect,
} from "./viewing_effect.ts";

export interface SqliteOptions extends StoreHooks {
  /** A file path, or ":memory:". */
  path: string;
}

/** The store's schema migrations (see `lib/sqlite/migrations.ts`): append only. */
export const MIGRATIONS: readonly string[] = [
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
];

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
}

interface ListingRow {
  id: string;
  film: string;
  state: "recording" | "finished";
  started_at: number;
  finished_at: number | null;
  rating: number | null;
  recorded_sec: number | null;
}

interface StoredEffect {
  share: PackedShare;
  stats: StatsDelta;
}

const iso = (ms: number | null) => ms === null ? null : new Date(ms).toISOString();

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
    film: row.film,
    durationSec: row.duration_sec,
    state: row.state,
    startedAt: iso(row.started_at)!,
    lastWriteAt: iso(row.last_write_at),
    finishedAt: iso(row.finished_at),
    finishedBy: row.finished_by,
    summary: row.summary === null ? null : JSON.parse(row.summary) as ViewingSummary,
    tokenHash: row.token_hash,
  };
}

class SqliteStore implements Store {
  readonly kind = "sqlite" as const;
  readonly #db: DatabaseSync;
  readonly #hooks: StoreHooks;
  readonly #statements: StatementCache;

  constructor(db: DatabaseSync, hooks: StoreHooks) {
    this.#db = db;
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

  upsertFilm(slug: string, film: FilmInput, now: Date): Promise<Film> {
    return settle(() => {
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
    const row = this.#get<FilmRow>("SELECT * FROM films WHERE slug = ?", slug);
    return row ? filmOf(row) : null;
  }

  getFilm(slug: string): Promise<Film | null> {
    return settle(() => this.#film(slug));
  }

  listFilms(): Promise<Film[]> {
    return settle(() => {
      const rows = this.#sql("SELECT * FROM films ORDER BY title COLLATE NOCASE, slug").all();
      return (rows as unknown as FilmRow[]).map(filmOf);
    });
  }

  createViewing(input: NewViewing): Promise<Viewing> {
    return settle(() => {
      const now = input.now.getTime();
      this.#run(
        `INSERT INTO screenings (id, film, duration_sec, token_hash, state, started_at, active_at)
         VALUES (?, ?, ?, ?, 'recording', ?, ?)`,
        input.id,
        input.film,
        input.durationSec,
        input.tokenHash,
        now,
        now,
      );
      return withoutTokenHash(this.#screening(input.id)!);
    });
  }

  #screening(id: string): StoredViewing | null {
    const row = this.#get<ViewingRow>("SELECT * FROM screenings WHERE id = ?", id);
    return row ? viewingOf(row) : null;
  }

  getViewing(id: string): Promise<StoredViewing | null> {
    return settle(() => this.#screening(id));
  }

  listViewings(query: { film?: string; limit: number }): Promise<ViewingListing[]> {
    const columns = "id, film, state, started_at, finished_at, rating, recorded_sec";
    return settle(() => {
      // Answered from a covering index, in its order: no row read, no sort.
      const rows = (query.film === undefined
        ? this.#sql(
          `SELECT ${columns} FROM screenings ORDER BY started_at DESC, id DESC LIMIT ?`,
        ).all(query.limit)
        : this.#sql(
          `SELECT ${columns} FROM screenings WHERE film = ?
           ORDER BY started_at DESC, id DESC LIMIT ?`,
        ).all(query.film, query.limit)) as unknown as ListingRow[];
      return rows.map((row) => ({
        id: row.id,
        film: row.film,
        state: row.state,
        startedAt: iso(row.started_at)!,
        finishedAt: iso(row.finished_at),
        rating: row.state === "finished" ? row.rating : null,
        recordedSec: row.state === "finished" ? row.recorded_sec : null,
      }));
    });
  }

  putMinute(input: NewMinute): Promise<PutMinuteResult> {
    const text = canonicalSeconds(input.seconds);
    return settle(() =>
      this.#transaction((): PutMinuteResult => {
        const viewing = this.#get<{ state: string }>(
          "SELECT state FROM screenings WHERE id = ?",
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
        if (viewing.state !== "recording") return "finished";
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
           active_at = max(active_at, ?) WHERE id = ?`,
          now,
          now,
          input.screeningId,
        );
        return "created";
      })
    );
  }

  #minutes(screeningId: string): StoredMinute[] {
    const rows = this.#sql("SELECT seq, seconds FROM minutes WHERE screening_id = ? ORDER BY seq")
      .all(screeningId) as unknown as { seq: number; seconds: string }[];
    return rows.map((row) => ({ seq: row.seq, seconds: JSON.parse(row.seconds) }));
  }

  listMinutes(screeningId: string): Promise<StoredMinute[] | null> {
    return settle(() => {
      if (!this.#screening(screeningId)) return null;
      return this.#minutes(screeningId);
    });
  }

  finishViewing(
    id: string,
    now: Date,
    by: "viewer" | "idle" = "viewer",
  ): Promise<Viewing | null> {
    return settle(() => {
      const { screening } = this.#finish(id, now, by, null);
      return screening && withoutTokenHash(screening);
    });
  }

  /** Finishes `id` in one transaction; with `idleSince`, only if it has been idle since then. */
  #finish(
    id: string,
    now: Date,
    by: "viewer" | "idle",
    idleSince: number | null,
  ): { screening: StoredViewing | null; finishedNow: boolean } {
    return this.#transaction(() => {
      const row = this.#get<ViewingRow & { active_at: number }>(
        "SELECT * FROM screenings WHERE id = ?",
        id,
      );
      if (!row) return { screening: null, finishedNow: false };
      const stillOpen = idleSince !== null && row.active_at > idleSince;
      if (row.state === "finished" || stillOpen) {
        return { screening: viewingOf(row), finishedNow: false };
      }
      const effect = viewingEffect(this.#minutes(id), row.duration_sec);
      this.#run(
        `UPDATE screenings SET state = 'finished', finished_at = ?, finished_by = ?, summary = ?,
         rating = ?, recorded_sec = ?, effect = ? WHERE id = ?`,
        now.getTime(),
        by,
        JSON.stringify(effect.summary),
        effect.summary.rating,
        effect.summary.recordedSec,
        effect.stats
          ? JSON.stringify({ share: packShare(effect.share), stats: effect.stats })
          : null,
        id,
      );
      this.#step("finish:summary");
      if (effect.stats) {
        this.#applyShare(row.film, effect.share, 1);
        this.#step("finish:audience");
        this.#applyStats(row.film, effect.stats, 1, row.last_write_at ?? row.started_at);
        this.#step("finish:stats");
      }
      return { screening: this.#screening(id), finishedNow: true };
    });
  }

  #applyShare(film: string, share: readonly AudienceSecond[], sign: 1 | -1): void {
    for (const [bucket, entries] of shareByBucket(share)) {
      const row = this.#get<{ sums: Uint8Array }>(
        "SELECT sums FROM audience WHERE film = ? AND bucket = ?",
        film,
        bucket,
      );
      const sums = addToBucket(row?.sums ?? null, entries, sign);
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

  finishIdleViewings(now: Date, idleMs = IDLE_FINISH_MS): Promise<string[]> {
    return settle(() => {
      const idleSince = now.getTime() - idleMs;
      const rows = this.#sql(
        "SELECT id FROM screenings WHERE state = 'recording' AND active_at <= ? ORDER BY active_at",
      ).all(idleSince) as unknown as { id: string }[];
      const finished: string[] = [];
      for (const { id } of rows) {
        // Re-checked inside the finish's transaction: a write that just arrived keeps it open.
        if (this.#finish(id, now, "idle", idleSince).finishedNow) finished.push(id);
      }
      return finished;
    });
  }

  deleteViewing(id: string): Promise<boolean> {
    return settle(() =>
      this.#transaction(() => {
        const row = this.#get<ViewingRow>("SELECT * FROM screenings WHERE id = ?", id);
        if (!row) return false;
        if (row.effect !== null) {
          const effect: StoredEffect = JSON.parse(row.effect);
          this.#applyShare(row.film, unpackShare(effect.share), -1);
          this.#step("delete:audience");
          this.#applyStats(row.film, effect.stats, -1, 0);
          this.#step("delete:stats");
        }
        this.#run("DELETE FROM minutes WHERE screening_id = ?", id);
        this.#step("delete:minutes");
        this.#run("DELETE FROM screenings WHERE id = ?", id);
        if (row.effect !== null) {
          // The latest viewing may have been this one: take the latest of those still counted.
          this.#run(
            `UPDATE films SET last_watched_at = (
               SELECT max(coalesce(last_write_at, started_at)) FROM screenings
               WHERE film = ?1 AND effect IS NOT NULL)
             WHERE slug = ?1`,
            row.film,
          );
        }
        return true;
      })
    );
  }

  readAudience(slug: string): Promise<AudienceSecond[]> {
    return settle(() => {
      const rows = this.#sql("SELECT bucket, sums FROM audience WHERE film = ? ORDER BY bucket")
        .all(slug) as unknown as { bucket: number; sums: Uint8Array }[];
      return rows.flatMap((row) => decodeBucket(row.bucket, row.sums));
    });
  }

  recover(): Promise<void> {
    // Every operation is one transaction: a crash leaves nothing half done to repair.
    return Promise.resolve();
  }

  close(): Promise<void> {
    if (this.#db.isOpen) {
      this.#statements.clear();
      this.#db.close();
    }
    return Promise.resolve();
  }
}

/** Opens (creating and migrating) a SQLite store. */
export function openSqliteStore(options: SqliteOptions): Store {
  const db = openDatabase(options.path);
  try {
    migrate(db, MIGRATIONS, "the database");
  } catch (error) {
    db.close();
    throw error;
  }
  return new SqliteStore(db, options);
}
