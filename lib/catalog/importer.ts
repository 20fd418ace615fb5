/**
 * Imports IMDb's dataset files into a catalog: streamed (memory is bounded by a batch of rows
 * and the set of title ids, never by a file's size), filtered to films, committed in batches
 * together with each file's progress, so that an interrupted import continues where it stopped
 * and ends exactly as an uninterrupted one would. The caller supplies the files' bytes (the I/O
 * is in scripts/import_imdb.ts).
 */
import {
  IMDB_COLUMNS,
  IMDB_DATASETS_URL,
  IMDB_FILES,
  IMDB_PARSERS,
  IMDB_PREREQUISITES,
  type ImdbFileName,
  imdbFileName,
  type ImdbRows,
  MalformedRow,
  titleIdOf,
  TitleIdSet,
} from "./imdb.ts";
import { byteCounter, gunzipLines } from "./lines.ts";
import type { CatalogCounts, CatalogPort, FileProgress, ImportBatch } from "./port.ts";

/** One dataset file to import. */
export interface ImdbSource {
  name: ImdbFileName;
  /** Compressed size in bytes (for progress, and to notice a new download). */
  size: number;
  mtimeMs: number | null;
  /** The file's compressed bytes, from the start. */
  open(): ReadableStream<Uint8Array>;
}

/** A snapshot of one file's import, for a progress bar. */
export interface ImportProgressEvent {
  file: ImdbFileName;
  /** 1-based position of this file among the files imported, and their number. */
  index: number;
  count: number;
  bytesRead: number;
  size: number;
  /** Data lines read so far (including the ones skipped on resume). */
  lines: number;
  /** The line a resumed import continues after (0 for a fresh one). */
  resumedAt: number;
  kept: number;
  elapsedMs: number;
  /** Still reading past lines imported by an earlier run. */
  skipping: boolean;
  done: boolean;
}

export interface ImportOptions {
  /** Rows kept per transaction. */
  batchSize?: number;
  /** Commit progress at least every this many lines, even when few rows are kept. */
  maxLinesPerCommit?: number;
  /** Abort to stop cleanly: what was read is committed, and a rerun continues from there. */
  signal?: AbortSignal;
  onProgress?(event: ImportProgressEvent): void;
  /** How often onProgress is called while a file is read. */
  progressIntervalMs?: number;
  /** Messages for the user: resumed files, skipped rows, restarts. */
  onNotice?(message: string): void;
}

export interface FileSummary {
  file: ImdbFileName;
  status: "imported" | "resumed" | "up to date";
  lines: number;
  kept: number;
  malformed: number;
  seconds: number;
}

export interface ImportSummary {
  files: FileSummary[];
  counts: CatalogCounts;
}

/** An import that cannot go on; the message says what to do. */
export class ImportError extends Error {
  override name = "ImportError";
}

/** The import was stopped (e.g. Ctrl-C); everything read so far is committed. */
export class ImportInterrupted extends ImportError {
  override name = "ImportInterrupted";
}

const MAX_MALFORMED_NOTICES = 5;

function orderOf(name: ImdbFileName): number {
  return IMDB_FILES.indexOf(name);
}

/** Files that depend on `name`, directly or not. */
function dependentsOf(name: ImdbFileName): ImdbFileName[] {
  const out = new Set<ImdbFileName>();
  const visit = (n: ImdbFileName) => {
    for (const file of IMDB_FILES) {
      if (IMDB_PREREQUISITES[file].includes(n) && !out.has(file)) {
        out.add(file);
        visit(file);
      }
    }
  };
  visit(name);
  return [...out];
}

function sameFile(progress: FileProgress, source: ImdbSource): boolean {
  if (progress.size !== source.size) return false;
  return progress.mtimeMs === null || source.mtimeMs === null ||
    progress.mtimeMs === source.mtimeMs;
}

/**
 * Imports `sources` (in IMDb_FILES order, whatever order they are given in) into `catalog`.
 * Files already imported are skipped; a file changed since (another size or date) is imported
 * again, and so are the files that depend on it.
 */
export async function importImdb(
  catalog: CatalogPort,
  sources: readonly ImdbSource[],
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const notice = options.onNotice ?? (() => {});
  const ordered = [...sources].sort((a, b) => orderOf(a.name) - orderOf(b.name));
  for (let i = 1; i < ordered.length; i++) {
    if (ordered[i].name === ordered[i - 1].name) {
      throw new ImportError(`${imdbFileName(ordered[i].name)} was given twice`);
    }
  }

  const progress = new Map((await catalog.importProgress()).map((p) => [p.file, p]));
  const restart = new Set<ImdbFileName>();
  for (const source of ordered) {
    const p = progress.get(source.name);
    if (p && !sameFile(p, source)) {
      notice(`${imdbFileName(source.name)} changed since the last import: importing it again`);
      restart.add(source.name);
      dependentsOf(source.name).forEach((d) => restart.add(d));
    }
  }
  const reset = [...restart].filter((file) => progress.has(file));
  if (reset.length > 0) {
    await catalog.resetImportProgress(reset);
    reset.forEach((file) => progress.delete(file));
  }

  const given = new Set(ordered.map((s) => s.name));
  for (const source of ordered) {
    if (progress.get(source.name)?.done) continue;
    for (const prerequisite of IMDB_PREREQUISITES[source.name]) {
      if (!given.has(prerequisite) && !progress.get(prerequisite)?.done) {
        throw new ImportError(
          `${imdbFileName(source.name)} needs ${
            imdbFileName(prerequisite)
          } imported first: put it in the same directory (from ${IMDB_DATASETS_URL})`,
        );
      }
    }
  }

  let ids: TitleIdSet | null = null;
  const files: FileSummary[] = [];
  for (const [i, source] of ordered.entries()) {
    const previous = progress.get(source.name);
    if (previous?.done) {
      notice(`${imdbFileName(source.name)} is already imported`);
      files.push({
        file: source.name,
        status: "up to date",
        lines: previous.lines,
        kept: previous.kept,
        malformed: previous.malformed,
        seconds: 0,
      });
      continue;
    }
    if (source.name !== "title.basics" && ids === null) {
      ids = new TitleIdSet();
      for await (const tconst of catalog.titleIds()) ids.add(tconst);
    }
    if (previous) {
      notice(`${imdbFileName(source.name)}: continuing after line ${previous.lines}`);
    }
    files.push(
      await importFile(catalog, source, previous, source.name === "title.basics" ? null : ids, {
        ...options,
        index: i + 1,
        count: ordered.length,
        notice,
      }),
    );
  }

  const final = new Map((await catalog.importProgress()).map((p) => [p.file, p]));
  if (final.get("title.ratings")?.done) await catalog.refreshScores();
  return { files, counts: await catalog.counts() };
}

async function importFile(
  catalog: CatalogPort,
  source: ImdbSource,
  previous: FileProgress | undefined,
  ids: TitleIdSet | null,
  options: ImportOptions & { index: number; count: number; notice(message: string): void },
): Promise<FileSummary> {
  const name = source.name;
  const file = imdbFileName(name);
  const columns = IMDB_COLUMNS[name];
  const parse = IMDB_PARSERS[name] as (fields: string[]) => ImdbRows[ImdbFileName] | null;
  const batchSize = options.batchSize ?? 5_000;
  const maxLinesPerCommit = options.maxLinesPerCommit ?? 200_000;
  const interval = options.progressIntervalMs ?? 250;
  const resumedAt = previous?.lines ?? 0;
  const started = performance.now();

  let bytesRead = 0;
  let lines = 0;
  let kept = previous?.kept ?? 0;
  let malformed = previous?.malformed ?? 0;
  let committedLines = resumedAt;
  let pending: ImdbRows[ImdbFileName][] = [];
  let lastReport = -Infinity;

  const report = (done: boolean) => {
    options.onProgress?.({
      file: name,
      index: options.index,
      count: options.count,
      bytesRead,
      size: source.size,
      lines,
      resumedAt,
      kept,
      elapsedMs: performance.now() - started,
      skipping: lines < resumedAt,
      done,
    });
  };

  const commit = async (done: boolean) => {
    await catalog.writeBatch({ file: name, rows: pending } as ImportBatch, {
      file: name,
      lines,
      kept,
      malformed,
      done,
      size: source.size,
      mtimeMs: source.mtimeMs,
    });
    pending = [];
    committedLines = lines;
  };

  let stream: ReadableStream<string[]>;
  try {
    stream = gunzipLines(source.open().pipeThrough(byteCounter((n) => bytesRead = n)));
  } catch (error) {
    throw new ImportError(`${file} cannot be read: ${(error as Error).message}`);
  }
  const reader = stream.getReader();
  let header: string | null = null;
  try {
    while (true) {
      let chunk: ReadableStreamReadResult<string[]>;
      try {
        chunk = await reader.read();
      } catch (error) {
        throw new ImportError(
          `${file} is corrupt or incomplete (${(error as Error).message}) after line ${lines}. ` +
            `Download it again from ${IMDB_DATASETS_URL} and rerun: the import continues after ` +
            `line ${committedLines}.`,
        );
      }
      if (chunk.done) break;
      for (const line of chunk.value) {
        if (header === null) {
          header = line;
          if (line !== columns.join("\t")) {
            throw new ImportError(
              `${file} does not look like IMDb's ${name} file: expected the columns ` +
                `${columns.join(", ")}; found ${JSON.stringify(line.slice(0, 200))}`,
            );
          }
          continue;
        }
        lines++;
        if (lines <= resumedAt || line === "") continue;
        const fields = line.split("\t");
        let row: ImdbRows[ImdbFileName] | null;
        try {
          if (fields.length !== columns.length) {
            throw new MalformedRow(`${fields.length} columns instead of ${columns.length}`);
          }
          row = parse(fields);
        } catch (error) {
          if (!(error instanceof MalformedRow)) throw error;
          malformed++;
          if (malformed <= MAX_MALFORMED_NOTICES) {
            options.notice(`${file} line ${lines + 1}: skipped a malformed row (${error.message})`);
          }
          continue;
        }
        if (row === null) continue;
        if (ids !== null) {
          const tconst = titleIdOf(name, row);
          if (tconst !== null && !ids.has(tconst)) continue;
        }
        pending.push(row);
        kept++;
        if (pending.length >= batchSize) await commit(false);
      }
      if (lines > resumedAt && lines - committedLines >= maxLinesPerCommit) await commit(false);
      if (options.signal?.aborted) {
        if (lines > resumedAt) await commit(false);
        throw new ImportInterrupted(
          `Import stopped in ${file} after line ${committedLines}; rerun the same command to continue.`,
        );
      }
      const now = performance.now();
      if (now - lastReport >= interval) {
        lastReport = now;
        report(false);
      }
    }
  } catch (error) {
    await reader.cancel().catch(() => {});
    throw error;
  }
  if (header === null) throw new ImportError(`${file} is empty: download it again`);
  if (lines < resumedAt) {
    throw new ImportError(
      `${file} has ${lines} rows but an earlier import read ${resumedAt}: ` +
        `rerun with --restart to import it from the start`,
    );
  }
  await commit(true);
  report(true);
  if (malformed > MAX_MALFORMED_NOTICES) {
    options.notice(`${file}: ${malformed} malformed rows skipped in all`);
  }
  return {
    file: name,
    status: resumedAt > 0 ? "resumed" : "imported",
    lines,
    kept,
    malformed,
    seconds: (performance.now() - started) / 1000,
  };
}
