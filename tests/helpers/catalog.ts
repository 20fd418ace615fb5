/** The film catalog as tests use it: the IMDb-format fixture, imported into SQLite in memory. */
import { datasetSources } from "@/lib/catalog/downloader.ts";
import { type ImdbSource, importImdb } from "@/lib/catalog/importer.ts";
import { SqliteCatalog } from "@/lib/catalog/sqlite.ts";

/** The directory of the fixture's `.tsv.gz` files (made by its make_fixture.ts). */
export const IMDB_FIXTURE_DIR = new URL("../fixtures/imdb/", import.meta.url).pathname;

/** The fixture's files as import sources, read from disk. */
export function fixtureSources(dir = IMDB_FIXTURE_DIR): Promise<ImdbSource[]> {
  return datasetSources(dir);
}

/** A fresh in-memory catalog holding the whole fixture. */
export async function fixtureCatalog(): Promise<SqliteCatalog> {
  const catalog = SqliteCatalog.open(":memory:");
  await importImdb(catalog, await fixtureSources());
  return catalog;
}
