/**
 * `deno task bench ssr`: server-rendering throughput of the home page under 32 concurrent
 * connections, and the JavaScript each page ships.
 */
import { type BenchResult, load, pageJs, quantile, round, startServer } from "./_harness.ts";

/** Pages whose JavaScript we track; each must answer 200 on an empty library. */
export const PAGES = ["/", "/watch", "/recommend", "/no-such-page"];

export default async function ssr(): Promise<BenchResult> {
  const server = await startServer();
  try {
    const home = () => fetch(server.url + "/", { headers: { "accept-encoding": "gzip" } });
    await load(home, { concurrency: 8, seconds: 1 }); // warm up the JIT
    const result = await load(home, { concurrency: 32, seconds: 5 });
    const js: Record<string, { raw: number; gzip: number }> = {};
    for (const path of PAGES) js[path] = await pageJs(server.url, path);
    return {
      tables: [{
        title: "Home page, 32 concurrent connections for 5 s (client and server share 2 cores)",
        rows: [{
          "requests/s": round(result.requestsPerSecond, 0),
          "p50 ms": round(quantile(result.latenciesMs, 0.5)),
          "p99 ms": round(quantile(result.latenciesMs, 0.99)),
          requests: result.requests,
          errors: result.errors,
        }],
      }, {
        title: "JavaScript each page ships",
        rows: Object.entries(js).map(([page, bytes]) => ({
          page,
          "raw bytes": bytes.raw,
          "gzip bytes": bytes.gzip,
        })),
      }],
      json: { homeRequestsPerSecond: round(result.requestsPerSecond, 0), pageJs: js },
    };
  } finally {
    await server.stop();
  }
}
