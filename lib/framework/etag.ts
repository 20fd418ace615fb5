/**
 * Validators for server-rendered pages: a weak ETag from what a page was rendered from, and
 * `304 Not Modified` when the browser already holds that version, so that neither the page
 * nor its bytes are made again. Pages carry `cache-control: no-cache`: always revalidated.
 */

/** Differs between two runs of the server: a new build may render the same data differently. */
const RUN = crypto.randomUUID();

/** Keys of page data derived from other fields of the same data (and versioned by them). */
const DERIVED = new Set(["chart", "charts", "minutes", "blocks", "overall"]);

/**
 * A weak ETag for a page rendered from `data` with `context` (theme, stylesheet, viewer…):
 * a SHA-256 of both, without the derived fields (`DERIVED`), which their sources version.
 */
export async function pageETag(data: unknown, context: readonly unknown[]): Promise<string> {
  const text = JSON.stringify(
    [RUN, context, data],
    (key, value) => DERIVED.has(key) ? undefined : value,
  );
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  const bytes = new Uint8Array(digest).subarray(0, 18);
  return `W/"${btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_")}"`;
}

/** Whether the request's `If-None-Match` names `etag` (weak comparison, lists and `*`). */
export function matchesETag(req: Request, etag: string): boolean {
  const header = req.headers.get("if-none-match");
  if (!header) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, "");
  return header.split(",").some((tag) => tag.trim() === "*" || bare(tag) === bare(etag));
}

/**
 * The page's response for `req`: 304 when the browser holds `etag` already, else the page
 * `render` makes, both with the ETag and `cache-control: no-cache`.
 */
export async function withETag(
  req: Request,
  etag: string,
  render: () => Response | Promise<Response>,
): Promise<Response> {
  if (matchesETag(req, etag)) {
    return new Response(null, { status: 304, headers: { etag, "cache-control": "no-cache" } });
  }
  const response = await render();
  response.headers.set("etag", etag);
  response.headers.set("cache-control", "no-cache");
  return response;
}
