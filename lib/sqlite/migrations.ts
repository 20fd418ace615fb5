/**
 * Versioned schema migrations for a `node:sqlite` database, numbered by `PRAGMA user_version`:
 * `migrations[i]` takes the schema from version i to i + 1. Lists are append only; a migration
 * that has shipped is never edited.
 */
import type { DatabaseSync } from "node:sqlite";
import { inTransaction } from "./connection.ts";

/** One migration: SQL, or a function for what SQL cannot compute (it runs in the transaction). */
export type Migration = string | ((db: DatabaseSync) => void);

/** The schema version of an open database (0 for a new one). */
export function schemaVersion(db: DatabaseSync): number {
  return (db.prepare("PRAGMA user_version").get() as { user_version: number }).user_version;
}

/**
 * Applies every migration newer than the database's version, each in its own transaction
 * together with the version bump. A database from newer code is refused, untouched; `what`
 * names it in that message (e.g. "the film catalog").
 */
export function migrate(db: DatabaseSync, migrations: readonly Migration[], what: string): void {
  const version = schemaVersion(db);
  if (version > migrations.length) {
    throw new Error(
      `${what} has schema version ${version}, newer than this code's ${migrations.length}: ` +
        "update Reelfeel",
    );
  }
  for (let v = version; v < migrations.length; v++) {
    inTransaction(db, () => {
      const migration = migrations[v];
      if (typeof migration === "string") db.exec(migration);
      else migration(db);
      db.exec(`PRAGMA user_version = ${v + 1}`);
    });
  }
}
