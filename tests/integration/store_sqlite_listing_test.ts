/**
 * SQLite's migration 2 (the viewings' list columns): a database from before it keeps its
 * viewings listable, with the ratings of finished ones taken from their stored summaries.
 */
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { MIGRATIONS, openSqliteStore } from "@/lib/store/sqlite.ts";
import { inTempDir } from "@/tests/helpers/temp_dir.ts";

Deno.test("sqlite: migrating to version 2 fills the list columns of finished screenings", async () => {
  await inTempDir("reelfeel-store-", async (dir) => {
    const path = `${dir}/db.sqlite`;
    const db = new DatabaseSync(path);
    db.exec(MIGRATIONS[0] as string);
    db.exec("PRAGMA user_version = 1");
    db.prepare(
      "INSERT INTO films (slug, title, year, duration_sec, created_at) VALUES (?, ?, ?, ?, ?)",
    ).run("alien-1979", "Alien", 1979, 7020, 0);
    const insert = db.prepare(
      `INSERT INTO screenings (id, film, duration_sec, token_hash, state, started_at, active_at,
       finished_at, summary) VALUES (?, 'alien-1979', 7020, 'h', ?, ?, ?, ?, ?)`,
    );
    insert.run(
      "a".repeat(22),
      "finished",
      1000,
      1000,
      5000,
      JSON.stringify({
        rating: 71.3,
        recordedSec: 3600,
        verdict: null,
      }),
    );
    insert.run("b".repeat(22), "recording", 2000, 2000, null, null);
    db.close();

    const store = openSqliteStore({ path });
    try {
      assert.deepEqual((await store.listViewings({ limit: 5 })).map((s) => ({ ...s })), [
        {
          id: "b".repeat(22),
          film: "alien-1979",
          state: "recording",
          startedAt: new Date(2000).toISOString(),
          finishedAt: null,
          rating: null,
          recordedSec: null,
          verdict: null,
        },
        {
          id: "a".repeat(22),
          film: "alien-1979",
          state: "finished",
          startedAt: new Date(1000).toISOString(),
          finishedAt: new Date(5000).toISOString(),
          rating: 71.3,
          recordedSec: 3600,
          verdict: null,
        },
      ]);
    } finally {
      await store.close();
    }
  });
});
