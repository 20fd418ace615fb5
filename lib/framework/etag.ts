/**
 * Validators for server-rendered pages: a weak ETag from what a page was rendered from, and
 * whether a request holds it. A route passes its page's ETag to `ctx.render` (see
 * `RenderInit`), which answers `304 Not Modified` then and keeps the page rendered for it;
 * pages carry `cache-control: no-cache`: always revalidated.
 */

/** Differs between two runs of the server: a new build may render the same data differently. */
const RUN = crypto.randomUUID();

/** Keys of page data derived from other fields of the same data (and versioned by them). */
const DERIVED = new Set(["chart", "charts", "minutes", "blocks", "overall"]);

/**
 * `value` without the derived fields (`DERIVED`), sharing every part that holds none: a
 * replacer function in `JSON.stringify` is called back for every key and array element, and
 * cost more than the hash itself on a library of 1,000 films.
 */
function withoutDerived(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    for (let k = 0; k < value.length; k++) {
      const item = value[k];
      if (typeof item !== "object" || item === null) continue;
      const kept = withoutDerived(item);
      if (kept !== item) (copy ??= [...value])[k] = kept;
    }
    return copy ?? value;
  }
  let copy: Record<string, unknown> | null = null;
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key];
    if (DERIVED.has(key)) {
      copy ??= { ...value };
      delete copy[key];
    } else if (typeof item === "object" && item !== null) {
      const kept = withoutDerived(item);
      if (kept !== item) (copy ??= { ...value })[key] = kept;
    }
  }
  return copy ?? value;
}

/**
 * A weak ETag for a page rendered from `data` with `context` (theme, stylesheet, viewer…):
 * a SHA-256 of both, without the derived fields (`DERIVED`), which their sources version.
 */
export async function pageETag(data: unknown, context: readonly unknown[]): Promise<string> {
  const text = JSON.stringify([RUN, context, withoutDerived(data)]);
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
