/**
 * The catalog contract on every adapter: SQLite in memory and on a file always; MongoDB when
 * MONGODB_URI is set (each case in a database of its own, dropped after), ignored otherwise;
 * on a server lacking a MongoDB feature, the cases needing it are ignored, saying which.
 */
import { catalogContract } from "@/lib/catalog/contract.ts";
import { openMemoryCatalog } from "@/lib/catalog/open.ts";
import { SqliteCatalog } from "@/lib/catalog/sqlite.ts";
import { mongoTestUri, serverGaps, testDatabaseName } from "@/tests/helpers/mongo.ts";

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

const mongoUri = mongoTestUri();
catalogContract("mongodb", {
  ignore: !mongoUri,
  lacks: mongoUri ? await serverGaps(mongoUri) : {},
  async open() {
    const { MongoCatalog } = await import("@/lib/catalog/mongo.ts");
    const catalog = await MongoCatalog.connect(mongoUri!, {
      database: testDatabaseName("reelfeel_catalog_test"),
    });
    return {
      catalog,
      async dispose() {
        await catalog.dropDatabase();
        await catalog.close();
      },
    };
  },
});
