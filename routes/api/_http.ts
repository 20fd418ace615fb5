/**
 * The HTTP edge of the JSON API: bounded JSON bodies, the write token, the JSON shapes of
 * films and viewings, downloads, and errors as `{ "error": message }` (plus `field` for a
 * 400). The rules themselves are pure functions in `lib/api/`.
 */
import { InputError, parseJson } from "@/lib/api/input.ts";
import { MAX_BODY_BYTES } from "@/lib/api/minute_input.ts";
import { bearerToken, isViewingId, tokenMatches } from "@/lib/api/token.ts";
import { DatabaseFileError } from "@/lib/sqlite/health.ts";
import type { Film, Store, StoredViewing, Viewing } from "@/lib/store/port.ts";

/** A request refused with `status` and a message for the client. */
export class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly headers?: HeadersInit) {
    super(message);
    this.name = "HttpError";
  }
}

const encoder = new TextEncoder();

/** The body limit of requests of a few fields (recommendations, film links). */
export const SMALL_BODY_BYTES = 16 * 1024;

/**
 * JSON that must not be cached (it may carry a token, or change at any moment). It carries
 * its Content-Length, so that the compression middleware leaves small answers alone.
 */
export function json(body: unknown, status = 200, headers: HeadersInit = {}): Response {
  const bytes = encoder.encode(JSON.stringify(body));
  const response = new Response(bytes, { status, headers });
  response.headers.set("content-type", "application/json");
  response.headers.set("content-length", String(bytes.byteLength));
  response.headers.set("cache-control", "no-store");
  return response;
}

/**
 * Runs a handler, answering InputError with 400, HttpError with its status, and a damaged or
 * unwritable database with 503.
 */
export async function guarded(handle: () => Promise<Response>): Promise<Response> {
  try {
    return await handle();
  } catch (error) {
    if (error instanceof InputError) {
      return json({ error: error.message, field: error.field }, 400);
    }
    if (error instanceof HttpError) {
      return json({ error: error.message }, error.status, error.headers);
    }
    // The database is damaged or cannot be written: the message says which file and what to do.
    if (error instanceof DatabaseFileError) return json({ error: error.message }, 503);
    throw error;
  }
}

/**
 * Reads a JSON body of at most `maxBytes` (413 beyond, without reading further), sent as
 * `application/json` (415 otherwise), and parses it (400 when it is not JSON).
 */
export async function readJsonBody(req: Request, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new HttpError(415, "Content-Type: must be application/json");
  }
  const tooLarge = () => new HttpError(413, `body: must be at most ${maxBytes / 1024} KB`);
  const declared = req.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared)) {
    if (Number(declared) > maxBytes) throw tooLarge();
    // The server reads no more than the declared length, so the body is bounded.
    return parseJson(decodeUtf8(new Uint8Array(await req.arrayBuffer())));
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    const reader = req.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return parseJson(decodeUtf8(bytes));
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new InputError("body", "must be UTF-8 text");
  }
}

/** The viewing `id` names, or 404 (ids have a fixed shape, so a malformed one is not found). */
export async function findViewing(store: Store, id: string): Promise<StoredViewing> {
  const viewing = isViewingId(id) ? await store.getViewing(id) : null;
  if (!viewing) throw new HttpError(404, `No screening ${JSON.stringify(id)}`);
  return viewing;
}

/** Checks the request's Bearer token against the viewing's (401 when missing or wrong). */
export function requireToken(req: Request, viewing: StoredViewing): void {
  const challenge = { "www-authenticate": 'Bearer realm="reelfeel"' };
  const presented = bearerToken(req.headers.get("authorization"));
  if ("error" in presented) throw new HttpError(401, presented.error, challenge);
  if (!tokenMatches(presented.token, viewing.tokenHash)) {
    throw new HttpError(401, "Authorization: this token does not open this screening", challenge);
  }
}

/**
 * `Content-Disposition` for a download named `fileName`. Header values must be Latin-1 (a
 * film slug may be in any script), so a name that is not plain ASCII is given as an ASCII
 * fallback and, in full, as RFC 5987 UTF-8.
 */
export function attachment(fileName: string): string {
  const ascii = fileName.normalize("NFKD").replace(/\p{M}/gu, "").replace(/[^\w.-]+/g, "_");
  if (ascii === fileName) return `attachment; filename="${ascii}"`;
  const utf8 = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}

/** A film as the API shows it. */
export function filmJson(film: Film) {
  const { viewings, ratingSum } = film.stats;
  return {
    slug: film.slug,
    title: film.title,
    year: film.year,
    durationSec: film.durationSec,
    viewings,
    ratingMean: viewings > 0 ? Math.round((ratingSum / viewings) * 10) / 10 : null,
  };
}

/** A viewing as the API shows it: never its token's hash. */
export function viewingJson(viewing: Viewing) {
  return {
    id: viewing.id,
    film: viewing.film,
    durationSec: viewing.durationSec,
    state: viewing.state,
    startedAt: viewing.startedAt,
    lastWriteAt: viewing.lastWriteAt,
    finishedAt: viewing.finishedAt,
    finishedBy: viewing.finishedBy,
  };
}
