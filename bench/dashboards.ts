/**
 * `deno task bench dashboards [--json] [--data-dir DIR]`: time to first byte of the dashboards
 * with a big audience, warm and on the first request after a viewing is finished (the film's
 * cached favourite lines are stale then, and the store's pages may be cold), and the
 * JavaScript each dashboard ships.
 *
 * A seeding script (`scripts/seed_demo.ts --bench`, its own process) fills a fresh data
 * directory with 1,000 finished viewings of a 2-hour film and one 3-hour viewing, through the
 * store's real write and finish path; then `main.ts` serves it in its own process. `--data-dir`
 * reuses a directory seeded that way before (seeding takes a few minutes).
 *
 * Server CPU per request (`_page_cpu.ts`, in this process on the same data): the film page,
 * the 3-hour viewing's page and a library of 1,000 films (seeded in memory), warm, cold (the
 * first request on a fresh connection, nothing computed) and right after a finish; the library
 * also right after a write that changes nothing it shows (made anew from the store).
 */
import { type BenchResult, pageJs, quantile, round, type Row, startServer } from "./_harness.ts";
import {
  afterFinishCpu,
  afterWriteCpu,
  appOn,
  LIBRARY_FILM,
  libraryOf,
  requestCpu,
  warmCpu,
} from "./_page_cpu.ts";
import { openMemoryStore, openStore } from "@/lib/store/open.ts";
import { sampleSeconds } from "@/lib/demo/sample.ts";
import { filmSlug } from "@/lib/film.ts";
import { BENCH_FILM, BENCH_VIEWINGS } from "@/scripts/seed_demo.ts";

const SAMPLES = 200;
/** Finishes, each followed by the first request of each page. */
const COLD_ROUNDS = 10;
const IDS_FILE = "bench-ids.json";

interface Seeded {
  longViewing: string;
  filmViewing: string;
}

async function seed(dataDir: string): Promise<Seeded> {
  try {
    return JSON.parse(await Deno.readTextFile(`${dataDir}/${IDS_FILE}`));
  } catch {
    // Not seeded yet.
  }
  const started = performance.now();
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "scripts/seed_demo.ts", "--bench", "--data-dir", dataDir],
    stdout: "piped",
    stderr: "inherit",
  }).output();
  if (!output.success) throw new Error("seeding failed (see above)");
  const seeded: Seeded = JSON.parse(new TextDecoder().decode(output.stdout).trim());
  await Deno.writeTextFile(`${dataDir}/${IDS_FILE}`, JSON.stringify(seeded));
  console.error(`seeded in ${round((performance.now() - started) / 1000)} s`);
  return seeded;
}

/** Time to first byte (the response's headers) of one request; the body is read after. */
async function firstByte(url: string): Promise<number> {
  const t0 = performance.now();
  const response = await fetch(url, { headers: { "accept-encoding": "gzip" } });
  const ms = performance.now() - t0;
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  await response.arrayBuffer();
  return ms;
}

/** Time to first byte, sequentially, after a warm-up. */
async function ttfb(url: string): Promise<number[]> {
  for (let i = 0; i < 20; i++) await firstByte(url);
  const samples: number[] = [];
  for (let i = 0; i < SAMPLES; i++) samples.push(await firstByte(url));
  return samples;
}

/** `fetch` that fails the bench unless the answer has the expected status. */
async function expect(status: number, url: string, init: RequestInit) {
  const response = await fetch(url, init);
  const body = await response.json();
  if (response.status !== status) {
    throw new Error(`${init.method} ${url} answered ${response.status}: ${JSON.stringify(body)}`);
  }
  return body;
}

/**
 * The first request of each page after a finish, `COLD_ROUNDS` times: a two-minute viewing of
 * the bench film is recorded and finished through the API, each page is requested once, and the
 * viewing is deleted again (so the data stays as seeded).
 */
async function coldAfterFinish(
  base: string,
  pages: Record<string, string>,
): Promise<Record<string, number[]>> {
  const timings: Record<string, number[]> = Object.fromEntries(
    Object.keys(pages).map((name) => [name, []]),
  );
  const json = { "content-type": "application/json" };
  for (let round = 0; round < COLD_ROUNDS; round++) {
    const { id, token } = await expect(201, `${base}/api/screenings`, {
      method: "POST",
      headers: json,
      body: JSON.stringify(BENCH_FILM),
    });
    const auth = { authorization: `Bearer ${token}` };
    for (let seq = 0; seq < 2; seq++) {
      await expect(201, `${base}/api/screenings/${id}/minutes/${seq}`, {
        method: "PUT",
        headers: { ...json, ...auth },
        body: JSON.stringify({ seconds: sampleSeconds(round * 10 + seq, seq * 60, 60) }),
      });
    }
    await expect(200, `${base}/api/screenings/${id}/finish`, { method: "POST", headers: auth });
    for (const [name, path] of Object.entries(pages)) {
      timings[name].push(await firstByte(base + path));
    }
    await expect(200, `${base}/api/screenings/${id}`, { method: "DELETE", headers: auth });
  }
  return timings;
}

/** Server CPU of each page, warm, cold and after a finish (see `_page_cpu.ts`). */
async function serverCpu(dataDir: string, pages: Record<string, string>) {
  const film = pages["/films/:slug"];
  const viewing = pages["/screenings/:id"];
  const coldStore = await openStore({ dataDir });
  const cold = await appOn(coldStore);
  const filmCold = await requestCpu(cold, film);
  const viewingCold = await requestCpu(cold, viewing);
  await coldStore.close();
  const store = await openStore({ dataDir });
  const app = await appOn(store);
  const filmWarm = await warmCpu(app, film);
  const viewingWarm = await warmCpu(app, viewing);
  const [filmAfter, viewingAfter] = await afterFinishCpu(
    app,
    BENCH_FILM,
    (id) => [film, `/screenings/${id}`],
  );
  await store.close();
  const library = openMemoryStore();
  await libraryOf(library, 1000);
  const libraryApp = await appOn(library);
  const libraryCold = await requestCpu(libraryApp, "/");
  const libraryWarm = await warmCpu(libraryApp, "/");
  const libraryAfterWrite = await afterWriteCpu(libraryApp, library, "/");
  const [libraryAfter] = await afterFinishCpu(libraryApp, LIBRARY_FILM, () => ["/"]);
  await library.close();
  const r = (n: number) => round(n, 2);
  return {
    rows: [
      {
        page: "/films/:slug (1,000 viewings)",
        warm: filmWarm,
        cold: r(filmCold),
        "after a finish": filmAfter,
        "after a write": "—",
      },
      {
        page: "/screenings/:id (3 hours)",
        warm: viewingWarm,
        cold: r(viewingCold),
        "after a finish": "—",
        "after a write": "—",
      },
      {
        page: "/screenings/:id (2 minutes)",
        warm: "—",
        cold: "—",
        "after a finish": viewingAfter,
        "after a write": "—",
      },
      {
        page: "/ (1,000 films)",
        warm: libraryWarm,
        cold: r(libraryCold),
        "after a finish": libraryAfter,
        "after a write": libraryAfterWrite,
      },
    ] as Row[],
    json: {
      filmPageCpuMs: filmWarm,
      filmPageColdCpuMs: r(filmCold),
      filmPageAfterFinishCpuMs: filmAfter,
      viewingPage3hCpuMs: viewingWarm,
      viewingPage3hColdCpuMs: r(viewingCold),
      viewingPageAfterFinishCpuMs: viewingAfter,
      libraryPage1000CpuMs: libraryWarm,
      libraryPage1000ColdCpuMs: r(libraryCold),
      libraryPage1000AfterFinishCpuMs: libraryAfter,
      libraryPage1000AfterWriteCpuMs: libraryAfterWrite,
    },
  };
}

export default async function dashboards(args: string[]): Promise<BenchResult> {
  const dirAt = args.indexOf("--data-dir");
  const dataDir = dirAt >= 0
    ? args[dirAt + 1]
    : await Deno.makeTempDir({ prefix: "reelfeel-bench-dashboards-" });
  // A directory of our own (about 1.5 GB) is removed afterwards; one named by --data-dir is kept.
  const temporary = dirAt < 0;
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    const ids = await seed(dataDir);
    const running = server = await startServer({ DATA_DIR: dataDir });
    const pages = {
      "/": "/",
      "/films/:slug": `/films/${filmSlug(BENCH_FILM.title, BENCH_FILM.year)}`,
      "/screenings/:id": `/screenings/${ids.longViewing}`,
    };
    const timings: Record<string, number[]> = {};
    for (const [name, path] of Object.entries(pages)) {
      timings[name] = await ttfb(running.url + path);
    }
    const cold = await coldAfterFinish(running.url, pages);
    const js: Record<string, { raw: number; gzip: number }> = {};
    for (const [name, path] of Object.entries(pages)) js[name] = await pageJs(running.url, path);
    const htmlBytes: Record<string, number> = {};
    for (const [name, path] of Object.entries(pages)) {
      htmlBytes[name] = (await (await fetch(running.url + path)).arrayBuffer()).byteLength;
    }
    const cpu = await serverCpu(dataDir, pages);
    const rows: Row[] = Object.entries(timings).map(([page, ms]) => ({
      page,
      "p50 ms": round(quantile(ms, 0.5)),
      "p95 ms": round(quantile(ms, 0.95)),
      "max ms": round(Math.max(...ms)),
      "first after finish p50 ms": round(quantile(cold[page], 0.5)),
      "first after finish max ms": round(Math.max(...cold[page])),
      "HTML bytes": htmlBytes[page],
      "JS gzip bytes": js[page].gzip,
    }));
    return {
      tables: [{
        title:
          `Time to first byte, ${SAMPLES} sequential requests each, and the first request after ` +
          `each of ${COLD_ROUNDS} finishes: /films/:slug with ${BENCH_VIEWINGS} ` +
          `viewings of a 2-hour film, /screenings/:id of a 3-hour viewing`,
        rows,
      }, {
        title: "Server CPU per request (ms, this process's user + system time)",
        rows: cpu.rows,
      }],
      json: {
        ...cpu.json,
        filmPageP95Ms: round(quantile(timings["/films/:slug"], 0.95)),
        screeningPageP95Ms: round(quantile(timings["/screenings/:id"], 0.95)),
        libraryPageP95Ms: round(quantile(timings["/"], 0.95)),
        afterFinishMaxMs: Object.fromEntries(
          Object.entries(cold).map(([page, ms]) => [page, round(Math.max(...ms))]),
        ),
        afterFinishP50Ms: Object.fromEntries(
          Object.entries(cold).map(([page, ms]) => [page, round(quantile(ms, 0.5))]),
        ),
        pageJsGzip: Object.fromEntries(Object.entries(js).map(([page, b]) => [page, b.gzip])),
        htmlBytes,
      },
      notes: [temporary ? "data: a temporary directory, removed" : `data: ${dataDir}`],
    };
  } finally {
    // The server may have died already (e.g. no build to serve): clean up all the same.
    await server?.stop().catch(() => {});
    if (temporary) await Deno.remove(dataDir, { recursive: true });
  }
}
