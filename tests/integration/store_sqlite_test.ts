/** The store contract on SQLite, in memory and on a file; and SQLite's own migrations. */
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { storeContract } from "@/lib/store/contract.ts";
import { openMemoryStore } from "@/lib/store/open.ts";
import { migrate } from "@/lib/sqlite/migrations.ts";
import { MIGRATIONS, openSqliteStore, SCHEMA_VERSION } from "@/lib/store/sqlite.ts";
import { PERSONAL_VIEWER } from "@/lib/store/port.ts";
import { sampleSeconds } from "@/lib/demo/sample.ts";
import { inTempDir } from "@/tests/helpers/temp_dir.ts";

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
  await inTempDir("reelfeel-store-", async (dir) => {
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
  });
});

Deno.test("sqlite: a database from newer code is refused, not damaged", async () => {
  await inTempDir("reelfeel-store-", (dir) => {
    const db = new DatabaseSync(`${dir}/db.sqlite`);
    db.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    assert.throws(
      () => openSqliteStore({ path: `${dir}/db.sqlite` }),
      new RegExp(`schema version ${SCHEMA_VERSION + 1}, newer than this code's ${SCHEMA_VERSION}`),
    );
  });
});

Deno.test("sqlite: viewings finished before schema 7 are read without their points as before", async () => {
  await inTempDir("reelfeel-store-", async (dir) => {
    const path = `${dir}/db.sqlite`;
    const store = openSqliteStore({ path });
    await store.upsertFilm(
      "ran-1985",
      { title: "Ran", year: 1985, durationSec: 9720 },
      new Date(0),
    );
    const id = "migration7xxxxxxxxxxxxx";
    await store.createViewing({
      id,
      film: "ran-1985",
      durationSec: 9720,
      tokenHash: "0".repeat(64),
      now: new Date(0),
    });
    await store.putMinute({
      screeningId: id,
      seq: 0,
      seconds: sampleSeconds(7, 0, 60),
      now: new Date(1000),
    });
    await store.finishViewing(id, new Date(2000));
    await store.setVerdict(id, 7);
    const before = (await store.getViewing(id, { perSecond: false }))!;
    await store.close();
    // Schema 6: no summary without points stored beside the whole one.
    const db = new DatabaseSync(path);
    db.exec("ALTER TABLE screenings DROP COLUMN summary_head; PRAGMA user_version = 6;");
    db.close();
    const migrated = openSqliteStore({ path });
    const after = (await migrated.getViewing(id, { perSecond: false }))!;
    assert.deepEqual(after, before);
    assert.deepEqual(after.summary!.perSecond, []);
    assert.ok(after.summary!.rating > 0);
    const [example] = await migrated.listVerdictExamples(PERSONAL_VIEWER);
    assert.deepEqual(example.summary, before.summary);
    await migrated.close();
  });
});

Deno.test("sqlite: a write by another connection (a seed script, say) changes the change mark", async () => {
  await inTempDir("reelfeel-store-", async (dir) => {
    const path = `${dir}/db.sqlite`;
    const serving = openSqliteStore({ path });
    const other = openSqliteStore({ path });
    const before = await serving.changeMark();
    assert.equal(await serving.changeMark(), before);
    await other.upsertFilm(
      "ran-1985",
      { title: "Ran", year: 1985, durationSec: 9720 },
      new Date(0),
    );
    await other.close();
    assert.notEqual(await serving.changeMark(), before);
    await serving.close();
  });
});
