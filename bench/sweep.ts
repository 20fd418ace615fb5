/**
 * `deno task bench sweep`: does the idle sweep block the server? 50 idle 2-hour viewings
 * (120 minute documents each, realistic seconds with subtitle lines) are seeded into a SQLite
 * file; the app serves it in its own process while 4 clients send a trivial request
 * (`GET /api/films`) back to back, first for a few seconds with no sweep (the baseline), then
 * while one sweep finishes all 50. Reports the trivial request's latency during the sweep
 * (`sweepTrivialP99Ms`, target < 100 ms), the sweep's length, and the longest the server's
 * event loop went without a turn.
 *
 * Options: `--viewings N` (50), `--minutes N` (120 minute documents a viewing; 1440 is the
 * most a viewing holds: a 12-hour film watched twice), `--clients N` (4).
 */
import { DURATION_MAX_SEC } from "@/lib/film.ts";
import { SQLITE_FILE } from "@/lib/store/open.ts";
import { openSqliteStore } from "@/lib/store/sqlite.ts";
import { sampleMinutes } from "@/lib/demo/sample.ts";
import { type BenchResult, freePort, option, quantile, round } from "./_harness.ts";

const BASELINE_MS = 3_000;
const FILM_MAX_MINUTES = DURATION_MAX_SEC / 60;

/** Seeds `viewings` recording viewings of `minutes` minutes, last written two days ago. */
async function seed(dataDir: string, viewings: number, minutes: number): Promise<void> {
  const store = openSqliteStore({ path: `${dataDir}/${SQLITE_FILE}` });
  try {
    // Past 12 hours (the longest film) the viewer rewatched: the seconds start over.
    const durationSec = Math.min(minutes, FILM_MAX_MINUTES) * 60;
    const then = new Date(Date.now() - 2 * 24 * 3_600_000);
    const film = await store.upsertFilm("the-long-pause", {
      title: "The Long Pause",
      year: null,
      durationSec,
    }, then);
    // Five distinct recordings, reused: seeding is not what is measured.
    const recordings = Array.from({ length: 5 }, (_, i) =>
      Array.from(
        { length: Math.ceil(minutes / FILM_MAX_MINUTES) },
        (_, pass) => sampleMinutes(500 + 10 * i + pass, Math.min(minutes, FILM_MAX_MINUTES)),
      ).flat().slice(0, minutes));
    for (let v = 0; v < viewings; v++) {
      const id = `sweep${String(v).padStart(17, "0")}`;
      await store.createViewing({ id, film: film.slug, durationSec, tokenHash: "0", now: then });
      for (const [seq, seconds] of recordings[v % 5].entries()) {
        await store.putMinute({ screeningId: id, seq, seconds, now: then });
      }
    }
  } finally {
    await store.close();
  }
}

/** Reads JSON lines from the server's stdout, one at a time. */
function jsonLines(stream: ReadableStream<Uint8Array<ArrayBuffer>>) {
  const reader = stream.pipeThrough(new TextDecoderStream()).getReader();
  let pending = "";
  return async (): Promise<Record<string, number | boolean>> => {
    for (;;) {
      const newline = pending.indexOf("\n");
      if (newline >= 0) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        if (line.startsWith("{")) return JSON.parse(line);
        continue;
      }
      const { done, value } = await reader.read();
      if (done) throw new Error("the server stopped");
      pending += value;
    }
  };
}

/** Sends the trivial request from `clients` clients back to back until `stop` resolves. */
async function trivialLoad(url: string, clients: number, stop: Promise<unknown>) {
  const latencies: number[] = [];
  let errors = 0;
  let stopped = false;
  stop.then(() => stopped = true);
  await Promise.all(Array.from({ length: clients }, async () => {
    while (!stopped) {
      const t0 = performance.now();
      try {
        const res = await fetch(url);
        await res.arrayBuffer();
        if (!res.ok) errors++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - t0);
    }
  }));
  return { latencies, errors };
}

const summary = (latencies: number[]) => ({
  p50: round(quantile(latencies, 0.5)),
  p99: round(quantile(latencies, 0.99)),
  max: round(Math.max(...latencies)),
});

export default async function (args: string[]): Promise<BenchResult> {
  const viewings = option(args, "viewings", 50);
  const minutes = option(args, "minutes", 120);
  const clients = option(args, "clients", 4);
  const dataDir = await Deno.makeTempDir({ prefix: "reelfeel-bench-sweep-" });
  const port = freePort();
  try {
    const seedStarted = performance.now();
    await seed(dataDir, viewings, minutes);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "bench/_sweep_server.ts"],
      cwd: new URL("../", import.meta.url),
      env: { PORT: String(port), DATA_DIR: dataDir },
      stdin: "piped",
      stdout: "piped",
      stderr: "inherit",
    }).spawn();
    const next = jsonLines(child.stdout);
    const stdin = child.stdin.getWriter();
    try {
      await next(); // ready
      const url = `http://127.0.0.1:${port}/api/films`;
      const baseline = await trivialLoad(
        url,
        clients,
        new Promise((resolve) => setTimeout(resolve, BASELINE_MS)),
      );
      await stdin.write(new TextEncoder().encode("sweep\n"));
      const done = next();
      const during = await trivialLoad(url, clients, done);
      const sweep = await done;
      const load = Deno.loadavg().map((x) => round(x, 2));
      const base = summary(baseline.latencies);
      const sweeping = summary(during.latencies);
      return {
        tables: [{
          title:
            `Trivial request (GET /api/films, ${clients} clients) while ${sweep.swept} idle viewings ` +
            `of ${minutes} minutes are finished`,
          rows: [
            { phase: "no sweep", requests: baseline.latencies.length, ...base },
            { phase: "during the sweep", requests: during.latencies.length, ...sweeping },
          ],
        }, {
          title: "The sweep",
          rows: [{
            viewings: Number(sweep.swept),
            "sweep s": round(Number(sweep.sweepMs) / 1000, 2),
            "longest event-loop stall ms": round(Number(sweep.maxStallMs)),
            "seeding s": round(seedSeconds, 1),
          }],
        }],
        notes: [
          `Target: p99 under 100 ms during the sweep. Load average: ${load.join(", ")}. ` +
          `Errors: ${baseline.errors + during.errors}.`,
        ],
        json: {
          sweepTrivialP99Ms: sweeping.p99,
          sweepTrivialP50Ms: sweeping.p50,
          sweepTrivialMaxMs: sweeping.max,
          baselineTrivialP99Ms: base.p99,
          sweepRequests: during.latencies.length,
          sweptViewings: sweep.swept,
          minutesPerViewing: minutes,
          sweepMs: round(Number(sweep.sweepMs)),
          maxLoopStallMs: round(Number(sweep.maxStallMs)),
          errors: baseline.errors + during.errors,
          loadAverage: load,
        },
      };
    } finally {
      await stdin.close().catch(() => {});
      await child.status;
    }
  } finally {
    await Deno.remove(dataDir, { recursive: true });
  }
}
