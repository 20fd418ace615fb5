/**
 * Shared pieces of the benchmarks: a server in its own process, load, timing repeated runs,
 * percentiles, page JS.
 */

export type Row = Record<string, string | number>;

export interface BenchResult {
  tables: { title: string; rows: Row[] }[];
  json: Record<string, unknown>;
  notes?: string[];
}

/** Formats rows as an aligned text table; numbers align right. */
export function formatTable(rows: Row[]): string {
  if (rows.length === 0) return "(no rows)";
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cell = (row: Row, column: string) => String(row[column] ?? "");
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r, c).length)));
  const line = (values: string[], numeric: boolean[]) =>
    values.map((v, i) => numeric[i] ? v.padStart(widths[i]) : v.padEnd(widths[i])).join("  ");
  const numeric = columns.map((c) => rows.every((r) => typeof (r[c] ?? 0) === "number"));
  return [
    line(columns, numeric),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...rows.map((row) => line(columns.map((c) => cell(row, c)), numeric)),
  ].join("\n");
}

/** The q-quantile (0–1) of samples, by nearest rank. */
export function quantile(samples: number[], q: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** Rounds to `digits` decimals, for the tables and the JSON. */
export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Timings of repeated runs of one function, in milliseconds. */
export interface RunTimes {
  samples: number[];
  median: number;
  p95: number;
  max: number;
}

function runTimes(samples: number[]): RunTimes {
  return {
    samples,
    median: quantile(samples, 0.5),
    p95: quantile(samples, 0.95),
    max: Math.max(...samples),
  };
}

/**
 * Times `run`: `warmUp` untimed calls first (so the JIT has compiled it), then `runs` timed
 * ones; the median is what a benchmark reports, p95 and max show how steady it was.
 */
export function timeRuns(
  run: () => unknown,
  { warmUp, runs }: { warmUp: number; runs: number },
): RunTimes {
  for (let k = 0; k < warmUp; k++) run();
  const samples: number[] = [];
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now();
    run();
    samples.push(performance.now() - t0);
  }
  return runTimes(samples);
}

/** `timeRuns` for work that completes asynchronously (a query, a request): each run is awaited. */
export async function timeRunsAsync(
  run: () => Promise<unknown>,
  { warmUp, runs }: { warmUp: number; runs: number },
): Promise<RunTimes> {
  for (let k = 0; k < warmUp; k++) await run();
  const samples: number[] = [];
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now();
    await run();
    samples.push(performance.now() - t0);
  }
  return runTimes(samples);
}

export interface ServerProcess {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** A free local TCP port, for a server started next. */
export function freePort(): number {
  const listener = Deno.listen({ port: 0, hostname: "127.0.0.1" });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

/** A positive integer option `--name N` of a benchmark's arguments, else `fallback`. */
export function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(args[i + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} takes a positive integer`);
  return value;
}

/** Starts `main.ts` in its own process on a fresh data directory and waits until it answers. */
export async function startServer(env: Record<string, string> = {}): Promise<ServerProcess> {
  const port = freePort();
  const dataDir = env.DATA_DIR ?? await Deno.makeTempDir({ prefix: "reelfeel-bench-" });
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "main.ts"],
    env: { ...env, PORT: String(port), DATA_DIR: dataDir },
    stdout: "null",
    stderr: "inherit",
  }).spawn();
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      await (await fetch(url + "/")).body?.cancel();
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return {
    url,
    dataDir,
    async stop() {
      child.kill("SIGTERM");
      await child.status;
    },
  };
}

export interface LoadResult {
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  latenciesMs: number[];
  errors: number;
}

/** Runs `concurrency` clients in a loop for `seconds`, each sending `request()`. */
export async function load(
  request: () => Promise<Response>,
  { concurrency, seconds }: { concurrency: number; seconds: number },
): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      try {
        const res = await request();
        await res.arrayBuffer();
        if (!res.ok) errors++;
      } catch {
        errors++;
      }
      latenciesMs.push(performance.now() - t0);
    }
  }));
  const elapsed = (performance.now() - started) / 1000;
  return {
    requests: latenciesMs.length,
    seconds: elapsed,
    requestsPerSecond: latenciesMs.length / elapsed,
    latenciesMs,
    errors,
  };
}

async function gzipSize(bytes: Uint8Array): Promise<number> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream("gzip"));
  return (await new Response(stream).arrayBuffer()).byteLength;
}

/**
 * The JavaScript a page ships: the modules its one module script imports and the chunks it
 * preloads (the build preloads every chunk a page's modules import), raw and gzipped.
 */
export async function pageJs(
  baseUrl: string,
  path: string,
): Promise<{ raw: number; gzip: number }> {
  const html = await (await fetch(baseUrl + path)).text();
  const urls = new Set<string>();
  for (const m of html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)) urls.add(m[1]);
  for (const script of html.matchAll(/<script type="module"[^>]*>(.*?)<\/script>/gs)) {
    for (const m of script[1].matchAll(/from ?"([^"]+)"/g)) urls.add(m[1]);
  }
  let raw = 0;
  let gzip = 0;
  for (const url of urls) {
    const bytes = new Uint8Array(await (await fetch(baseUrl + url)).arrayBuffer());
    raw += bytes.byteLength;
    gzip += await gzipSize(bytes);
  }
  return { raw, gzip };
}
