/** The store contract on SQLite, in memory and on a file; and SQLite's own migrations. */
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { storeContract } from "@/lib/store/contract.ts";
import { openMemoryStore } from "@/lib/store/open.ts";
import { migrate } from "@/lib/sqlite/migrations.ts";
import { MIGRATIONS, openSqliteStore, SCHEMA_VERSION } from "@/lib/store/sqlite.ts";

storeContract({
  name: "sqlite in memory",
  harness: () => ({ open: (hooks) => Promise.resolve(openMemoryStore(hooks)) }),
});

storeContract({
  name: "sqlite file",
  harness: () => {
    const dirs: string[] = [];
    const path = () => `${dirs.at(-1)}/reelfeel.sqlite`;
    return {
      async open(hooks) {
        dirs.push(await Deno.makeTempDir({ prefix: "reelfeel-store-" }));
        return openSqliteStore({ ...hooks, path: path() });
      },
      reopen: (hooks) => Promise.resolve(openSqliteStore({ ...hooks, path: path() })),
      async cleanup() {
        for (const dir of dirs) await Deno.remove(dir, { recursive: true });
      },
    };
  },
});

Deno.test("sqlite: a new file is migrated to the current schema, in WAL mode", async () => {
  const dir = await Deno.makeTempDir({ prefix: "reelfeel-store-" });
  try {
    const store = openSqliteStore({ path: `${dir}/db.sqlite` });
    await store.close();
    const db = new DatabaseSync(`${dir}/db.sqlite`);
    assert.deepEqual({ ...db.prepare("PRAGMA user_version").get() }, {
      user_version: SCHEMA_VERSION,
    });
    assert.deepEqual({ ...db.prepare("PRAGMA journal_mode").get() }, { journal_mode: "wal" });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all().map((row) => row.name);
    assert.deepEqual(tables, [
      "audience",
      "challenges",
      "film_aliases",
      "films",
      "minutes",
      "passkeys",
      "recovery_codes",
      "screenings",
      "sessions",
      "viewers",
    ]);
    // Migrating again is a no-op.
    migrate(db, MIGRATIONS, "the database");
    assert.deepEqual({ ...db.prepare("PRAGMA user_version").get() }, {
      user_version: SCHEMA_VERSION,
    });
    db.close();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("sqlite: a database from newer code is refused, not damaged", async () => {
  const dir = await Deno.makeTempDir({ prefix: "reelfeel-store-" });
  try {
    const db = new DatabaseSync(`${dir}/db.sqlite`);
    db.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    assert.throws(
      () => openSqliteStore({ path: `${dir}/db.sqlite` }),
      new RegExp(`schema version ${SCHEMA_VERSION + 1}, newer than this code's ${SCHEMA_VERSION}`),
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
