/**
 * Chooses the store from the environment: MongoDB when `MONGODB_URI` is set, else the
 * embedded SQLite file `reelfeel.sqlite` under `DATA_DIR` (default `./data`).
 */
import { unwritable } from "@/lib/sqlite/health.ts";
import { openMongoStore } from "./mongo.ts";
import type { Store, StoreHooks } from "./port.ts";
import { openCheckedSqliteStore, openSqliteStore } from "./sqlite.ts";

export interface StoreConfig extends StoreHooks {
  /** Where the SQLite file lives (created if missing). */
  dataDir?: string;
  /** A MongoDB connection string; when set, SQLite is not used. */
  mongoUri?: string;
  /** How long the check of an existing SQLite file may hold the start (see `checkIntegrity`). */
  checkMs?: number;
}

/** The SQLite file's name inside `DATA_DIR`. */
export const SQLITE_FILE = "reelfeel.sqlite";

/** The store configuration from environment variables. */
export function storeConfigFromEnv(env: { get(name: string): string | undefined }): StoreConfig {
  const mongoUri = env.get("MONGODB_URI")?.trim();
  return { dataDir: env.get("DATA_DIR") || "./data", mongoUri: mongoUri || undefined };
}

/**
 * Opens the configured store, ready to use (migrated, recovered). A SQLite file is checked
 * first; what is wrong with it or its directory is thrown as a `DatabaseFileError` in plain
 * words.
 */
export async function openStore(config: StoreConfig = {}): Promise<Store> {
  if (config.mongoUri) return await openMongoStore({ ...config, uri: config.mongoUri });
  const dataDir = config.dataDir ?? "./data";
  const path = `${dataDir}/${SQLITE_FILE}`;
  try {
    await Deno.mkdir(dataDir, { recursive: true });
  } catch (error) {
    throw unwritable(path, error instanceof Error ? error.message : String(error));
  }
  return await openCheckedSqliteStore({ ...config, path });
}

/** A fresh store in memory, for tests: SQLite with the same schema, gone when closed. */
export function openMemoryStore(hooks: StoreHooks = {}): Store {
  return openSqliteStore({ ...hooks, path: ":memory:" });
}
