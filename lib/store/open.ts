/**
 * Chooses the store from the environment: MongoDB when `MONGODB_URI` is set, else the
 * embedded SQLite file `reelfeel.sqlite` under `DATA_DIR` (default `./data`).
 */
import { openMongoStore } from "./mongo.ts";
import type { Store, StoreHooks } from "./port.ts";
import { openSqliteStore } from "./sqlite.ts";

export interface StoreConfig extends StoreHooks {
  /** Where the SQLite file lives (created if missing). */
  dataDir?: string;
  /** A MongoDB connection string; when set, SQLite is not used. */
  mongoUri?: string;
}

/** The SQLite file's name inside `DATA_DIR`. */
export const SQLITE_FILE = "reelfeel.sqlite";

/** The store configuration from environment variables. */
export function storeConfigFromEnv(env: { get(name: string): string | undefined }): StoreConfig {
  const mongoUri = env.get("MONGODB_URI")?.trim();
  return { dataDir: env.get("DATA_DIR") || "./data", mongoUri: mongoUri || undefined };
}

/** Opens the configured store, ready to use (migrated, recovered). */
export async function openStore(config: StoreConfig = {}): Promise<Store> {
  if (config.mongoUri) return await openMongoStore({ ...config, uri: config.mongoUri });
  const dataDir = config.dataDir ?? "./data";
  await Deno.mkdir(dataDir, { recursive: true });
  return openSqliteStore({ ...config, path: `${dataDir}/${SQLITE_FILE}` });
}

/** A fresh store in memory, for tests: SQLite with the same schema, gone when closed. */
export function openMemoryStore(hooks: StoreHooks = {}): Store {
  return openSqliteStore({ ...hooks, path: ":memory:" });
}
