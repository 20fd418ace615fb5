/**
 * Reading a small JSON request body for the catalog's API routes: a size cap and clear
 * messages for a body that is missing, too large or not JSON.
 */

/** Bodies of these routes are a few fields; anything bigger is refused before parsing. */
export const MAX_BODY_BYTES = 16 * 1024;

export type BodyResult = { ok: true; value: unknown } | {
  ok: false;
  error: string;
  status: number;
};

/** Reads and parses the body of `req` as JSON. */
export async function readJsonBody(req: Request): Promise<BodyResult> {
  const type = req.headers.get("content-type") ?? "";
  if (type !== "" && !/^application\/json\b/i.test(type)) {
    return {
      ok: false,
      status: 415,
      error: "The body must be JSON (content-type: application/json)",
    };
  }
  const bytes = new Uint8Array(await req.arrayBuffer());
  if (bytes.byteLength > MAX_BODY_BYTES) {
    return { ok: false, status: 413, error: `The body must be at most ${MAX_BODY_BYTES} bytes` };
  }
  const text = new TextDecoder().decode(bytes);
  if (text.trim() === "") {
    return { ok: false, status: 400, error: "The body must be a JSON object" };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, status: 400, error: "The body must be valid JSON" };
  }
}
