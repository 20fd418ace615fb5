/**
 * Downloads IMDb's dataset files into a directory: resumably (a cut download is kept as
 * `.part` and continued with an HTTP Range request that `If-Range` ties to the same file),
 * verified (the size the server announced, the MD5 its ETag states when it states one, and the
 * gzip stream's own checksum), and only when the server has a newer file than the one kept.
 * This is the I/O edge (fetch and files); the rules are in `download.ts`.
 */
import { createHash } from "node:crypto";
import {
  datasetUrl,
  downloadPaths,
  hostOf,
  md5OfEtag,
  parseRemoteFile,
  planAnswer,
  type RemoteFile,
  requestHeaders,
  sizeProblem,
} from "./download.ts";
import { IMDB_DATASETS_URL, IMDB_FILES, type ImdbFileName, imdbFileName } from "./imdb.ts";
import { type ImdbSource, ImportError, ImportInterrupted } from "./importer.ts";
import { byteCounter } from "./lines.ts";

/**
 * A download that cannot go on: `what` happened, then what to do in a terminal (the message is
 * both). `offline`: the server could not be reached at all.
 */
export class DownloadError extends ImportError {
  override name = "DownloadError";
  constructor(readonly what: string, advice = "", readonly offline = false) {
    super(advice ? `${what} ${advice}` : what);
  }
}

/** A snapshot of one file's download or verification, for a progress bar. */
export interface DownloadProgressEvent {
  phase: "download" | "verify";
  file: ImdbFileName;
  /** 1-based position of this file among the files downloaded, and their number. */
  index: number;
  count: number;
  /** Bytes of the file on disk (download) or read back (verify). */
  bytes: number;
  /** The file's size, or null when the server did not say. */
  size: number | null;
  /** Bytes already on disk when this run started on the file (a resumed download). */
  resumedFrom: number;
  elapsedMs: number;
  done: boolean;
}

export interface DownloadOptions {
  /** Where the files are fetched from (see `datasetsBaseUrl`). */
  baseUrl: string;
  /** Where they are kept (created if missing). */
  dir: string;
  /** Only these files (default: all five). */
  files?: readonly ImdbFileName[];
  /** Abort to stop: what was downloaded is kept, and a rerun continues it. */
  signal?: AbortSignal;
  onProgress?(event: DownloadProgressEvent): void;
  progressIntervalMs?: number;
  onNotice?(message: string): void;
  /** Give up on a connection that sends nothing for this long. */
  idleTimeoutMs?: number;
  /** The fetch to use (tests may count requests). */
  fetch?: typeof fetch;
}

export interface FileDownload {
  file: ImdbFileName;
  status: "downloaded" | "resumed" | "up to date" | "kept (server unreachable)";
  bytes: number;
}

const MB = 1_000_000;
const megabytes = (bytes: number) =>
  bytes < MB / 10 ? `${bytes} bytes` : `${(bytes / MB).toFixed(1)} MB`;

async function readRemote(path: string): Promise<RemoteFile | null> {
  try {
    return parseRemoteFile(await Deno.readTextFile(path));
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return null;
    throw error;
  }
}

async function sizeOf(path: string): Promise<number | null> {
  try {
    return (await Deno.stat(path)).size;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return null;
    throw error;
  }
}

async function removeIfThere(path: string): Promise<void> {
  await Deno.remove(path).catch((error) => {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  });
}

async function writeAll(file: Deno.FsFile, bytes: Uint8Array): Promise<void> {
  let written = 0;
  while (written < bytes.byteLength) written += await file.write(bytes.subarray(written));
}

/**
 * Downloads the files (IMDb_FILES order) that are missing or out of date into `options.dir`,
 * one after another. Throws a `DownloadError` that says what to do when one cannot be had.
 */
export async function downloadImdb(options: DownloadOptions): Promise<FileDownload[]> {
  await Deno.mkdir(options.dir, { recursive: true });
  const names = IMDB_FILES.filter((n) => (options.files ?? IMDB_FILES).includes(n));
  const results: FileDownload[] = [];
  for (const [i, name] of names.entries()) {
    results.push(await downloadOne(name, i + 1, names.length, options));
  }
  return results;
}

async function downloadOne(
  name: ImdbFileName,
  index: number,
  count: number,
  options: DownloadOptions,
): Promise<FileDownload> {
  const doFetch = options.fetch ?? fetch;
  const notice = options.onNotice ?? (() => {});
  const file = imdbFileName(name);
  const url = datasetUrl(options.baseUrl, name);
  const paths = downloadPaths(options.dir, name);
  const interval = options.progressIntervalMs ?? 250;
  const idleTimeoutMs = options.idleTimeoutMs ?? 60_000;

  const completeBytes = await sizeOf(paths.file);
  const complete = completeBytes === null ? null : await readRemote(paths.meta);
  let partRemote = await readRemote(paths.partMeta);
  let partBytes = (partRemote?.url === url ? await sizeOf(paths.part) : null) ?? 0;
  if (partBytes === 0) partRemote = null;

  for (let attempt = 0; attempt < 2; attempt++) {
    const started = performance.now();
    const headers = requestHeaders(
      partRemote ? { bytes: partBytes, remote: partRemote } : null,
      complete?.url === url ? complete : null,
    );
    const idle = new AbortController();
    let idleTimer = setTimeout(() => idle.abort(), idleTimeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, idle.signal]) : idle.signal;
    let response: Response;
    try {
      response = await doFetch(url, { headers, signal });
    } catch (error) {
      clearTimeout(idleTimer);
      if (options.signal?.aborted) {
        throw new ImportInterrupted(`Download stopped before ${file}; rerun to continue.`);
      }
      if (completeBytes !== null) {
        notice(`${file}: ${hostOf(url)} cannot be reached; importing the copy downloaded before`);
        return { file: name, status: "kept (server unreachable)", bytes: completeBytes };
      }
      const why = idle.signal.aborted ? "no answer" : (error as Error).message;
      throw new DownloadError(
        `${hostOf(url)} cannot be reached (${why}) for ${file}.`,
        "Check the internet connection and try again: what was downloaded is kept and continued.",
        true,
      );
    }
    const plan = planAnswer(
      url,
      {
        status: response.status,
        contentLength: response.headers.get("content-length"),
        contentRange: response.headers.get("content-range"),
        etag: response.headers.get("etag"),
        lastModified: response.headers.get("last-modified"),
      },
      partBytes,
      partRemote,
    );

    if (plan.kind !== "start" && plan.kind !== "append") {
      clearTimeout(idleTimer);
      await response.body?.cancel();
    }
    if (plan.kind === "up to date") {
      notice(`${file} is up to date`);
      return { file: name, status: "up to date", bytes: completeBytes ?? 0 };
    }
    if (plan.kind === "fail") throw new DownloadError(`Downloading ${file} failed: ${plan.reason}`);
    if (plan.kind === "restart") {
      notice(`${file}: starting the download again (${plan.reason})`);
      await removeIfThere(paths.part);
      await removeIfThere(paths.partMeta);
      partRemote = null;
      partBytes = 0;
      continue;
    }

    const resumedFrom = plan.kind === "append" ? partBytes : 0;
    const remote = plan.kind === "complete part" ? partRemote! : plan.remote;
    if (plan.kind !== "complete part") {
      if (plan.kind === "start" && partBytes > 0) {
        notice(`${file} changed on the server: downloading it from the start`);
      } else if (plan.kind === "append") {
        notice(`${file}: continuing the download after ${megabytes(partBytes)}`);
      }
      await Deno.writeTextFile(paths.partMeta, JSON.stringify(plan.remote));
      const out = await Deno.open(paths.part, {
        write: true,
        create: true,
        append: plan.kind === "append",
        truncate: plan.kind === "start",
      });
      let bytes = resumedFrom;
      let lastReport = -Infinity;
      const report = (done: boolean) =>
        options.onProgress?.({
          phase: "download",
          file: name,
          index,
          count,
          bytes,
          size: remote.size,
          resumedFrom,
          elapsedMs: performance.now() - started,
          done,
        });
      try {
        const reader = response.body!.getReader();
        while (true) {
          const chunk = await reader.read();
          clearTimeout(idleTimer);
          if (chunk.done) break;
          idleTimer = setTimeout(() => idle.abort(), idleTimeoutMs);
          await writeAll(out, chunk.value);
          bytes += chunk.value.byteLength;
          const now = performance.now();
          if (now - lastReport >= interval) {
            lastReport = now;
            report(false);
          }
        }
      } catch (error) {
        clearTimeout(idleTimer);
        if (options.signal?.aborted) {
          throw new ImportInterrupted(
            `Download stopped in ${file} after ${megabytes(bytes)}; rerun to continue.`,
          );
        }
        const why = idle.signal.aborted ? "the server stopped sending" : (error as Error).message;
        throw new DownloadError(
          `The connection was lost while downloading ${file} (${why}) after ${megabytes(bytes)}.`,
          "Try again: the download continues where it stopped.",
          true,
        );
      } finally {
        out.close();
      }
      const short = sizeProblem(remote, bytes);
      if (short && bytes < (remote.size ?? 0)) {
        throw new DownloadError(
          `The download of ${file} ended early: ${short}.`,
          "Try again: it continues where it stopped.",
          true,
        );
      }
      report(true);
    }

    await verify(paths.part, remote, { name, index, count, options, resumedFrom });
    await Deno.rename(paths.part, paths.file);
    await Deno.writeTextFile(paths.meta, JSON.stringify(remote));
    await removeIfThere(paths.partMeta);
    return {
      file: name,
      status: resumedFrom > 0 ? "resumed" : "downloaded",
      bytes: (await sizeOf(paths.file)) ?? 0,
    };
  }
  throw new DownloadError(`Downloading ${file} failed: the server would not send it whole`);
}

/**
 * Checks a finished part against what the server said: its size, the MD5 of a plain ETag, and
 * the gzip stream (every member's CRC-32 and length). A part that fails is deleted: it cannot
 * be continued, only downloaded again.
 */
async function verify(
  path: string,
  remote: RemoteFile,
  at: {
    name: ImdbFileName;
    index: number;
    count: number;
    options: DownloadOptions;
    resumedFrom: number;
  },
): Promise<void> {
  const file = imdbFileName(at.name);
  const refuse = async (why: string): Promise<never> => {
    await removeIfThere(path);
    await removeIfThere(`${path}.json`);
    throw new DownloadError(
      `${file} is corrupt (${why}); it was deleted.`,
      "Try again to download it anew" +
        (remote.url.startsWith(IMDB_DATASETS_URL) ? "." : ` from ${remote.url}.`),
    );
  };
  const size = (await sizeOf(path)) ?? 0;
  const problem = sizeProblem(remote, size);
  if (problem) return await refuse(problem);

  const started = performance.now();
  const interval = at.options.progressIntervalMs ?? 250;
  let lastReport = -Infinity;
  const report = (bytes: number, done: boolean) =>
    at.options.onProgress?.({
      phase: "verify",
      file: at.name,
      index: at.index,
      count: at.count,
      bytes,
      size,
      resumedFrom: 0,
      elapsedMs: performance.now() - started,
      done,
    });
  const md5 = md5OfEtag(remote.etag);
  const hash = md5 ? createHash("md5") : null;
  const source = await Deno.open(path, { read: true });
  const decompressed = source.readable
    .pipeThrough(byteCounter((bytes) => {
      const now = performance.now();
      if (now - lastReport >= interval) {
        lastReport = now;
        report(bytes, false);
      }
    }))
    .pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          hash?.update(chunk);
          controller.enqueue(chunk);
        },
      }),
    )
    .pipeThrough(new DecompressionStream("gzip") as unknown as TransformStream<Uint8Array>);
  try {
    const reader = decompressed.getReader();
    while (!(await reader.read()).done) {
      if (at.options.signal?.aborted) {
        await reader.cancel();
        throw new ImportInterrupted(`Stopped while checking ${file}; rerun to continue.`);
      }
    }
  } catch (error) {
    if (error instanceof ImportInterrupted) throw error;
    return await refuse(`not a whole gzip file: ${(error as Error).message}`);
  }
  if (hash && md5) {
    const actual = hash.digest("hex");
    if (actual !== md5) return await refuse(`its MD5 is ${actual}, the server's ETag says ${md5}`);
  }
  report(size, true);
}

/**
 * The dataset files in `dir` as import sources; throws an ImportError naming the missing ones.
 */
export async function datasetSources(
  dir: string,
  names: readonly ImdbFileName[] = IMDB_FILES,
): Promise<ImdbSource[]> {
  try {
    if (!(await Deno.stat(dir)).isDirectory) throw new ImportError(`${dir} is not a directory`);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) throw new ImportError(`${dir} does not exist`);
    throw error;
  }
  const found: ImdbSource[] = [];
  const missing: string[] = [];
  for (const name of names) {
    const path = downloadPaths(dir, name).file;
    try {
      const info = await Deno.stat(path);
      found.push({
        name,
        size: info.size,
        mtimeMs: info.mtime?.getTime() ?? null,
        open: () => Deno.openSync(path, { read: true }).readable,
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
      } from ${IMDB_DATASETS_URL} (or run with --download), or import only some files with --files.`,
    );
  }
  return found;
}
