/**
 * `deno task import:imdb <dir> [--files a,b] [--restart]`: imports IMDb's non-commercial
 * dataset files (downloaded from https://datasets.imdbws.com/) from <dir> into the film
 * catalog (DATA_DIR/catalog.db, or MongoDB when MONGODB_URI is set).
 *
 * `deno task import:imdb --download [<dir>] [--from URL]`: downloads the files first (into
 * <dir>, by default DATA_DIR/imdb), resumably and verified, then imports them.
 *
 * The rules are in lib/catalog/ (download.ts, importer.ts); this is the I/O edge: the
 * terminal, signals. Stop it at any time (Ctrl-C); rerunning continues where it stopped.
 */
import { datasetsBaseUrl, downloadDir, IMDB_URL_ENV } from "@/lib/catalog/download.ts";
import {
  datasetSources,
  downloadImdb,
  type DownloadProgressEvent,
} from "@/lib/catalog/downloader.ts";
import {
  IMDB_DATASETS_URL,
  IMDB_FILES,
  type ImdbFileName,
  imdbFileName,
} from "@/lib/catalog/imdb.ts";
import { ImportError, importImdb, ImportInterrupted } from "@/lib/catalog/importer.ts";
import { openCatalog } from "@/lib/catalog/open.ts";
import { formatDownloadProgress, formatProgress } from "@/lib/catalog/progress.ts";
import { storeConfigFromEnv } from "@/lib/store/open.ts";

const USAGE = `usage: deno task import:imdb <dir> [--files ${IMDB_FILES.join(",")}] [--restart]
       deno task import:imdb --download [<dir>] [--from URL] [--files …] [--restart]

Imports IMDb's dataset files (${IMDB_FILES.map(imdbFileName).join(", ")}) from <dir>.
They are published at ${IMDB_DATASETS_URL} (non-commercial use only).
  --download  download them first (into <dir>, by default DATA_DIR/imdb): only the files that
              are missing or newer on the server; a cut download continues where it stopped
  --from URL  download from this address instead (also ${IMDB_URL_ENV})
  --files     only these files (prerequisites must be imported already)
  --restart   forget earlier progress and import every file from its first line`;

interface Args {
  dir: string | null;
  files: ImdbFileName[] | null;
  restart: boolean;
  download: boolean;
  from: string | undefined;
}

function parseArgs(args: string[]): Args {
  let dir: string | null = null;
  let files: ImdbFileName[] | null = null;
  let restart = false;
  let download = false;
  let from: string | undefined;
  const valueOf = (arg: string, i: number, name: string) => {
    const value = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : args[i + 1];
    if (!value) throw new UsageError(`${name} needs a value`);
    return { value, next: arg.includes("=") ? i : i + 1 };
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--help" || arg === "-h") throw new UsageError("");
    else if (arg === "--restart") restart = true;
    else if (arg === "--download") download = true;
    else if (arg === "--from" || arg.startsWith("--from=")) {
      const { value, next } = valueOf(arg, i, "--from");
      from = value;
      i = next;
    } else if (arg === "--files" || arg.startsWith("--files=")) {
      const { value, next } = valueOf(arg, i, "--files");
      i = next;
      files = value.split(",").map((name) => {
        const n = name.trim().replace(/\.tsv\.gz$/, "");
        if (!(IMDB_FILES as readonly string[]).includes(n)) {
          throw new UsageError(`unknown file "${name}": one of ${IMDB_FILES.join(", ")}`);
        }
        return n as ImdbFileName;
      });
    } else if (arg.startsWith("-")) throw new UsageError(`unknown option ${arg}`);
    else if (dir === null) dir = arg;
    else throw new UsageError(`unexpected argument ${arg}`);
  }
  if (!dir && !download) {
    throw new UsageError("give the directory holding the .tsv.gz files, or --download");
  }
  if (from !== undefined && !download) throw new UsageError("--from goes with --download");
  return { dir, files, restart, download, from };
}

class UsageError extends Error {}

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
    console.error("Stopping… (Ctrl-C again to stop at once)");
    controller.abort();
  };
  Deno.addSignalListener("SIGINT", onSignal);

  /** One progress line: redrawn in place on a terminal, a plain line in a log. */
  const show = (bar: string, plain: string, done: boolean) => {
    if (tty) {
      const width = Deno.consoleSize().columns;
      write(`\r${bar.slice(0, Math.max(20, width - 1))}\x1b[K`);
      barShown = true;
      if (done) {
        write("\n");
        barShown = false;
      }
    } else {
      console.error(plain);
    }
  };
  const onNotice = (message: string) => {
    clearBar();
    console.error(message);
  };
  const progressIntervalMs = tty ? 200 : 5_000;

  let catalog;
  try {
    const config = storeConfigFromEnv(Deno.env);
    const dir = args.dir ?? downloadDir(config.dataDir);
    const names = args.files ?? IMDB_FILES;
    if (args.download) {
      let baseUrl: string;
      try {
        baseUrl = datasetsBaseUrl(args.from, Deno.env.get(IMDB_URL_ENV));
      } catch (error) {
        throw new ImportError((error as Error).message);
      }
      console.error(`Downloading into ${dir} from ${baseUrl}`);
      const downloads = await downloadImdb({
        baseUrl,
        dir,
        files: names,
        signal: controller.signal,
        progressIntervalMs,
        onProgress: (event: DownloadProgressEvent) =>
          show(formatDownloadProgress(event, 24), formatDownloadProgress(event), event.done),
        onNotice,
      });
      clearBar();
      for (const d of downloads) {
        console.log(`${imdbFileName(d.file)}: ${d.status}, ${(d.bytes / 1e6).toFixed(1)} MB`);
      }
    }
    const files = await datasetSources(dir, names);
    catalog = await openCatalog(config);
    if (args.restart) await catalog.resetImportProgress(IMDB_FILES);
    const started = performance.now();
    const summary = await importImdb(catalog, files, {
      signal: controller.signal,
      progressIntervalMs,
      onProgress: (event) => show(formatProgress(event, 24), formatProgress(event), event.done),
      onNotice,
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
