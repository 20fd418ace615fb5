import assert from "node:assert/strict";
import { databaseName, uriWithDatabase } from "./uri.ts";

Deno.test("the database is the one the connection string names, else reelfeel", () => {
  assert.equal(databaseName("mongodb://127.0.0.1:27017/films"), "films");
  assert.equal(
    databaseName("mongodb+srv://user:p%40ss@cluster0.example.net/reel%20feel?retryWrites=true"),
    "reel feel",
  );
  assert.equal(databaseName("mongodb://a:1,b:2/prod?replicaSet=rs0"), "prod");
  assert.equal(databaseName("mongodb://127.0.0.1:27017"), "reelfeel");
  assert.equal(databaseName("mongodb://127.0.0.1:27017/"), "reelfeel");
  assert.equal(databaseName("mongodb://127.0.0.1:27017/?w=majority"), "reelfeel");
});

Deno.test("a database of its own on the same server keeps the host, the options and the rest", () => {
  assert.equal(
    uriWithDatabase("mongodb://127.0.0.1:27017/reelfeel", "t1"),
    "mongodb://127.0.0.1:27017/t1",
  );
  assert.equal(uriWithDatabase("mongodb://127.0.0.1:27017", "t1"), "mongodb://127.0.0.1:27017/t1");
  assert.equal(
    uriWithDatabase(
      "mongodb+srv://u:p%40ss@c0.example.net/prod?retryWrites=true&w=majority",
      "t 2",
    ),
    "mongodb+srv://u:p%40ss@c0.example.net/t%202?retryWrites=true&w=majority",
  );
  assert.equal(
    uriWithDatabase("mongodb://a:1,b:2/?replicaSet=rs0", "t3"),
    "mongodb://a:1,b:2/t3?replicaSet=rs0",
  );
  assert.equal(databaseName(uriWithDatabase("mongodb://h/x?w=1", "t 2")), "t 2");
  assert.throws(() => uriWithDatabase("postgres://h/x", "t"), /not a MongoDB connection string/);
});
