/**
 * Opens the catalog where the store's configuration points (`storeConfigFromEnv`): MongoDB
 * (collections prefixed `catalog.`) when a MongoDB URI is set, otherwise SQLite in
 * `<dataDir>/catalog.db` (default `./data`).
 */
import type { CatalogPort } from "./port.ts";
import { SqliteCatalog } from "./sqlite.ts";

/** Where the catalog lives: the same settings as the store's. */
export interface CatalogConfig {
  /** The directory of the SQLite file (created if missing). */
  dataDir?: string;
  /** A MongoDB connection string; when set, SQLite is not used. */
  mongoUri?: string;
}

/** The catalog's SQLite file under a data directory. */
export function catalogPath(dataDir: string): string {
  return `${dataDir.replace(/\/+$/, "")}/catalog.db`;
}

/** Opens the configured catalog, ready to use (migrated). */
export async function openCatalog(config: CatalogConfig = {}): Promise<CatalogPort> {
  if (config.mongoUri) {
    const { MongoCatalog } = await import("./mongo.ts");
    return await MongoCatalog.connect(config.mongoUri);
  }
  const dataDir = config.dataDir ?? "./data";
  await Deno.mkdir(dataDir, { recursive: true });
  return SqliteCatalog.open(catalogPath(dataDir));
}

/** A fresh, empty catalog in memory, for tests: gone when closed. */
export function openMemoryCatalog(): CatalogPort {
  return SqliteCatalog.open(":memory:");
}
