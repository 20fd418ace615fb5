/**
 * The MongoDB server tests may use: `MONGODB_URI` (CI starts FerretDB with
 * `deno task mongo:test-server`; the GitHub workflow a real `mongo:8`), and what that server
 * lacks. With `REELFEEL_REQUIRE_MONGO=1` a missing URI is an error, not a reason to ignore.
 */
import { MongoClient } from "mongodb";
import type { CatalogFeature } from "../../lib/catalog/contract.ts";

/** The MongoDB server to test against, if any. */
export function mongoTestUri(): string | undefined {
  const uri = Deno.env.get("MONGODB_URI")?.trim();
  if (!uri && Deno.env.get("REELFEEL_REQUIRE_MONGO") === "1") {
    throw new Error("REELFEEL_REQUIRE_MONGO=1 but MONGODB_URI is not set");
  }
  return uri || undefined;
}

/** A database name no other test uses. */
export function testDatabaseName(prefix = "reelfeel_test"): string {
  return `${prefix}_${crypto.randomUUID().replaceAll("-", "")}`;
}

/** Drops test databases (each test works in its own). */
export async function dropDatabases(uri: string, names: readonly string[]): Promise<void> {
  const client = new MongoClient(uri);
  try {
    for (const name of names) await client.db(name).dropDatabase();
  } finally {
    await client.close();
  }
}

/**
 * What the server lacks that MongoDB has, with the reason: FerretDB 1.24 (it says so in
 * `buildInfo`) implements neither updates with an aggregation pipeline (nor `$avg`), which
 * `refreshScores` uses, nor `$lookup`. A real MongoDB lacks nothing.
 */
export async function serverGaps(uri: string): Promise<Partial<Record<CatalogFeature, string>>> {
  const client = new MongoClient(uri);
  try {
    const info = await client.db("admin").command({ buildInfo: 1 });
    const ferret = info.ferretdbVersion as string | undefined;
    if (!ferret) return {};
    return {
      "update-pipeline":
        `FerretDB ${ferret} has no update with an aggregation pipeline (nor $avg in $group)`,
      lookup: `FerretDB ${ferret} has no $lookup stage`,
    };
  } finally {
    await client.close();
  }
}
