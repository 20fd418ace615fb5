/** The app as tests drive it: built assets, no request log, a store of its own. */
import { MongoClient } from "mongodb";
import { type AppOptions, createApp, loadAssets } from "@/main.ts";
import { openMemoryStore } from "@/lib/store/open.ts";
import { openMongoStore } from "@/lib/store/mongo.ts";
import type { Store } from "@/lib/store/port.ts";
import { openMemoryCatalog } from "@/lib/catalog/open.ts";
import type { CatalogPort } from "@/lib/catalog/port.ts";
import { mongoTestUri, testDatabaseName } from "./mongo.ts";

/**
 * The store the app's tests run on: SQLite in memory, or with `REELFEEL_TEST_STORE=mongodb`
 * MongoDB at `MONGODB_URI` (as `.ci/run` and the MongoDB workflow run the integration tests).
 */
export const TEST_STORE = Deno.env.get("REELFEEL_TEST_STORE") === "mongodb" ? "mongodb" : "sqlite";

/**
 * One client for every MongoDB store of the process, connected before any test starts: a
 * client per test would open sockets and timers inside each test and outlive it. One
 * connection, so that the pool never grows inside a test either.
 */
const sharedClient = TEST_STORE === "mongodb" ? await connectShared() : null;

async function connectShared(): Promise<MongoClient> {
  const uri = mongoTestUri();
  if (!uri) throw new Error("REELFEEL_TEST_STORE=mongodb needs MONGODB_URI");
  // Polled rarely rather than streamed: a test must not end with a monitoring reply on its way.
  const client = new MongoClient(uri, {
    maxPoolSize: 1,
    minPoolSize: 1,
    serverMonitoringMode: "poll",
    heartbeatFrequencyMS: 60_000,
  });
  await client.db("admin").command({ ping: 1 });
  return client;
}

/**
 * A fresh, empty store (see TEST_STORE). On MongoDB each is a database of its own, left on
 * the test server (`deno task mongo:test-server` removes its whole data folder at the end).
 */
export async function testStore(): Promise<Store> {
  if (!sharedClient) return openMemoryStore();
  return await openMongoStore({
    uri: mongoTestUri()!,
    client: sharedClient,
    dbName: testDatabaseName("reelfeel_api_test"),
  });
}

/**
 * The app on `store`, by default a fresh test store, and `catalog`, by default an empty one
 * in memory; `options` may give it more (e.g. its catalog import).
 */
export async function testApp(
  store?: Store,
  catalog: CatalogPort = openMemoryCatalog(),
  options: Partial<AppOptions> = {},
) {
  return createApp({
    assets: await loadAssets(),
    store: store ?? await testStore(),
    catalog,
    log: false,
    ...options,
  });
}
