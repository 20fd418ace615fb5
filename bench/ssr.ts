/**
 * `deno task bench ssr`: server-rendering throughput of the home page of a library with films
 * (the ranked films table, the favourites chart, the latest viewings) under 32 concurrent
 * connections, and the JavaScript each page ships.
 *
 * The library is seeded through the store's real write and finish path (lib/demo/seed.ts)
 * into a fresh data directory before `main.ts` serves it in its own process.
 */
import { type BenchResult, load, pageJs, quantile, round, startServer } from "./_harness.ts";
import { sampleSeconds } from "@/lib/demo/sample.ts";
import { seedViewing } from "@/lib/demo/seed.ts";
import { openStore } from "@/lib/store/open.ts";

/** Pages whose JavaScript we track. */
export const PAGES = ["/", "/watch", "/recommend", "/no-such-page"];

/** The library: films, each with a few finished viewings of a few minutes. */
const SEEDED_FILMS = 24;
const VIEWINGS_PER_FILM = 3;
const SECONDS_PER_VIEWING = 180;

/** Seeds the library into `dataDir`; returns how many viewings it holds. */
async function seedLibrary(dataDir: string): Promise<number> {
  const store = await openStore({ dataDir });
  let viewings = 0;
  try {
    for (let f = 0; f < SEEDED_FILMS; f++) {
      const film = { title: `Bench Film ${f + 1}`, year: 1950 + f, durationSec: 5400 + f * 60 };
      for (let v = 0; v < VIEWINGS_PER_FILM; v++) {
        await seedViewing(store, film, sampleSeconds(f * 10 + v, 0, SECONDS_PER_VIEWING));
        viewings++;
      }
    }
  } finally {
    await store.close();
  }
  return viewings;
}

export default async function ssr(): Promise<BenchResult> {
  const dataDir = await Deno.makeTempDir({ prefix: "reelfeel-bench-ssr-" });
  const viewings = await seedLibrary(dataDir);
  const server = await startServer({ DATA_DIR: dataDir, MONGODB_URI: "" });
  try {
    const home = () => fetch(server.url + "/", { headers: { "accept-encoding": "gzip" } });
    const check = await home();
    const html = await check.text();
    if (!check.ok || !html.includes('data-film="bench-film-1-1950"')) {
      throw new Error(`the home page does not list the seeded library (${check.status})`);
    }
    await load(home, { concurrency: 8, seconds: 1 }); // warm up the JIT
    const result = await load(home, { concurrency: 32, seconds: 5 });
    const js: Record<string, { raw: number; gzip: number }> = {};
    for (const path of PAGES) js[path] = await pageJs(server.url, path);
    return {
      tables: [{
        title: `Home page of a library of ${SEEDED_FILMS} films and ${viewings} viewings, ` +
          "32 concurrent connections for 5 s (client and server share 2 cores)",
        rows: [{
          "requests/s": round(result.requestsPerSecond, 0),
          "p50 ms": round(quantile(result.latenciesMs, 0.5)),
          "p99 ms": round(quantile(result.latenciesMs, 0.99)),
          requests: result.requests,
          errors: result.errors,
          "HTML bytes": new TextEncoder().encode(html).byteLength,
        }],
      }, {
        title: "JavaScript each page ships",
        rows: Object.entries(js).map(([page, bytes]) => ({
          page,
          "raw bytes": bytes.raw,
          "gzip bytes": bytes.gzip,
        })),
      }],
      json: {
        homeRequestsPerSecond: round(result.requestsPerSecond, 0),
        homeP99Ms: round(quantile(result.latenciesMs, 0.99)),
        libraryFilms: SEEDED_FILMS,
        libraryViewings: viewings,
        pageJs: js,
      },
    };
  } finally {
    await server.stop();
    await Deno.remove(dataDir, { recursive: true });
  }
}
