/**
 * `deno task bench ingest`: the recording data path on the embedded SQLite store, and with
 * `--store mongo` on MongoDB too, in the same run, so that the two compare as a ratio.
 *
 * 1. Ingest: the server in its own process; 100 viewers of a 2-hour film each send 120 minute
 *    documents (realistic seconds, with subtitle lines) over HTTP, from 32 concurrent clients,
 *    minute by minute as an audience watching together would. Documents per second and latency;
 *    then the first 20 viewings are finished, one after another (latency of a finish).
 * 2. Aggregate: the film's per-second audience aggregate read repeatedly (median), directly and
 *    over HTTP (`GET /api/films/:slug`). On SQLite from 1,000 finished full-length viewings
 *    seeded through the store; on MongoDB from the viewings finished in step 1 (seeding a
 *    thousand would take hours on the test server, and the read does not depend on how many:
 *    it is 120 bucket documents of fixed size either way).
 *
 * MongoDB is `MONGODB_URI` (a database of its own there, dropped after) or, when unset, a
 * local FerretDB started for the run (`deno task mongo:test-server`). FerretDB 1.24 on SQLite
 * reads a whole collection for every query (no index is used), so its time per document grows
 * with the film's collection: with `--store mongo` the defaults are 4 viewers and 2 finishes,
 * on both stores, so that the run takes minutes rather than hours and the two still compare.
 *
 * Options: `--store sqlite|mongo` (sqlite), `--viewers N` (100; 4 with mongo), `--finish N`
 * (20; 2 with mongo), `--seed N` (1000 seeded viewings), `--concurrency N` (32).
 */
import { MongoClient } from "mongodb";
import { databaseName, uriWithDatabase } from "@/lib/mongo/uri.ts";
import { openMongoStore } from "@/lib/store/mongo.ts";
import { SQLITE_FILE } from "@/lib/store/open.ts";
import { openSqliteStore } from "@/lib/store/sqlite.ts";
import { sampleMinutes } from "@/lib/demo/sample.ts";
import { type MongoTestServer, startMongoTestServer } from "@/scripts/mongo_test_server.ts";
import {
  type BenchResult,
  option,
  quantile,
  round,
  type ServerProcess,
  startServer,
  timeRunsAsync,
} from "./_harness.ts";

const FILM = { title: "The Long Take", durationSec: 7200, year: 2024 };
const MINUTES = 120;

/** An empty MONGODB_URI keeps the server on SQLite even where the environment names MongoDB. */
const ON_SQLITE = { MONGODB_URI: "" };

/** Ingest over HTTP into `server`'s store, then finish the first `finishes` viewings. */
async function ingestOverHttp(
  server: ServerProcess,
  viewers: number,
  concurrency: number,
  finishes: number,
) {
  const screenings: { id: string; token: string }[] = [];
  for (let v = 0; v < viewers; v++) {
    const res = await fetch(`${server.url}/api/screenings`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(FILM),
    });
    if (res.status !== 201) throw new Error(`POST /api/screenings answered ${res.status}`);
    screenings.push(await res.json());
  }
  // Bodies are made before the clock starts: the benchmark measures the server.
  const tasks: { url: string; token: string; body: string }[] = [];
  const bodies = screenings.map((_, v) => sampleMinutes(v + 1, MINUTES));
  let bytes = 0;
  for (let seq = 0; seq < MINUTES; seq++) {
    for (const [v, { id, token }] of screenings.entries()) {
      const body = JSON.stringify({ seconds: bodies[v][seq] });
      bytes += body.length;
      tasks.push({ url: `${server.url}/api/screenings/${id}/minutes/${seq}`, token, body });
    }
  }
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < tasks.length) {
      const task = tasks[next++];
      const t0 = performance.now();
      const res = await fetch(task.url, {
        method: "PUT",
        headers: { "content-type": "application/json", authorization: `Bearer ${task.token}` },
        body: task.body,
      });
      await res.body?.cancel();
      latencies.push(performance.now() - t0);
      if (res.status !== 201) errors++;
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  const finishMs: number[] = [];
  for (const { id, token } of screenings.slice(0, finishes)) {
    const t0 = performance.now();
    const res = await fetch(`${server.url}/api/screenings/${id}/finish`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
    });
    await res.body?.cancel();
    finishMs.push(performance.now() - t0);
    if (res.status !== 200) errors++;
  }
  return {
    docs: tasks.length,
    seconds,
    meanBodyKB: bytes / tasks.length / 1024,
    latencies,
    errors,
    finishMs,
  };
}

/** One store's figures: the same keys on SQLite and on MongoDB. */
interface StoreRun {
  docsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  docs: number;
  meanBodyKB: number;
  errors: number;
  finishP50Ms: number;
  aggregateReadMs: number;
  aggregateHttpMs: number;
  /** Finished viewings in the aggregate that was read. */
  aggregateViewings: number;
}

function storeRun(
  run: Awaited<ReturnType<typeof ingestOverHttp>>,
  aggregate: { directMs: number; httpMs: number; viewings: number },
): StoreRun {
  return {
    // Whole documents a second, or two decimals where that would round to nothing.
    docsPerSecond: round(run.docs / run.seconds, run.docs / run.seconds >= 10 ? 0 : 2),
    p50Ms: round(quantile(run.latencies, 0.5)),
    p99Ms: round(quantile(run.latencies, 0.99)),
    maxMs: round(Math.max(...run.latencies)),
    docs: run.docs,
    meanBodyKB: round(run.meanBodyKB),
    errors: run.errors,
    finishP50Ms: round(quantile(run.finishMs, 0.5)),
    aggregateReadMs: round(aggregate.directMs, 2),
    aggregateHttpMs: round(aggregate.httpMs, 1),
    aggregateViewings: aggregate.viewings,
  };
}

async function onSqlite(viewers: number, concurrency: number, finishes: number, seeded: number) {
  const server = await startServer(ON_SQLITE);
  let run;
  try {
    run = await ingestOverHttp(server, viewers, concurrency, finishes);
  } finally {
    await server.stop();
    await Deno.remove(server.dataDir, { recursive: true });
  }
  const aggregate = await aggregateRead(seeded);
  return storeRun(run, { ...aggregate, viewings: seeded });
}

/** The server's name and version, as `buildInfo` gives them (FerretDB says it is). */
async function serverName(uri: string): Promise<string> {
  const client = new MongoClient(uri);
  try {
    const info = await client.db("admin").command({ buildInfo: 1 });
    return info.ferretdbVersion ? `FerretDB ${info.ferretdbVersion}` : `MongoDB ${info.version}`;
  } finally {
    await client.close();
  }
}

async function onMongo(viewers: number, concurrency: number, finishes: number) {
  const given = Deno.env.get("MONGODB_URI")?.trim();
  const local: MongoTestServer | null = given ? null : await startMongoTestServer();
  const base = given || local!.uri;
  const uri = uriWithDatabase(base, `reelfeel_bench_${crypto.randomUUID().slice(0, 8)}`);
  try {
    const server = await startServer({ MONGODB_URI: uri });
    try {
      const run = await ingestOverHttp(server, viewers, concurrency, finishes);
      const store = await openMongoStore({ uri });
      try {
        const slug = "the-long-take-2024";
        const check = await store.readAudience(slug);
        if (check.length !== FILM.durationSec || check[0].viewers !== finishes) {
          throw new Error(`aggregate has ${check.length} seconds, ${check[0]?.viewers} viewers`);
        }
        const directMs = (await timeRunsAsync(() => store.readAudience(slug), {
          warmUp: 5,
          runs: 50,
        })).median;
        const url = `${server.url}/api/films/${slug}`;
        const httpMs = (await timeRunsAsync(async () => await (await fetch(url)).arrayBuffer(), {
          warmUp: 5,
          runs: 30,
        })).median;
        return {
          server: await serverName(base),
          run: storeRun(run, { directMs, httpMs, viewings: finishes }),
        };
      } finally {
        await store.close();
      }
    } finally {
      await server.stop();
      await Deno.remove(server.dataDir, { recursive: true });
    }
  } finally {
    const client = new MongoClient(uri);
    await client.db(databaseName(uri)).dropDatabase().finally(() => client.close());
    await local?.stop();
  }
}

async function aggregateRead(seeded: number) {
  const dataDir = await Deno.makeTempDir({ prefix: "reelfeel-bench-" });
  try {
    // The file the server then opens.
    const store = openSqliteStore({ path: `${dataDir}/${SQLITE_FILE}` });
    const started = performance.now();
    const film = await store.upsertFilm("the-long-take-2024", FILM, new Date());
    // Ten distinct recordings, reused across viewings: seeding measures nothing.
    const recordings = Array.from({ length: 10 }, (_, i) => sampleMinutes(1000 + i, MINUTES));
    for (let v = 0; v < seeded; v++) {
      const id = `seed${String(v).padStart(18, "0")}`;
      const now = new Date();
      await store.createViewing({
        id,
        film: film.slug,
        durationSec: FILM.durationSec,
        tokenHash: "0".repeat(64),
        now,
      });
      for (const [seq, seconds] of recordings[v % 10].entries()) {
        await store.putMinute({ screeningId: id, seq, seconds, now });
      }
      await store.finishViewing(id, now);
    }
    const seedSeconds = (performance.now() - started) / 1000;
    const check = await store.readAudience(film.slug);
    if (check.length !== FILM.durationSec || check[0].viewers !== seeded) {
      throw new Error(`aggregate has ${check.length} seconds, ${check[0]?.viewers} viewers`);
    }
    const directMs = (await timeRunsAsync(() => store.readAudience(film.slug), {
      warmUp: 5,
      runs: 50,
    })).median;
    await store.close();

    const server = await startServer({ ...ON_SQLITE, DATA_DIR: dataDir });
    try {
      const url = `${server.url}/api/films/${film.slug}`;
      const httpMs = (await timeRunsAsync(async () => await (await fetch(url)).arrayBuffer(), {
        warmUp: 5,
        runs: 30,
      })).median;
      return { directMs, httpMs, seedSeconds };
    } finally {
      await server.stop();
    }
  } finally {
    await Deno.remove(dataDir, { recursive: true });
  }
}

export default async function ingest(args: string[]): Promise<BenchResult> {
  const storeArg = args.includes("--store") ? args[args.indexOf("--store") + 1] : "sqlite";
  if (storeArg !== "sqlite" && storeArg !== "mongo") {
    throw new Error("--store takes sqlite or mongo");
  }
  const small = storeArg === "mongo";
  const viewers = option(args, "viewers", small ? 4 : 100);
  const finishes = Math.min(viewers, option(args, "finish", small ? 2 : 20));
  const seeded = option(args, "seed", 1000);
  const concurrency = option(args, "concurrency", 32);
  // Other work on the machine shows up in every number here: report how busy it was.
  const loadBefore = Deno.loadavg()[0];
  const sqlite = await onSqlite(viewers, concurrency, finishes, seeded);
  const mongo = storeArg === "mongo" ? await onMongo(viewers, concurrency, finishes) : null;
  const loadAfter = Deno.loadavg()[0];
  const rows = [["SQLite", sqlite], ...(mongo ? [[mongo.server, mongo.run]] : [])] as [
    string,
    StoreRun,
  ][];
  const headline = (run: StoreRun) => ({
    docsPerSecond: run.docsPerSecond,
    p99Ms: run.p99Ms,
    aggregateReadMs: run.aggregateReadMs,
  });
  return {
    tables: [{
      title: `Ingest: ${viewers} viewers × ${MINUTES} minute documents over HTTP, ` +
        `${concurrency} concurrent clients (client and server share 2 cores); ` +
        `then ${finishes} finishes`,
      rows: rows.map(([store, run]) => ({
        store,
        "docs/s": run.docsPerSecond,
        "p50 ms": run.p50Ms,
        "p99 ms": run.p99Ms,
        "max ms": run.maxMs,
        docs: run.docs,
        "body KB": run.meanBodyKB,
        errors: run.errors,
        "finish p50 ms": run.finishP50Ms,
      })),
    }, {
      title: "Audience aggregate of a 2-hour film (median)",
      rows: rows.map(([store, run]) => ({
        store,
        "finished viewings": run.aggregateViewings,
        "store read ms": run.aggregateReadMs,
        "GET /api/films/:slug ms": run.aggregateHttpMs,
      })),
    }],
    json: {
      // The store asked for; with --store mongo, SQLite's figures from the same run beside.
      store: mongo ? "mongodb" : "sqlite",
      ...(mongo ? { server: mongo.server } : {}),
      ...(mongo ? mongo.run : sqlite),
      ...(mongo
        ? {
          sqlite: headline(sqlite),
          mongoToSqlite: {
            docsPerSecond: round(mongo.run.docsPerSecond / sqlite.docsPerSecond, 4),
            p99Ms: round(mongo.run.p99Ms / sqlite.p99Ms, 2),
            aggregateReadMs: round(mongo.run.aggregateReadMs / sqlite.aggregateReadMs, 2),
          },
        }
        : {}),
      viewers,
      seededViewings: seeded,
      loadAverage: round(loadBefore, 1),
      loadAverageAfter: round(loadAfter, 1),
    },
    notes: [
      `1-minute load average: ${round(loadBefore, 1)} when the run started, ` +
      `${round(loadAfter, 1)} when it ended (2 cores).`,
      "aggregateReadMs is Store.readAudience (120 per-minute buckets → 7,200 seconds); " +
      "the HTTP figure adds JSON encoding of the 7,200 seconds and compression.",
      ...(mongo
        ? [
          `MongoDB is ${mongo.server}: ratios to SQLite (same run) docs/s ` +
          `${round(mongo.run.docsPerSecond / sqlite.docsPerSecond, 4)}, p99 ` +
          `${round(mongo.run.p99Ms / sqlite.p99Ms, 2)}, aggregate read ` +
          `${round(mongo.run.aggregateReadMs / sqlite.aggregateReadMs, 2)}.`,
        ]
        : []),
    ],
  };
}
