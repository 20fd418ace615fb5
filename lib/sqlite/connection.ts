/**
 * One `node:sqlite` connection as the app's SQLite adapters use it: opened with the same
 * pragmas, its prepared statements cached, write transactions that roll back on any throw, and
 * synchronous work offered as promises.
 */
import { DatabaseSync, type StatementSync } from "node:sqlite";

/**
 * Opens a database file (or ":memory:"): WAL with `synchronous = NORMAL` for files (see
 * `lib/store/sqlite.ts` for what that keeps after a crash), a busy timeout so that a second
 * process (the import script beside the server) waits instead of failing, foreign keys on.
 */
export function openDatabase(path: string): DatabaseSync {
  const db = new DatabaseSync(path);
  try {
    db.exec("PRAGMA busy_timeout = 5000");
    if (path !== ":memory:") db.exec("PRAGMA journal_mode = WAL");
    db.exec("PRAGMA synchronous = NORMAL");
    db.exec("PRAGMA foreign_keys = ON");
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Prepared statements by their SQL text, prepared once per connection. */
export class StatementCache {
  readonly #db: DatabaseSync;
  readonly #statements = new Map<string, StatementSync>();

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  /** The statement for `sql`, prepared on first use. */
  get(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  /**
   * The statement for `sql` answering each row as an array in its columns' order: reading a
   * thousand rows so costs about a third of what rows as objects cost (measured in Deno's
   * node:sqlite). Prepared apart from `get(sql)`, whose rows stay objects.
   */
  arrays(sql: string): StatementSync {
    const key = `arrays:${sql}`;
    let statement = this.#statements.get(key);
    if (!statement) {
      statement = this.#db.prepare(sql);
      // In Deno's node:sqlite (as in Node 22.16+), not yet in the types it ships.
      (statement as StatementSync & { setReturnArrays(on: boolean): void }).setReturnArrays(true);
      this.#statements.set(key, statement);
    }
    return statement;
  }

  /** Forgets every statement (before the connection closes). */
  clear(): void {
    this.#statements.clear();
  }
}

/**
 * Runs synchronous database work as a promise, for the async ports: a throw becomes a
 * rejection, as callers of a promise expect, rather than escaping synchronously.
 */
export function settle<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error);
  }
}

/** Runs `fn` in one write transaction: committed when it returns, rolled back if it throws. */
export function inTransaction<T>(db: DatabaseSync, fn: () => T): T {
  db.exec("BEGIN IMMEDIATE");
  try {
    const result = fn();
    db.exec("COMMIT");
    return result;
  } catch (error) {
    if (db.isTransaction) db.exec("ROLLBACK");
    throw error;
  }
}
