/**
 * The rules of downloading IMDb's dataset files, resumably: where a file is fetched from, what
 * to ask the server for given what is already on disk, what its answer means, and what a
 * finished download must match. Pure: the HTTP and the files are in `downloader.ts`.
 *
 * On disk, in the download directory, each dataset has at most:
 *   `title.basics.tsv.gz`            the last complete, verified download
 *   `title.basics.tsv.gz.json`       what the server said of it (ETag, Last-Modified, size)
 *   `title.basics.tsv.gz.part`       a download under way or cut (kept, to be continued)
 *   `title.basics.tsv.gz.part.json`  what the server said of that one
 */
import { IMDB_DATASETS_URL, type ImdbFileName, imdbFileName } from "./imdb.ts";

/** The environment variable that points the download at another server (a mirror, a test). */
export const IMDB_URL_ENV = "REELFEEL_IMDB_URL";

/** What the server said of a file: to resume it (If-Range) and to check it when done. */
export interface RemoteFile {
  url: string;
  /** The ETag, as sent (quotes included), or null. */
  etag: string | null;
  lastModified: string | null;
  /** The whole file's size in bytes, or null when the server did not say. */
  size: number | null;
}

/** The base URL the files are downloaded from: the flag, else the environment, else IMDb's. */
export function datasetsBaseUrl(flag: string | undefined, env: string | undefined): string {
  const base = flag?.trim() || env?.trim() || IMDB_DATASETS_URL;
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new Error(`the datasets URL ${JSON.stringify(base)} is not a URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`the datasets URL ${JSON.stringify(base)} is not http(s)`);
  }
  return url.href.endsWith("/") ? url.href : `${url.href}/`;
}

/** Where downloaded files are kept under a data directory: `<dataDir>/imdb`. */
export function downloadDir(dataDir = "./data"): string {
  return `${dataDir.replace(/\/+$/, "")}/imdb`;
}

/** The URL of one dataset file under a base URL. */
export function datasetUrl(base: string, name: ImdbFileName): string {
  return new URL(imdbFileName(name), base.endsWith("/") ? base : `${base}/`).href;
}

/** The host a base URL names, for messages ("datasets.imdbws.com"). */
export function hostOf(url: string): string {
  return new URL(url).host;
}

/**
 * The validator that keeps a resumed download whole: the server sends the rest only if the file
 * is still the one whose start we have (`If-Range`), else all of it. A weak ETag may not be
 * used there; Last-Modified may. Null when neither can vouch: then the download starts over.
 */
export function ifRangeValidator(remote: RemoteFile): string | null {
  if (remote.etag && !remote.etag.startsWith("W/")) return remote.etag;
  return remote.lastModified;
}

/** The request headers for a file, given the part on disk and the last complete download. */
export function requestHeaders(
  part: { bytes: number; remote: RemoteFile } | null,
  complete: RemoteFile | null,
): Record<string, string> {
  if (part && part.bytes > 0) {
    const validator = ifRangeValidator(part.remote);
    if (validator) return { range: `bytes=${part.bytes}-`, "if-range": validator };
  }
  if (complete?.etag) return { "if-none-match": complete.etag };
  if (complete?.lastModified) return { "if-modified-since": complete.lastModified };
  return {};
}

/** `Content-Range: bytes 100-199/1000` (or `bytes *\/1000` on a 416). */
export interface ContentRange {
  start: number | null;
  end: number | null;
  total: number | null;
}

/** Parses a Content-Range header, or null when it is not a byte range. */
export function parseContentRange(header: string | null): ContentRange | null {
  const match = header?.trim().match(/^bytes\s+(?:(\d+)-(\d+)|\*)\/(\d+|\*)$/i);
  if (!match) return null;
  const [, start, end, total] = match;
  const number = (s: string | undefined) => s === undefined || s === "*" ? null : Number(s);
  return { start: number(start), end: number(end), total: number(total) };
}

/** What the answer's headers say of the file. */
export interface AnswerHeaders {
  status: number;
  contentLength: string | null;
  contentRange: string | null;
  etag: string | null;
  lastModified: string | null;
}

/** What to do with an answer to the request `requestHeaders` made. */
export type AnswerPlan =
  /** The complete download is still the server's file. */
  | { kind: "up to date" }
  /** Write the body from the start of the file (a new or changed file, or no resuming). */
  | { kind: "start"; remote: RemoteFile }
  /** Append the body to the part: it is the rest of the same file. */
  | { kind: "append"; remote: RemoteFile }
  /** The part already holds the whole file: verify it. */
  | { kind: "complete part" }
  /** The part cannot be continued (range refused or not the asked one): drop it, ask again. */
  | { kind: "restart"; reason: string }
  | { kind: "fail"; reason: string };

function length(header: string | null): number | null {
  if (header === null || !/^\d+$/.test(header.trim())) return null;
  return Number(header.trim());
}

/**
 * Reads an answer: `partBytes` is what the part held when the request was made (0 for none),
 * `part` what the server said of it then.
 */
export function planAnswer(
  url: string,
  answer: AnswerHeaders,
  partBytes: number,
  part: RemoteFile | null,
): AnswerPlan {
  const remote = (size: number | null): RemoteFile => ({
    url,
    etag: answer.etag,
    lastModified: answer.lastModified,
    size,
  });
  switch (answer.status) {
    case 304:
      return { kind: "up to date" };
    case 200:
      return { kind: "start", remote: remote(length(answer.contentLength)) };
    case 206: {
      const range = parseContentRange(answer.contentRange);
      if (!range || range.start !== partBytes) {
        return {
          kind: "restart",
          reason: `the server sent bytes ${
            answer.contentRange ?? "(unsaid)"
          }, not from ${partBytes}`,
        };
      }
      const total = range.total ?? part?.size ?? null;
      if (part?.size != null && total !== part.size) {
        return { kind: "restart", reason: `the file is now ${total} bytes, not ${part.size}` };
      }
      return {
        kind: "append",
        remote: { ...remote(total), etag: answer.etag ?? part?.etag ?? null },
      };
    }
    case 416: {
      const total = parseContentRange(answer.contentRange)?.total ?? null;
      if (total !== null && total === partBytes && (part?.size ?? total) === total) {
        return { kind: "complete part" };
      }
      return { kind: "restart", reason: "the server refused to continue the part" };
    }
    case 404:
    case 410:
      return {
        kind: "fail",
        reason: `${url} was not found (${answer.status}): is the address right?`,
      };
    default:
      return { kind: "fail", reason: `the server answered ${answer.status} for ${url}` };
  }
}

/**
 * The MD5 an ETag states, for a file stored whole (S3 and most servers use the content's MD5);
 * null for a weak ETag, a multipart one (`"…-12"`) or any other form, which say nothing checkable.
 */
export function md5OfEtag(etag: string | null): string | null {
  const match = etag?.match(/^"([0-9a-f]{32})"$/i);
  return match ? match[1].toLowerCase() : null;
}

/** Why a downloaded file does not match what the server said, or null when it does. */
export function sizeProblem(remote: RemoteFile, bytes: number): string | null {
  if (remote.size === null) return null;
  if (bytes < remote.size) return `it has ${bytes} of its ${remote.size} bytes`;
  if (bytes > remote.size) return `it has ${bytes} bytes, more than the ${remote.size} announced`;
  return null;
}

/** The files' names in the download directory. */
export function downloadPaths(dir: string, name: ImdbFileName) {
  const file = `${dir.replace(/\/+$/, "")}/${imdbFileName(name)}`;
  return { file, meta: `${file}.json`, part: `${file}.part`, partMeta: `${file}.part.json` };
}

/** Reads a stored RemoteFile, or null when it is not one (a damaged or foreign file). */
export function parseRemoteFile(text: string): RemoteFile | null {
  try {
    const value = JSON.parse(text);
    const stringOrNull = (v: unknown) => v === null || typeof v === "string";
    if (
      typeof value?.url === "string" && stringOrNull(value.etag) &&
      stringOrNull(value.lastModified) &&
      (value.size === null || (Number.isInteger(value.size) && value.size >= 0))
    ) {
      return {
        url: value.url,
        etag: value.etag,
        lastModified: value.lastModified,
        size: value.size,
      };
    }
  } catch { /* not JSON */ }
  return null;
}
