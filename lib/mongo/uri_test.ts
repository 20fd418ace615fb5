import assert from "node:assert/strict";
import { databaseName } from "./uri.ts";

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
