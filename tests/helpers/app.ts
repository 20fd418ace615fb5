/** The app as tests drive it: built assets, no request log, a store of its own. */
import { createApp, loadAssets } from "@/main.ts";
import { openMemoryStore } from "@/lib/store/open.ts";
import type { Store } from "@/lib/store/port.ts";
import { openMemoryCatalog } from "@/lib/catalog/open.ts";
import type { CatalogPort } from "@/lib/catalog/port.ts";

/**
 * The app on `store`, by default a fresh in-memory SQLite store, and `catalog`, by default
 * an empty one in memory.
 */
export async function testApp(
  store: Store = openMemoryStore(),
  catalog: CatalogPort = openMemoryCatalog(),
) {
  return createApp({ assets: await loadAssets(), store, catalog, log: false });
}
