/**
 * Opens the catalog the environment asks for: MongoDB (collections prefixed `catalog.`) when
 * `MONGODB_URI` is set, otherwise SQLite in `DATA_DIR/catalog.db` (default `./data`).
 */
import type { CatalogPort } from "./port.ts";
import { SqliteCatalog } from "./sqlite.ts";

/** The catalog's SQLite file under a data directory. */
export function catalogPath(dataDir: string): string {
  return `${dataDir.replace(/\/+$/, "")}/catalog.db`;
}

/** Opens the configured catalog; reads `MONGODB_URI` and `DATA_DIR`. */
export async function openCatalog(
  env: { get(name: string): string | undefined } = Deno.env,
): Promise<CatalogPort> {
  const uri = env.get("MONGODB_URI");
  if (uri) {
    const { MongoCatalog } = await import("./mongo.ts");
    return await MongoCatalog.connect(uri);
  }
  const dataDir = env.get("DATA_DIR") ?? "./data";
  await Deno.mkdir(dataDir, { recursive: true });
  return SqliteCatalog.open(catalogPath(dataDir));
}
