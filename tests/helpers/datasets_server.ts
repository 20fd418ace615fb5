/**
 * A local stand-in for https://datasets.imdbws.com/ that serves the IMDb fixture files over
 * HTTP/1.1 written by hand on a TCP socket, so that a test can do what a real connection does
 * and `Deno.serve` will not: announce a whole file's Content-Length and hang up half way.
 * It answers Range (`bytes=N-`) with If-Range, If-None-Match (304), ETag and Last-Modified.
 */
import { createHash } from "node:crypto";
import { IMDB_FILES, imdbFileName } from "@/lib/catalog/imdb.ts";
import { IMDB_FIXTURE_DIR } from "./catalog.ts";

export interface DatasetsServerOptions {
  /** The bytes served for a file name (`title.basics.tsv.gz`); default: the fixture's. */
  files?: Record<string, Uint8Array>;
  /** ETags: the MD5 of the bytes served (as S3 sends), or none. */
  etag?: "md5" | "none";
  /** The ETag's MD5 is of these bytes instead of the ones served (a file damaged on the way). */
  etagOf?: Record<string, Uint8Array>;
  /** The first answer for a file sends this many body bytes of the whole length, then hangs up. */
  cutAfter?: Record<string, number>;
  /** Sends bodies slowly, `bytes` every `everyMs` (to watch the progress). */
  pace?: { bytes: number; everyMs: number };
}

export interface ServedRequest {
  path: string;
  range: string | null;
  ifRange: string | null;
  ifNoneMatch: string | null;
  status: number;
}

export interface DatasetsServer {
  url: string;
  requests: ServedRequest[];
  /** The files served, by name, to compare a download with. */
  files: Record<string, Uint8Array>;
  close(): Promise<void>;
}

const LAST_MODIFIED = "Sat, 06 Dec 2025 07:00:00 GMT";

/** The fixture's five files, as served by default. */
export async function fixtureFiles(): Promise<Record<string, Uint8Array>> {
  const files: Record<string, Uint8Array> = {};
  for (const name of IMDB_FILES) {
    files[imdbFileName(name)] = await Deno.readFile(`${IMDB_FIXTURE_DIR}${imdbFileName(name)}`);
  }
  return files;
}

const md5 = (bytes: Uint8Array) => createHash("md5").update(bytes).digest("hex");

/** Starts the server on a free port of 127.0.0.1. */
export async function serveDatasets(options: DatasetsServerOptions = {}): Promise<DatasetsServer> {
  const files = options.files ?? await fixtureFiles();
  const cut = new Map(Object.entries(options.cutAfter ?? {}));
  const requests: ServedRequest[] = [];
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const open = new Set<Deno.Conn>();
  const etagFor = (name: string) =>
    options.etag === "none" ? null : `"${md5(options.etagOf?.[name] ?? files[name])}"`;

  const answer = async (conn: Deno.Conn) => {
    const head = await readHead(conn);
    if (head === null) return;
    const [requestLine, ...lines] = head.split("\r\n");
    const [method, target] = requestLine.split(" ");
    const headers = new Map(lines.map((l) => {
      const at = l.indexOf(":");
      return [l.slice(0, at).trim().toLowerCase(), l.slice(at + 1).trim()] as const;
    }));
    const name = decodeURIComponent(new URL(target, "http://x").pathname.slice(1));
    const body = files[name];
    const log = (status: number) =>
      requests.push({
        path: `/${name}`,
        range: headers.get("range") ?? null,
        ifRange: headers.get("if-range") ?? null,
        ifNoneMatch: headers.get("if-none-match") ?? null,
        status,
      });
    const send = async (status: string, extra: Record<string, string>, bytes: Uint8Array) => {
      const all = { connection: "close", ...extra };
      const text = [`HTTP/1.1 ${status}`, ...Object.entries(all).map(([k, v]) => `${k}: ${v}`)]
        .join("\r\n") + "\r\n\r\n";
      await writeAll(conn, new TextEncoder().encode(text));
      if (method === "HEAD") return;
      const step = options.pace?.bytes ?? bytes.length;
      for (let at = 0; at < bytes.length; at += step) {
        if (at > 0) await new Promise((r) => setTimeout(r, options.pace!.everyMs));
        await writeAll(conn, bytes.subarray(at, at + step));
      }
    };
    if (method !== "GET" && method !== "HEAD") {
      log(405);
      return await send("405 Method Not Allowed", { "content-length": "0" }, new Uint8Array());
    }
    if (!body) {
      log(404);
      const text = new TextEncoder().encode("<html>Not found</html>");
      return await send("404 Not Found", { "content-length": String(text.length) }, text);
    }
    const etag = etagFor(name);
    const validators: Record<string, string> = { "last-modified": LAST_MODIFIED };
    if (etag) validators.etag = etag;
    if (etag && headers.get("if-none-match") === etag) {
      log(304);
      return await send("304 Not Modified", validators, new Uint8Array());
    }
    let start = 0;
    const range = headers.get("range")?.match(/^bytes=(\d+)-$/);
    const ifRange = headers.get("if-range");
    if (range && (!ifRange || ifRange === etag || ifRange === LAST_MODIFIED)) {
      start = Number(range[1]);
      if (start >= body.length) {
        log(416);
        return await send("416 Range Not Satisfiable", {
          "content-range": `bytes */${body.length}`,
          "content-length": "0",
        }, new Uint8Array());
      }
    }
    const rest = body.subarray(start);
    const partial = start > 0;
    const status = partial ? 206 : 200;
    log(status);
    const limit = cut.get(name);
    cut.delete(name);
    await send(partial ? "206 Partial Content" : "200 OK", {
      ...validators,
      "content-type": "application/octet-stream",
      "accept-ranges": "bytes",
      "content-length": String(rest.length),
      ...(partial ? { "content-range": `bytes ${start}-${body.length - 1}/${body.length}` } : {}),
    }, limit === undefined ? rest : rest.subarray(0, limit));
  };

  const serving = (async () => {
    for await (const conn of listener) {
      open.add(conn);
      answer(conn).catch(() => {}).finally(() => {
        open.delete(conn);
        try {
          conn.close();
        } catch { /* closed by the client */ }
      });
    }
  })();

  return {
    url: `http://127.0.0.1:${(listener.addr as Deno.NetAddr).port}/`,
    requests,
    files,
    async close() {
      listener.close();
      for (const conn of open) {
        try {
          conn.close();
        } catch { /* already */ }
      }
      await serving.catch(() => {});
    },
  };
}

async function readHead(conn: Deno.Conn): Promise<string | null> {
  const decoder = new TextDecoder();
  let text = "";
  const buffer = new Uint8Array(4096);
  while (!text.includes("\r\n\r\n")) {
    const n = await conn.read(buffer);
    if (n === null) return null;
    text += decoder.decode(buffer.subarray(0, n));
  }
  return text.slice(0, text.indexOf("\r\n\r\n"));
}

async function writeAll(conn: Deno.Conn, bytes: Uint8Array): Promise<void> {
  let written = 0;
  while (written < bytes.length) written += await conn.write(bytes.subarray(written));
}
