/**
 * `deno task bench import [--rows N]`: generates a `title.basics`-format `.tsv.gz` of 1,000,000
 * rows (by default) in a temporary directory, imports it with `scripts/import_imdb.ts` in a
 * subprocess into a fresh SQLite catalog, and reports the import's rows per second and its peak
 * memory: the subprocess's resident-set high-water mark (VmHWM in /proc/<pid>/status), sampled
 * every 50 ms. The target is a peak under 300 MB, whatever the file's size.
 */
import { type BenchResult, round } from "./_harness.ts";
import { IMDB_COLUMNS } from "@/lib/catalog/imdb.ts";

const TYPES = [
  "movie",
  "movie",
  "movie",
  "tvEpisode",
  "tvEpisode",
  "short",
  "tvSeries",
  "tvMovie",
  "video",
  "movie",
];
const GENRES = [
  "Drama",
  "Comedy",
  "Action,Crime",
  "Documentary",
  "Horror,Thriller",
  "Romance,Drama",
  "\\N",
];
const WORDS = [
  "Night",
  "River",
  "Glass",
  "Summer",
  "Iron",
  "Paper",
  "Last",
  "Silent",
  "Golden",
  "Lost",
];

/** One generated row, deterministic in `i`. */
function row(i: number): string {
  const type = TYPES[i % TYPES.length];
  const title = `${WORDS[i % 10]} ${WORDS[Math.floor(i / 10) % 10]} ${i}`;
  const year = 1900 + (i % 125);
  const runtime = type === "tvEpisode" ? 44 : 80 + (i % 70);
  return [
    `tt${String(i + 1).padStart(7, "0")}`,
    type,
    title,
    i % 7 === 0 ? `${title} (original)` : title,
    i % 97 === 0 ? "1" : "0",
    String(year),
    "\\N",
    String(runtime),
    GENRES[i % GENRES.length],
  ].join("\t");
}

/** Writes a generated `title.basics` file of `rows` rows, streamed through gzip; returns its size. */
export async function generateTitleBasics(path: string, rows: number): Promise<number> {
  const batch = 10_000;
  let next = 0;
  const encoder = new TextEncoder();
  const lines = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (next === 0) {
        controller.enqueue(encoder.encode(IMDB_COLUMNS["title.basics"].join("\t") + "\n"));
      }
      if (next >= rows) return controller.close();
      const end = Math.min(rows, next + batch);
      let text = "";
      for (let i = next; i < end; i++) text += row(i) + "\n";
      next = end;
      controller.enqueue(encoder.encode(text));
    },
  });
  const file = await Deno.open(path, { write: true, create: true, truncate: true });
  const gzip = new CompressionStream("gzip") as unknown as TransformStream<Uint8Array, Uint8Array>;
  await lines.pipeThrough(gzip).pipeTo(file.writable);
  return (await Deno.stat(path)).size;
}

async function highWaterKb(pid: number): Promise<number | null> {
  try {
    const status = await Deno.readTextFile(`/proc/${pid}/status`);
    const match = status.match(/^VmHWM:\s+(\d+) kB/m);
    return match ? Number(match[1]) : null;
  } catch {
    return null; // the process has exited, or there is no /proc
  }
}

export default async function importBench(args: string[]): Promise<BenchResult> {
  const at = args.indexOf("--rows");
  const rows = at >= 0 ? Number(args[at + 1]) : 1_000_000;
  if (!Number.isInteger(rows) || rows < 1) throw new Error("--rows takes a positive integer");
  const dir = await Deno.makeTempDir({ prefix: "reelfeel-bench-import-" });
  try {
    const t0 = performance.now();
    const size = await generateTitleBasics(`${dir}/title.basics.tsv.gz`, rows);
    const generateSeconds = (performance.now() - t0) / 1000;

    const started = performance.now();
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "scripts/import_imdb.ts", dir, "--files", "title.basics"],
      env: { DATA_DIR: `${dir}/data`, MONGODB_URI: "" },
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    let peakKb = 0;
    const sampler = setInterval(async () => {
      const kb = await highWaterKb(child.pid);
      if (kb !== null) peakKb = Math.max(peakKb, kb);
    }, 50);
    const output = await child.output();
    clearInterval(sampler);
    const seconds = (performance.now() - started) / 1000;
    const stdout = new TextDecoder().decode(output.stdout);
    if (!output.success) {
      throw new Error(`the import failed:\n${stdout}\n${new TextDecoder().decode(output.stderr)}`);
    }
    const kept = Number(stdout.match(/(\d+) kept/)?.[1] ?? NaN);
    const rowsPerSecond = rows / seconds;
    const peakMemoryMb = peakKb / 1024;
    return {
      tables: [{
        title: `Importing a generated title.basics.tsv.gz (${rows.toLocaleString("en")} rows, ${
          round(size / 1e6)
        } MB) in a subprocess`,
        rows: [{
          rows,
          "films kept": kept,
          "seconds": round(seconds),
          "rows/s": round(rowsPerSecond, 0),
          "peak RSS MB": round(peakMemoryMb),
        }],
      }],
      json: {
        rows,
        filmsKept: kept,
        compressedBytes: size,
        seconds: round(seconds, 2),
        rowsPerSecond: round(rowsPerSecond, 0),
        peakMemoryMb: round(peakMemoryMb, 1),
        targetPeakMemoryMb: 300,
      },
      notes: [
        `Generating the file took ${round(generateSeconds)} s (not counted).`,
        "rows/s counts every row read (films are kept, the other title types skipped) over the " +
        "subprocess's whole run, start-up and the final commit included; peak RSS is its VmHWM.",
      ],
    };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
