/**
 * HTTP pieces every route shares: uncached JSON answers, reading a JSON body, and the bound on
 * every request body (applied to each route by `app.ts` before its handler runs).
 */
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HttpError, InputError } from "./errors.ts";

const encoder = new TextEncoder();

/** The body limit of a route that does not set its own (`config.maxBodyBytes`). */
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024;

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

/** The 413 of a body over `maxBytes`. */
export function bodyTooLarge(maxBytes: number): HttpError {
  return new HttpError(413, `body: must be at most ${maxBytes / 1024} KB`);
}

/**
 * Bounds a request's body before anyone parses it: a declared Content-Length over `maxBytes`
 * is refused at once, and a body of unknown length is read no further than `maxBytes`.
 */
export function limitBody(maxBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw bodyTooLarge(maxBytes);
    },
  });
}

/**
 * The body's bytes as UTF-8 text (400 when they are not). The body is already bounded by the
 * route's limit, so reading it whole is safe.
 */
export async function readText(req: Request): Promise<string> {
  const bytes = new Uint8Array(await req.arrayBuffer());
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new InputError("body", "must be UTF-8 text");
  }
}

/** Parses JSON text, or throws an InputError for `body`. */
export function parseJson(text: string): unknown {
  if (text.trim() === "") throw new InputError("body", "must be a JSON object, got nothing");
  try {
    return JSON.parse(text);
  } catch {
    throw new InputError("body", "must be valid JSON");
  }
}

/**
 * Reads a JSON body sent as `application/json` (415 otherwise; this also keeps cross-site
 * simple form posts out) and parses it (400 when it is not JSON).
 */
export async function readJson(req: Request): Promise<unknown> {
  requireJsonType(req);
  return parseJson(await readText(req));
}

function requireJsonType(req: Request): void {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new HttpError(415, "Content-Type: must be application/json");
  }
}

/**
 * A JSON body that may be left out: undefined when the request carries no bytes (whatever its
 * headers say), else as `readJson`.
 */
export async function readOptionalJson(req: Request): Promise<unknown | undefined> {
  const text = await readText(req);
  if (text === "") return undefined;
  requireJsonType(req);
  return parseJson(text);
}

/** How long a stream may produce before it lets other requests run. */
const STREAM_SLICE_MS = 10;

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * UTF-8 bytes of `pieces`, produced as the client reads them. Producing yields to the event
 * loop whenever it has run for a slice, even for a reader that never waits, so that a large
 * answer shares the server with every other request.
 */
export function textStream(
  pieces: Iterable<string> | AsyncIterable<string>,
): ReadableStream<Uint8Array> {
  const iterator = Symbol.asyncIterator in pieces
    ? pieces[Symbol.asyncIterator]()
    : pieces[Symbol.iterator]();
  let sliceStart = performance.now();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (performance.now() - sliceStart > STREAM_SLICE_MS) {
        await nextTask();
        sliceStart = performance.now();
      }
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    cancel() {
      iterator.return?.();
    },
  }, { highWaterMark: 0 });
}
