/**
 * The catalog on SQLite (`node:sqlite`): its own file, `DATA_DIR/catalog.db` by default, in WAL
 * mode, or in memory for tests. The schema is versioned with `PRAGMA user_version`.
 *
 * Search uses an index of normalised title keys (exact and prefix matches); recommendations
 * walk titles by weighted rating and test a genre bit mask, so the best matches come first
 * without sorting the whole catalog.
 */
import type { DatabaseSync, SQLInputValue, StatementSync } from "node:sqlite";
import { inTransaction, openDatabase, settle, StatementCache } from "@/lib/sqlite/connection.ts";
import { migrate } from "@/lib/sqlite/migrations.ts";
import { CAST_CATEGORIES, genreMask, type ImdbFileName } from "./imdb.ts";
import { nameKey, titleKey } from "./normalize.ts";
import type {
  CastMember,
  CatalogCounts,
  CatalogPerson,
  CatalogPort,
  CatalogTitle,
  FileProgress,
  FilmLinkProposal,
  ImportBatch,
  RecommendQuery,
  TitleMatch,
} from "./port.ts";
import { CARD_CAST } from "./port.ts";
import { MIN_VOTES_WEIGHT } from "./ranking.ts";

/** The catalog's schema migrations (see `lib/sqlite/migrations.ts`): append only. */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE titles (
    tconst TEXT PRIMARY KEY,
    title_type TEXT NOT NULL,
    primary_title TEXT NOT NULL,
    original_title TEXT NOT NULL,
    year INTEGER,
    runtime_minutes INTEGER,
    genres TEXT NOT NULL,
    genre_mask INTEGER NOT NULL,
    rating REAL,
    votes INTEGER NOT NULL DEFAULT 0,
    score REAL
  ) WITHOUT ROWID;
  CREATE INDEX titles_by_score ON titles (score DESC, votes DESC) WHERE score IS NOT NULL;

  CREATE TABLE title_keys (
    key TEXT NOT NULL,
    tconst TEXT NOT NULL,
    PRIMARY KEY (key, tconst)
  ) WITHOUT ROWID;

  CREATE TABLE people (
    nconst TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX people_by_name_key ON people (name_key);

  CREATE TABLE principals (
    tconst TEXT NOT NULL,
    ordering INTEGER NOT NULL,
    nconst TEXT NOT NULL,
    category TEXT NOT NULL,
    characters TEXT NOT NULL,
    PRIMARY KEY (tconst, ordering)
  ) WITHOUT ROWID;
  CREATE INDEX principals_by_person ON principals (nconst);

  CREATE TABLE akas (
    tconst TEXT NOT NULL,
    ordering INTEGER NOT NULL,
    title TEXT NOT NULL,
    region TEXT,
    language TEXT,
    is_original INTEGER NOT NULL,
    PRIMARY KEY (tconst, ordering)
  ) WITHOUT ROWID;

  CREATE TABLE import_progress (
    file TEXT PRIMARY KEY,
    lines INTEGER NOT NULL,
    kept INTEGER NOT NULL,
    malformed INTEGER NOT NULL,
    done INTEGER NOT NULL,
    size INTEGER NOT NULL,
    mtime_ms REAL,
    updated_at TEXT NOT NULL
  );

  CREATE TABLE film_links (
    slug TEXT PRIMARY KEY,
    tconst TEXT NOT NULL,
    linked_at TEXT NOT NULL
  );

  CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  `,
  // 2: viewers' proposals of a film's IMDb title, for an admin to confirm (shared mode).
  `
  CREATE TABLE film_link_proposals (
    slug TEXT NOT NULL,
    viewer TEXT NOT NULL,
    tconst TEXT NOT NULL,
    proposed_at TEXT NOT NULL,
    PRIMARY KEY (slug, viewer)
  );
  CREATE INDEX film_link_proposals_by_viewer ON film_link_proposals(viewer);
  `,
];

/** The highest schema version this code knows. */
export const SCHEMA_VERSION = MIGRATIONS.length;

// The highest code point: key < prefix + MAX_CHAR is "starts with prefix" under BINARY collation.
const MAX_CHAR = "\u{10FFFF}";

type Row = Record<string, SQLInputValue>;

interface TitleRecord {
  tconst: string;
  title_type: "movie" | "tvMovie";
  primary_title: string;
  original_title: string;
  year: number | null;
  runtime_minutes: number | null;
  genres: string;
  rating: number | null;
  votes: number;
  score: number | null;
}

function splitGenres(genres: string): string[] {
  return genres === "" ? [] : genres.split(",");
}

/** The film catalog on SQLite; see the module comment. */
export class SqliteCatalog implements CatalogPort {
  readonly #db: DatabaseSync;
  readonly #statements: StatementCache;

  private constructor(db: DatabaseSync) {
    this.#db = db;
    this.#statements = new StatementCache(db);
  }

  /**
   * Opens (creating and migrating if needed) a catalog file, or `":memory:"`. WAL with NORMAL
   * stays consistent after a crash; only the last commits may be lost, and the import records
   * its progress in the same transactions, so it resumes correctly.
   */
  static open(path: string): SqliteCatalog {
    const db = openDatabase(path);
    try {
      migrate(db, MIGRATIONS, "the film catalog");
    } catch (error) {
      db.close();
      throw error;
    }
    return new SqliteCatalog(db);
  }

  #sql(sql: string): StatementSync {
    return this.#statements.get(sql);
  }

  #transaction<T>(fn: () => T): T {
    return inTransaction(this.#db, fn);
  }

  importProgress(): Promise<FileProgress[]> {
    return settle(() => {
      const rows = this.#sql("SELECT * FROM import_progress ORDER BY file").all() as Row[];
      return rows.map((r) => ({
        file: r.file as ImdbFileName,
        lines: r.lines as number,
        kept: r.kept as number,
        malformed: r.malformed as number,
        done: r.done === 1,
        size: r.size as number,
        mtimeMs: r.mtime_ms as number | null,
      }));
    });
  }

  resetImportProgress(files: readonly ImdbFileName[]): Promise<void> {
    return settle(() => {
      const remove = this.#sql("DELETE FROM import_progress WHERE file = ?");
      this.#transaction(() => files.forEach((file) => remove.run(file)));
    });
  }

  writeBatch(batch: ImportBatch, progress: FileProgress): Promise<void> {
    return settle(() =>
      this.#transaction(() => {
        this.#writeRows(batch);
        this.#sql(
          `INSERT INTO import_progress (file, lines, kept, malformed, done, size, mtime_ms, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (file) DO UPDATE SET lines = excluded.lines, kept = excluded.kept,
           malformed = excluded.malformed, done = excluded.done, size = excluded.size,
           mtime_ms = excluded.mtime_ms, updated_at = excluded.updated_at`,
        ).run(
          progress.file,
          progress.lines,
          progress.kept,
          progress.malformed,
          progress.done ? 1 : 0,
          progress.size,
          progress.mtimeMs,
          new Date().toISOString(),
        );
      })
    );
  }

  #writeRows(batch: ImportBatch): void {
    const addKey = this.#sql("INSERT OR IGNORE INTO title_keys (key, tconst) VALUES (?, ?)");
    const key = (title: string, tconst: string) => {
      const k = titleKey(title);
      if (k !== "") addKey.run(k, tconst);
    };
    switch (batch.file) {
      case "title.basics": {
        const upsert = this.#sql(
          `INSERT INTO titles (tconst, title_type, primary_title, original_title, year,
             runtime_minutes, genres, genre_mask) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (tconst) DO UPDATE SET title_type = excluded.title_type,
             primary_title = excluded.primary_title, original_title = excluded.original_title,
             year = excluded.year, runtime_minutes = excluded.runtime_minutes,
             genres = excluded.genres, genre_mask = excluded.genre_mask`,
        );
        for (const t of batch.rows) {
          upsert.run(
            t.tconst,
            t.titleType,
            t.primaryTitle,
            t.originalTitle,
            t.year,
            t.runtimeMinutes,
            t.genres.join(","),
            genreMask(t.genres),
          );
          key(t.primaryTitle, t.tconst);
          if (t.originalTitle !== t.primaryTitle) key(t.originalTitle, t.tconst);
        }
        return;
      }
      case "title.ratings": {
        const update = this.#sql("UPDATE titles SET rating = ?, votes = ? WHERE tconst = ?");
        for (const r of batch.rows) update.run(r.rating, r.votes, r.tconst);
        return;
      }
      case "title.principals": {
        const upsert = this.#sql(
          `INSERT INTO principals (tconst, ordering, nconst, category, characters)
           VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (tconst, ordering) DO UPDATE SET nconst = excluded.nconst,
             category = excluded.category, characters = excluded.characters`,
        );
        for (const p of batch.rows) {
          upsert.run(p.tconst, p.ordering, p.nconst, p.category, JSON.stringify(p.characters));
        }
        return;
      }
      case "name.basics": {
        // Only people the imported principals credit: name.basics lists everyone on IMDb.
        const upsert = this.#sql(
          `INSERT INTO people (nconst, name, name_key)
           SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM principals WHERE nconst = ?1)
           ON CONFLICT (nconst) DO UPDATE SET name = excluded.name, name_key = excluded.name_key`,
        );
        for (const p of batch.rows) upsert.run(p.nconst, p.name, nameKey(p.name));
        return;
      }
      case "title.akas": {
        const upsert = this.#sql(
          `INSERT INTO akas (tconst, ordering, title, region, language, is_original)
           VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (tconst, ordering) DO UPDATE SET title = excluded.title,
             region = excluded.region, language = excluded.language,
             is_original = excluded.is_original`,
        );
        for (const a of batch.rows) {
          upsert.run(a.tconst, a.ordering, a.title, a.region, a.language, a.isOriginal ? 1 : 0);
          key(a.title, a.tconst);
        }
        return;
      }
    }
  }

  async *titleIds(): AsyncIterable<string> {
    // A statement of its own: iterate() is lazy and must not share a cached statement.
    const statement = this.#db.prepare("SELECT tconst FROM titles");
    for (const row of statement.iterate() as Iterable<{ tconst: string }>) yield row.tconst;
  }

  refreshScores(): Promise<number | null> {
    return settle(() =>
      this.#transaction(() => {
        const { c } = this.#sql("SELECT avg(rating) AS c FROM titles WHERE votes > 0").get() as {
          c: number | null;
        };
        this.#sql(
          `UPDATE titles SET score = CASE WHEN votes > 0
           THEN (votes * rating + ?1 * ?2) / (votes + ?1) ELSE NULL END
         WHERE score IS NOT (CASE WHEN votes > 0
           THEN (votes * rating + ?1 * ?2) / (votes + ?1) ELSE NULL END)`,
        ).run(MIN_VOTES_WEIGHT, c);
        if (c === null) this.#sql("DELETE FROM meta WHERE key = 'mean_rating'").run();
        else {
          this.#sql(
            "INSERT INTO meta (key, value) VALUES ('mean_rating', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
          ).run(String(c));
        }
        return c;
      })
    );
  }

  counts(): Promise<CatalogCounts> {
    return settle(() => {
      const count = (sql: string) => (this.#sql(sql).get() as { n: number }).n;
      const mean = this.#sql("SELECT value FROM meta WHERE key = 'mean_rating'").get() as
        | { value: string }
        | undefined;
      return {
        titles: count("SELECT count(*) AS n FROM titles"),
        rated: count("SELECT count(*) AS n FROM titles WHERE votes > 0"),
        people: count("SELECT count(*) AS n FROM people"),
        principals: count("SELECT count(*) AS n FROM principals"),
        akas: count("SELECT count(*) AS n FROM akas"),
        meanRating: mean ? Number(mean.value) : null,
      };
    });
  }

  isEmpty(): Promise<boolean> {
    return settle(() => this.#sql("SELECT 1 FROM titles LIMIT 1").get() === undefined);
  }

  findTitles(key: string, limit: number): Promise<TitleMatch[]> {
    return settle(() => key === "" ? [] : this.#findTitles(key, limit));
  }

  #findTitles(key: string, limit: number): TitleMatch[] {
    // Exact matches first, then prefix matches (a bounded scan of the key index), most voted first.
    const rows = this.#sql(
      `WITH hits AS (
         SELECT tconst, key FROM title_keys WHERE key = ?1
         UNION
         SELECT tconst, key FROM (
           SELECT tconst, key FROM title_keys WHERE key > ?1 AND key < ?2 LIMIT 2000)
       )
       SELECT t.tconst, t.title_type, t.primary_title, t.original_title, t.year, t.rating,
         t.votes, group_concat(h.key, char(31)) AS keys, max(h.key = ?1) AS exact
       FROM hits h JOIN titles t ON t.tconst = h.tconst
       GROUP BY t.tconst
       ORDER BY exact DESC, t.votes DESC, t.tconst
       LIMIT ?3`,
    ).all(key, key + MAX_CHAR, limit) as Row[];
    return rows.map((r) => ({
      tconst: r.tconst as string,
      title: r.primary_title as string,
      originalTitle: r.original_title as string,
      year: r.year as number | null,
      titleType: r.title_type as "movie" | "tvMovie",
      rating: r.rating as number | null,
      votes: r.votes as number,
      keys: (r.keys as string).split("\x1f"),
    }));
  }

  #card(t: TitleRecord): CatalogTitle {
    const credits = this.#sql(
      `SELECT p.nconst, p.category, p.characters, n.name
       FROM principals p JOIN people n ON n.nconst = p.nconst
       WHERE p.tconst = ? ORDER BY p.ordering`,
    ).all(t.tconst) as Row[];
    const directors: CatalogPerson[] = [];
    const cast: CastMember[] = [];
    for (const c of credits) {
      const person = { nconst: c.nconst as string, name: c.name as string };
      if (c.category === "director") directors.push(person);
      else if (
        (CAST_CATEGORIES as readonly string[]).includes(c.category as string) &&
        cast.length < CARD_CAST
      ) {
        cast.push({ ...person, characters: JSON.parse(c.characters as string) });
      }
    }
    return {
      tconst: t.tconst,
      titleType: t.title_type,
      title: t.primary_title,
      originalTitle: t.original_title,
      year: t.year,
      runtimeMinutes: t.runtime_minutes,
      genres: splitGenres(t.genres),
      rating: t.votes > 0 ? t.rating : null,
      votes: t.votes,
      weightedRating: t.score,
      directors,
      cast,
    };
  }

  #title(tconst: string): CatalogTitle | null {
    const t = this.#sql("SELECT * FROM titles WHERE tconst = ?").get(tconst) as
      | TitleRecord
      | undefined;
    return t ? this.#card(t) : null;
  }

  title(tconst: string): Promise<CatalogTitle | null> {
    return settle(() => this.#title(tconst));
  }

  titles(tconsts: readonly string[]): Promise<CatalogTitle[]> {
    return settle(() => tconsts.flatMap((tconst) => this.#title(tconst) ?? []));
  }

  recommend(query: RecommendQuery): Promise<CatalogTitle[]> {
    return settle(() => this.#recommend(query));
  }

  #recommend(query: RecommendQuery): CatalogTitle[] {
    const want = genreMask(query.genres);
    const avoid = genreMask(query.avoid);
    const cast = CAST_CATEGORIES.map((c) => `'${c}'`).join(", ");
    const filters = [
      "t.score IS NOT NULL",
      "(t.genre_mask & :want) != 0",
      "(t.genre_mask & :avoid) = 0",
    ];
    const params: Record<string, SQLInputValue> = { want, avoid, limit: query.limit };
    if (query.language) {
      filters.push(
        "EXISTS (SELECT 1 FROM akas a WHERE a.tconst = t.tconst AND a.language = :language)",
      );
      params.language = query.language;
    }
    let from = "titles t";
    if (query.actorKey) {
      // Start from the actor's few credits rather than walking every title.
      from = `(SELECT DISTINCT p.tconst FROM people n
                 JOIN principals p ON p.nconst = n.nconst AND p.category IN (${cast})
               WHERE n.name_key = :actor) AS credited
              JOIN titles t ON t.tconst = credited.tconst`;
      params.actor = query.actorKey;
    }
    const statement = this.#sql(
      `SELECT t.* FROM ${from} WHERE ${filters.join(" AND ")}
       ORDER BY t.score DESC, t.votes DESC, t.tconst LIMIT :limit`,
    );
    const rows = statement.all(params) as unknown as TitleRecord[];
    return rows.map((t) => this.#card(t));
  }

  linkFilm(slug: string, tconst: string): Promise<void> {
    return settle(() => {
      this.#sql(
        `INSERT INTO film_links (slug, tconst, linked_at) VALUES (?, ?, ?)
         ON CONFLICT (slug) DO UPDATE SET tconst = excluded.tconst, linked_at = excluded.linked_at`,
      ).run(slug, tconst, new Date().toISOString());
    });
  }

  filmLink(slug: string): Promise<string | null> {
    return settle(() => {
      const row = this.#sql("SELECT tconst FROM film_links WHERE slug = ?").get(slug) as
        | { tconst: string }
        | undefined;
      return row?.tconst ?? null;
    });
  }

  proposeFilmLink(slug: string, tconst: string, viewer: string): Promise<void> {
    return settle(() => {
      this.#sql(
        `INSERT INTO film_link_proposals (slug, viewer, tconst, proposed_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (slug, viewer) DO UPDATE
         SET tconst = excluded.tconst, proposed_at = excluded.proposed_at`,
      ).run(slug, viewer, tconst, new Date().toISOString());
    });
  }

  filmLinkProposals(slug: string): Promise<FilmLinkProposal[]> {
    return settle(() =>
      this.#sql(
        `SELECT tconst, count(*) AS viewers FROM film_link_proposals WHERE slug = ?
         GROUP BY tconst ORDER BY viewers DESC, tconst`,
      ).all(slug) as unknown as FilmLinkProposal[]
    ).then((rows) => rows.map((row) => ({ tconst: row.tconst, viewers: Number(row.viewers) })));
  }

  dropFilmLinkProposals(where: { slug?: string; tconst?: string; viewer?: string }): Promise<void> {
    return settle(() => {
      const fields = (["slug", "tconst", "viewer"] as const).filter((f) => where[f] !== undefined);
      const filter = fields.length ? fields.map((f) => `${f} = ?`).join(" AND ") : "1";
      this.#sql(`DELETE FROM film_link_proposals WHERE ${filter}`)
        .run(...fields.map((f) => where[f]!));
    });
  }

  close(): Promise<void> {
    this.#statements.clear();
    if (this.#db.isOpen) this.#db.close();
    return Promise.resolve();
  }
}
