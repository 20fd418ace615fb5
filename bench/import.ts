/**
 * `deno task bench import [--rows N]`: generates all five IMDb files in their format, as
 * `.tsv.gz`, in a temporary directory (`title.basics` of N rows, 1,000,000 by default, and the
 * other four in IMDb's own proportions to it), imports them one after the other with
 * `scripts/import_imdb.ts --files <name>` into a fresh SQLite catalog, each in its own
 * subprocess, and reports each file's rows per second and peak memory: the subprocess's
 * resident-set high-water mark (VmHWM in /proc/<pid>/status), sampled every 50 ms. Every file
 * after `title.basics` starts by loading the set of kept title ids, so its peak includes it.
 *
 * Then the title-id set alone: the heap it takes for the kept ids and for IMDb's real count
 * (about a million films), against a plain `Set<string>`, measured in a subprocess run with
 * `--expose-gc`. The target is a peak under 300 MB per file, whatever the file's size.
 */
import { type BenchResult, round, type Row } from "./_harness.ts";
import { IMDB_COLUMNS, IMDB_FILES, type ImdbFileName, TitleIdSet } from "@/lib/catalog/imdb.ts";

/**
 * Rows of each file per `title.basics` row, from IMDb's files of 2024 (11 M titles, 1.5 M
 * ratings, 90 M principals, 14 M names, 52 M akas), rounded.
 */
export const ROWS_PER_TITLE: Record<ImdbFileName, number> = {
  "title.basics": 1,
  "title.ratings": 0.14,
  "title.principals": 8,
  "name.basics": 1.3,
  "title.akas": 4.7,
};
/** Films IMDb's real title.basics keeps (movies and TV films), for the title-id set's size. */
const REAL_FILMS = 1_000_000;

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
const CATEGORIES = ["actor", "actress", "director", "writer", "producer", "self", "composer"];
const REGIONS = ["US", "GB", "FR", "DE", "JP", "\\N", "XWW", "IT"];
const LANGUAGES = ["\\N", "\\N", "\\N", "en", "fr", "ja", "de"];

const tconst = (i: number) => `tt${String(i + 1).padStart(7, "0")}`;
const nconst = (i: number) => `nm${String(i + 1).padStart(7, "0")}`;
const titleOf = (i: number) => `${WORDS[i % 10]} ${WORDS[Math.floor(i / 10) % 10]} ${i}`;

/** Row `i` of each file, deterministic; `titles` and `people` bound the ids rows refer to. */
function rowOf(
  name: ImdbFileName,
  i: number,
  { titles, people }: { titles: number; people: number },
): string {
  switch (name) {
    case "title.basics": {
      const type = TYPES[i % TYPES.length];
      const runtime = type === "tvEpisode" ? 44 : 80 + (i % 70);
      return [
        tconst(i),
        type,
        titleOf(i),
        i % 7 === 0 ? `${titleOf(i)} (original)` : titleOf(i),
        i % 97 === 0 ? "1" : "0",
        String(1900 + (i % 125)),
        "\\N",
        String(runtime),
        GENRES[i % GENRES.length],
      ].join("\t");
    }
    case "title.ratings": {
      // Ratings cover a spread of titles, films among them.
      const title = Math.floor(i / ROWS_PER_TITLE["title.ratings"]) % titles;
      return [tconst(title), (1 + (i % 90) / 10).toFixed(1), String(5 + (i * 37) % 500_000)]
        .join("\t");
    }
    case "title.principals": {
      const perTitle = ROWS_PER_TITLE["title.principals"];
      const title = Math.floor(i / perTitle) % titles;
      const category = CATEGORIES[i % CATEGORIES.length];
      const characters = category === "actor" || category === "actress"
        ? `["Character ${i % 1000}"]`
        : "\\N";
      return [
        tconst(title),
        String(1 + (i % perTitle)),
        nconst((i * 7919) % people),
        category,
        "\\N",
        characters,
      ].join("\t");
    }
    case "name.basics":
      return [
        nconst(i),
        `Person ${WORDS[i % 10]} ${i}`,
        String(1900 + (i % 100)),
        "\\N",
        "actor,writer",
        `${tconst(i % titles)},${tconst((i * 31) % titles)}`,
      ].join("\t");
    case "title.akas": {
      const perTitle = ROWS_PER_TITLE["title.akas"];
      const title = Math.floor(i / perTitle) % titles;
      return [
        tconst(title),
        String(1 + (i % 5)),
        `${titleOf(title)} (${REGIONS[i % REGIONS.length]})`,
        REGIONS[i % REGIONS.length],
        LANGUAGES[i % LANGUAGES.length],
        i % 5 === 0 ? "original" : "\\N",
        "\\N",
        i % 5 === 0 ? "1" : "0",
      ].join("\t");
    }
  }
}

/** Writes a generated file of `rows` rows, streamed through gzip; returns its size in bytes. */
export async function generateImdbFile(
  path: string,
  name: ImdbFileName,
  rows: number,
  bounds: { titles: number; people: number },
): Promise<number> {
  const batch = 10_000;
  let next = 0;
  const encoder = new TextEncoder();
  const lines = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (next === 0) controller.enqueue(encoder.encode(IMDB_COLUMNS[name].join("\t") + "\n"));
      if (next >= rows) return controller.close();
      const end = Math.min(rows, next + batch);
      let text = "";
      for (let i = next; i < end; i++) text += rowOf(name, i, bounds) + "\n";
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

/** Runs `deno <args>` with `env`, sampling its peak RSS; its stdout, seconds and peak MB. */
async function measured(args: string[], env: Record<string, string>) {
  const started = performance.now();
  const child = new Deno.Command(Deno.execPath(), {
    args,
    env,
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
    throw new Error(
      `${args.join(" ")} failed:\n${stdout}\n${new TextDecoder().decode(output.stderr)}`,
    );
  }
  return { stdout, seconds, peakMb: peakKb / 1024 };
}

/** Heap bytes a set of `count` title ids takes, as a TitleIdSet and as a Set<string>. */
function titleIdSetHeap(count: number): { titleIdSet: number; stringSet: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("run with --v8-flags=--expose-gc");
  const heapAfter = (build: () => unknown) => {
    gc();
    const before = Deno.memoryUsage().heapUsed;
    const kept = build();
    gc();
    const used = Deno.memoryUsage().heapUsed - before;
    if (!kept) throw new Error("unreachable");
    return used;
  };
  return {
    titleIdSet: heapAfter(() => {
      const ids = new TitleIdSet();
      for (let i = 0; i < count; i++) ids.add(tconst(i * 11));
      return ids;
    }),
    stringSet: heapAfter(() => {
      const ids = new Set<string>();
      for (let i = 0; i < count; i++) ids.add(tconst(i * 11));
      return ids;
    }),
  };
}

export default async function importBench(args: string[]): Promise<BenchResult> {
  const at = args.indexOf("--rows");
  const titles = at >= 0 ? Number(args[at + 1]) : 1_000_000;
  if (!Number.isInteger(titles) || titles < 1) throw new Error("--rows takes a positive integer");
  const people = Math.round(titles * ROWS_PER_TITLE["name.basics"]);
  const dir = await Deno.makeTempDir({ prefix: "reelfeel-bench-import-" });
  try {
    const t0 = performance.now();
    const files = [];
    for (const name of IMDB_FILES) {
      const rows = Math.round(titles * ROWS_PER_TITLE[name]);
      const size = await generateImdbFile(`${dir}/${name}.tsv.gz`, name, rows, { titles, people });
      files.push({ name, rows, size });
    }
    const generateSeconds = (performance.now() - t0) / 1000;

    const rows: Row[] = [];
    const perFile: Record<string, unknown> = {};
    let keptFilms = 0;
    for (const { name, rows: lines, size } of files) {
      const run = await measured(
        ["run", "-A", "scripts/import_imdb.ts", dir, "--files", name],
        { DATA_DIR: `${dir}/data`, MONGODB_URI: "" },
      );
      const kept = Number(
        run.stdout.match(new RegExp(`${name}\\.tsv\\.gz: imported, \\d+ lines, (\\d+) kept`))
          ?.[1] ?? NaN,
      );
      if (name === "title.basics") keptFilms = kept;
      const rowsPerSecond = lines / run.seconds;
      rows.push({
        file: name,
        rows: lines,
        "MB gz": round(size / 1e6),
        kept,
        seconds: round(run.seconds),
        "rows/s": round(rowsPerSecond, 0),
        "peak RSS MB": round(run.peakMb),
      });
      perFile[name] = {
        rows: lines,
        kept,
        compressedBytes: size,
        seconds: round(run.seconds, 2),
        rowsPerSecond: round(rowsPerSecond, 0),
        peakMemoryMb: round(run.peakMb, 1),
      };
    }

    const heap = await measured(
      [
        "run",
        "-A",
        "--v8-flags=--expose-gc",
        "bench/import.ts",
        "--title-id-heap",
        String(keptFilms),
        String(REAL_FILMS),
      ],
      {},
    );
    const [kept, real] = JSON.parse(heap.stdout) as ReturnType<typeof titleIdSetHeap>[];
    const mb = (bytes: number) => round(bytes / 1024 / 1024);
    const peakMemoryMb = Math.max(
      ...Object.values(perFile).map((f) => (f as { peakMemoryMb: number }).peakMemoryMb),
    );
    return {
      tables: [{
        title: `Importing all five generated IMDb files (title.basics of ${
          titles.toLocaleString("en")
        } rows, the others in IMDb's proportions), one subprocess each`,
        rows,
      }, {
        title: "The title-id set: heap for the kept film ids",
        rows: [
          {
            ids: keptFilms,
            "TitleIdSet MB": mb(kept.titleIdSet),
            "Set<string> MB": mb(kept.stringSet),
          },
          {
            ids: REAL_FILMS,
            "TitleIdSet MB": mb(real.titleIdSet),
            "Set<string> MB": mb(real.stringSet),
          },
        ],
      }],
      json: {
        titles,
        files: perFile,
        peakMemoryMb,
        targetPeakMemoryMb: 300,
        titleIdSet: {
          ids: keptFilms,
          heapMb: mb(kept.titleIdSet),
          realCountIds: REAL_FILMS,
          realCountHeapMb: mb(real.titleIdSet),
          stringSetHeapMb: mb(real.stringSet),
        },
      },
      notes: [
        `Generating the files took ${round(generateSeconds)} s (not counted).`,
        "rows/s counts every row read (rows of other titles or people are skipped) over the " +
        "subprocess's whole run, start-up, loading the title-id set and the final commit included; " +
        "peak RSS is its VmHWM.",
      ],
    };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

// The title-id set's heap is measured in a process of its own, with the garbage collector exposed.
if (import.meta.main && Deno.args[0] === "--title-id-heap") {
  console.log(JSON.stringify(Deno.args.slice(1).map((n) => titleIdSetHeap(Number(n)))));
}
