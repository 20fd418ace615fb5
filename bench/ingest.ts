/**
 * `deno task bench ingest`: the recording data path on the embedded SQLite store.
 *
 * 1. Ingest: the server in its own process; 100 viewers of a 2-hour film each send 120 minute
 *    documents (realistic seconds, with subtitle lines) over HTTP, from 32 concurrent clients,
 *    minute by minute as an audience watching together would. Documents per second and latency.
 * 2. Aggregate: 1,000 finished full-length viewings of a 2-hour film seeded through the store,
 *    then the film's per-second audience aggregate read repeatedly (median), directly and over
 *    HTTP (`GET /api/films/:slug`).
 *
 * Options: `--viewers N` (100), `--seed N` (1000 seeded viewings), `--concurrency N` (32).
 */
import { SQLITE_FILE } from "@/lib/store/open.ts";
import { openSqliteStore } from "@/lib/store/sqlite.ts";
import { sampleMinutes } from "@/lib/demo/sample.ts";
import {
  type BenchResult,
  option,
  quantile,
  round,
  startServer,
  timeRunsAsync,
} from "./_harness.ts";

const FILM = { title: "The Long Take", durationSec: 7200, year: 2024 };
const MINUTES = 120;

/** An empty MONGODB_URI keeps the server on SQLite even where the environment names MongoDB. */
const ON_SQLITE = { MONGODB_URI: "" };

async function ingestOverHttp(viewers: number, concurrency: number) {
  const server = await startServer(ON_SQLITE);
  try {
    const viewings: { id: string; token: string }[] = [];
    for (let v = 0; v < viewers; v++) {
      const res = await fetch(`${server.url}/api/screenings`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(FILM),
      });
      if (res.status !== 201) throw new Error(`POST /api/screenings answered ${res.status}`);
      viewings.push(await res.json());
    }
    // Bodies are made before the clock starts: the benchmark measures the server.
    const tasks: { url: string; token: string; body: string }[] = [];
    const bodies = viewings.map((_, v) => sampleMinutes(v + 1, MINUTES));
    let bytes = 0;
    for (let seq = 0; seq < MINUTES; seq++) {
      for (const [v, { id, token }] of viewings.entries()) {
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
    for (const { id, token } of viewings) {
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
  } finally {
    await server.stop();
    await Deno.remove(server.dataDir, { recursive: true });
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
  const viewers = option(args, "viewers", 100);
  const seeded = option(args, "seed", 1000);
  const concurrency = option(args, "concurrency", 32);
  // Other work on the machine shows up in every number here: report how busy it was.
  const loadBefore = Deno.loadavg()[0];
  const run = await ingestOverHttp(viewers, concurrency);
  const docsPerSecond = run.docs / run.seconds;
  const aggregate = await aggregateRead(seeded);
  return {
    tables: [{
      title: `Ingest: ${viewers} viewers × ${MINUTES} minute documents over HTTP, ` +
        `${concurrency} concurrent clients, SQLite (client and server share 2 cores)`,
      rows: [{
        "docs/s": round(docsPerSecond, 0),
        "p50 ms": round(quantile(run.latencies, 0.5)),
        "p99 ms": round(quantile(run.latencies, 0.99)),
        "max ms": round(Math.max(...run.latencies)),
        docs: run.docs,
        "body KB": round(run.meanBodyKB),
        errors: run.errors,
        "finish p50 ms": round(quantile(run.finishMs, 0.5)),
      }],
    }, {
      title: `Audience aggregate of a 2-hour film with ${seeded} finished viewings (median)`,
      rows: [{
        "store read ms": round(aggregate.directMs, 2),
        "GET /api/films/:slug ms": round(aggregate.httpMs, 1),
        "seeding s": round(aggregate.seedSeconds, 0),
      }],
    }],
    json: {
      docsPerSecond: round(docsPerSecond, 0),
      p99Ms: round(quantile(run.latencies, 0.99)),
      aggregateReadMs: round(aggregate.directMs, 2),
      p50Ms: round(quantile(run.latencies, 0.5)),
      errors: run.errors,
      finishP50Ms: round(quantile(run.finishMs, 0.5)),
      aggregateHttpMs: round(aggregate.httpMs, 1),
      viewers,
      seededViewings: seeded,
      loadAverage: round(loadBefore, 1),
    },
    notes: [
      `1-minute load average when the run started: ${round(loadBefore, 1)} (2 cores).`,
      "aggregateReadMs is Store.readAudience (120 per-minute buckets → 7,200 seconds); " +
      "the HTTP figure adds JSON encoding of the 7,200 seconds and compression.",
    ],
  };
}
