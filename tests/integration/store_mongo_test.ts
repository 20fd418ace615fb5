/**
 * The store contract on MongoDB, when `MONGODB_URI` names a server (CI's
 * `.github/workflows/mongo.yml` starts one). Each test gets a database of its own, dropped after.
 */
import { MongoClient } from "mongodb";
import { storeContract } from "@/lib/store/contract.ts";
import { openMongoStore } from "@/lib/store/mongo.ts";

const uri = Deno.env.get("MONGODB_URI")?.trim();
if (!uri && Deno.env.get("REELFEEL_REQUIRE_MONGO") === "1") {
  throw new Error("REELFEEL_REQUIRE_MONGO=1 but MONGODB_URI is not set");
}

storeContract({
  name: "mongodb",
  ignoreBecause: uri ? undefined : "MONGODB_URI is not set",
  // The driver keeps connection-pool timers between operations.
  sanitize: false,
  harness: () => {
    const names: string[] = [];
    const open = (dbName: string, hooks = {}) =>
      // A short lease, so that the crash tests' dead writers do not hold a finish for long.
      openMongoStore({ ...hooks, uri: uri!, dbName, writerLeaseMs: 2_000 });
    return {
      open(hooks) {
        names.push(`reelfeel_test_${crypto.randomUUID().replaceAll("-", "")}`);
        return open(names.at(-1)!, hooks);
      },
      reopen: (hooks) => open(names.at(-1)!, hooks),
      async cleanup() {
        const client = new MongoClient(uri!);
        try {
          for (const name of names) await client.db(name).dropDatabase();
        } finally {
          await client.close();
        }
      },
    };
  },
});
