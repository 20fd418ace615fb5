import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { inTransaction, settle, StatementCache } from "./connection.ts";
import { migrate, schemaVersion } from "./migrations.ts";

const tables = (db: DatabaseSync) =>
  db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all()
    .map((row) => row.name);

Deno.test("migrations run in order from the database's version, once each", () => {
  const db = new DatabaseSync(":memory:");
  try {
    const first = ["CREATE TABLE a (x INTEGER)"];
    migrate(db, first, "the test database");
    assert.equal(schemaVersion(db), 1);
    db.exec("INSERT INTO a VALUES (1)");
    // A later release appends a migration: only that one runs, the data stays.
    migrate(db, [...first, "ALTER TABLE a ADD COLUMN y TEXT; CREATE TABLE b (z INTEGER)"], "x");
    assert.equal(schemaVersion(db), 2);
    assert.deepEqual(tables(db), ["a", "b"]);
    assert.deepEqual({ ...db.prepare("SELECT x, y FROM a").get() }, { x: 1, y: null });
  } finally {
    db.close();
  }
});

Deno.test("a failing migration leaves the schema and its version as they were", () => {
  const db = new DatabaseSync(":memory:");
  try {
    migrate(db, ["CREATE TABLE a (x INTEGER)"], "the test database");
    assert.throws(() =>
      migrate(db, [
        "CREATE TABLE a (x INTEGER)",
        "CREATE TABLE b (z INTEGER); CREATE TABLE a (again INTEGER)",
      ], "the test database")
    );
    assert.equal(schemaVersion(db), 1);
    assert.deepEqual(tables(db), ["a"], "the half-applied migration was rolled back");
    assert.equal(db.isTransaction, false);
  } finally {
    db.close();
  }
});

Deno.test("a database from newer code is refused, untouched, with what to do", () => {
  const db = new DatabaseSync(":memory:");
  try {
    db.exec("PRAGMA user_version = 3");
    assert.throws(
      () => migrate(db, ["CREATE TABLE a (x INTEGER)"], "the film catalog"),
      /^Error: the film catalog has schema version 3, newer than this code's 1: update Reelfeel$/,
    );
    assert.deepEqual(tables(db), []);
  } finally {
    db.close();
  }
});

Deno.test("transactions commit what returns and roll back what throws; statements are reused", async () => {
  const db = new DatabaseSync(":memory:");
  try {
    db.exec("CREATE TABLE a (x INTEGER)");
    const statements = new StatementCache(db);
    const insert = statements.get("INSERT INTO a VALUES (?)");
    assert.equal(statements.get("INSERT INTO a VALUES (?)"), insert);
    assert.equal(inTransaction(db, () => insert.run(1).changes), 1);
    assert.throws(() =>
      inTransaction(db, () => {
        insert.run(2);
        throw new Error("crash");
      }), /crash/);
    assert.deepEqual(db.prepare("SELECT x FROM a").all().map((row) => row.x), [1]);
    await assert.rejects(settle(() => db.exec("NOT SQL")), /syntax error/);
    assert.equal(await settle(() => 7), 7);
  } finally {
    db.close();
  }
});
