/**
 * `deno task import:imdb <dir> [--files a,b] [--restart]`: imports IMDb's non-commercial
 * dataset files (downloaded from https://datasets.imdbws.com/) from <dir> into the film
 * catalog (DATA_DIR/catalog.db, or MongoDB when MONGODB_URI is set).
 *
 * The parsing and batching are in lib/catalog/importer.ts; this is the I/O edge: files,
 * the terminal, signals. Stop it at any time (Ctrl-C); rerunning continues where it stopped.
 */
import {
  IMDB_DATASETS_URL,
  IMDB_FILES,
  type ImdbFileName,
  imdbFileName,
} from "@/lib/catalog/imdb.ts";
import {
  type ImdbSource,
  ImportError,
  importImdb,
  ImportInterrupted,
} from "@/lib/catalog/importer.ts";
import { openCatalog } from "@/lib/catalog/open.ts";
import { formatProgress } from "@/lib/catalog/progress.ts";
import { storeConfigFromEnv } from "@/lib/store/open.ts";

const USAGE = `usage: deno task import:imdb <dir> [--files ${IMDB_FILES.join(",")}] [--restart]

Imports IMDb's dataset files (${IMDB_FILES.map(imdbFileName).join(", ")}) from <dir>.
Download them from ${IMDB_DATASETS_URL} (non-commercial use only).
  --files    import only these files (prerequisites must be imported already)
  --restart  forget earlier progress and import every file from its first line`;

interface Args {
  dir: string;
  files: ImdbFileName[] | null;
  restart: boolean;
}

function parseArgs(args: string[]): Args {
  let dir: string | undefined;
  let files: ImdbFileName[] | null = null;
  let restart = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--help" || arg === "-h") throw new UsageError("");
    else if (arg === "--restart") restart = true;
    else if (arg === "--files" || arg.startsWith("--files=")) {
      const value = arg.includes("=") ? arg.slice("--files=".length) : args[++i];
      if (!value) throw new UsageError("--files needs a list of files");
      files = value.split(",").map((name) => {
        const n = name.trim().replace(/\.tsv\.gz$/, "");
        if (!(IMDB_FILES as readonly string[]).includes(n)) {
          throw new UsageError(`unknown file "${name}": one of ${IMDB_FILES.join(", ")}`);
        }
        return n as ImdbFileName;
      });
    } else if (arg.startsWith("-")) throw new UsageError(`unknown option ${arg}`);
    else if (dir === undefined) dir = arg;
    else throw new UsageError(`unexpected argument ${arg}`);
  }
  if (!dir) throw new UsageError("give the directory holding the .tsv.gz files");
  return { dir, files, restart };
}

class UsageError extends Error {}

async function sources(dir: string, names: readonly ImdbFileName[]): Promise<ImdbSource[]> {
  try {
    if (!(await Deno.stat(dir)).isDirectory) throw new ImportError(`${dir} is not a directory`);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) throw new ImportError(`${dir} does not exist`);
    throw error;
  }
  const found: ImdbSource[] = [];
  const missing: string[] = [];
  for (const name of names) {
    const path = `${dir.replace(/\/+$/, "")}/${imdbFileName(name)}`;
    try {
      const info = await Deno.stat(path);
      found.push({
        name,
        size: info.size,
        mtimeMs: info.mtime?.getTime() ?? null,
        open: () => {
          const file = Deno.openSync(path, { read: true });
          return file.readable;
        },
      });
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
      missing.push(imdbFileName(name));
    }
  }
  if (missing.length > 0) {
    throw new ImportError(
      `missing in ${dir}: ${missing.join(", ")}. Download ${
        missing.length === 1 ? "it" : "them"
      } from ${IMDB_DATASETS_URL}, or import only some files with --files.`,
    );
  }
  return found;
}

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(Deno.args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (error.message) console.error(`error: ${error.message}\n`);
    console.error(USAGE);
    return error.message ? 2 : 0;
  }

  const tty = Deno.stderr.isTerminal();
  const encoder = new TextEncoder();
  const write = (text: string) => Deno.stderr.writeSync(encoder.encode(text));
  let barShown = false;
  const clearBar = () => {
    if (barShown) write("\r\x1b[K");
    barShown = false;
  };

  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) Deno.exit(130); // a second Ctrl-C: stop at once
    clearBar();
    console.error("Stopping after the current batch… (Ctrl-C again to stop at once)");
    controller.abort();
  };
  Deno.addSignalListener("SIGINT", onSignal);

  let catalog;
  try {
    const files = await sources(args.dir, args.files ?? IMDB_FILES);
    catalog = await openCatalog(storeConfigFromEnv(Deno.env));
    if (args.restart) await catalog.resetImportProgress(IMDB_FILES);
    const started = performance.now();
    const summary = await importImdb(catalog, files, {
      signal: controller.signal,
      progressIntervalMs: tty ? 200 : 5_000,
      onProgress(event) {
        if (tty) {
          const width = Deno.consoleSize().columns;
          write(`\r${formatProgress(event, 24).slice(0, Math.max(20, width - 1))}\x1b[K`);
          barShown = true;
          if (event.done) {
            write("\n");
            barShown = false;
          }
        } else {
          console.error(formatProgress(event));
        }
      },
      onNotice(message) {
        clearBar();
        console.error(message);
      },
    });
    clearBar();
    const seconds = (performance.now() - started) / 1000;
    for (const file of summary.files) {
      console.log(
        `${imdbFileName(file.file)}: ${file.status}, ${file.lines} lines, ${file.kept} kept` +
          (file.malformed ? `, ${file.malformed} malformed skipped` : "") +
          (file.seconds ? ` in ${file.seconds.toFixed(1)} s` : ""),
      );
    }
    const c = summary.counts;
    console.log(
      `The catalog holds ${c.titles} films (${c.rated} rated), ${c.people} people, ` +
        `${c.principals} credits and ${c.akas} alternative titles (${seconds.toFixed(1)} s).`,
    );
    return 0;
  } catch (error) {
    clearBar();
    if (error instanceof ImportInterrupted) {
      console.error(error.message);
      return 130;
    }
    if (error instanceof ImportError) {
      console.error(`error: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    Deno.removeSignalListener("SIGINT", onSignal);
    await catalog?.close();
  }
}

if (import.meta.main) Deno.exit(await main());
