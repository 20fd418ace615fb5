/**
 * The catalog contract on every adapter: SQLite in memory and on a file always; MongoDB when
 * MONGODB_URI is set (each case in a database of its own, dropped after), ignored otherwise.
 */
import { catalogContract } from "@/lib/catalog/contract.ts";
import { openMemoryCatalog } from "@/lib/catalog/open.ts";
import { SqliteCatalog } from "@/lib/catalog/sqlite.ts";

catalogContract("sqlite in memory", {
  open: () => {
    const catalog = openMemoryCatalog();
    return Promise.resolve({ catalog, dispose: () => catalog.close() });
  },
});

catalogContract("sqlite file", {
  async open() {
    const dir = await Deno.makeTempDir({ prefix: "reelfeel-catalog-" });
    const catalog = SqliteCatalog.open(`${dir}/catalog.db`);
    return {
      catalog,
      async dispose() {
        await catalog.close();
        await Deno.remove(dir, { recursive: true });
      },
    };
  },
});

const mongoUri = Deno.env.get("MONGODB_URI")?.trim();
if (!mongoUri && Deno.env.get("REELFEEL_REQUIRE_MONGO") === "1") {
  throw new Error("REELFEEL_REQUIRE_MONGO=1 but MONGODB_URI is not set");
}
catalogContract("mongodb", {
  ignore: !mongoUri,
  async open() {
    const { MongoCatalog } = await import("@/lib/catalog/mongo.ts");
    const database = `reelfeel_catalog_test_${crypto.randomUUID().slice(0, 8)}`;
    const catalog = await MongoCatalog.connect(mongoUri!, { database });
    return {
      catalog,
      async dispose() {
        await catalog.dropDatabase();
        await catalog.close();
      },
    };
  },
});
