/**
 * Rendered pages kept by what they were rendered from: a page whose ETag (a hash of its data
 * and context, see `pageETag`) is one rendered before is the same HTML, but for its response's
 * CSP nonce, which is put in each time. So a page asked again without change costs its loader
 * and a string join, not a render. Bounded by size; the least recently used go first.
 */

/** Stands for the nonce while a page renders: unguessable, so no viewer's text can hold it. */
export const NONCE_SLOT = `nonce-${crypto.randomUUID()}`;

/** A page's HTML cut where the nonce goes. */
type Parts = readonly string[];

/** A bounded cache of rendered pages, by key (the page's file, path and ETag). */
export class RenderedPages {
  #pages = new Map<string, { parts: Parts; size: number }>();
  #size = 0;

  /** Keeps pages up to `maxChars` UTF-16 characters in all. */
  constructor(readonly maxChars: number) {}

  /** The page rendered under `key` with `nonce` in place, rendering it (once) if missing. */
  html(key: string, nonce: string, render: (nonce: string) => string): string {
    let entry = this.#pages.get(key);
    if (entry) {
      // Most recently used last.
      this.#pages.delete(key);
      this.#pages.set(key, entry);
    } else {
      const html = render(NONCE_SLOT);
      entry = { parts: html.split(NONCE_SLOT), size: html.length };
      this.#keep(key, entry);
    }
    return entry.parts.join(nonce);
  }

  /** How many pages are kept. */
  get count(): number {
    return this.#pages.size;
  }

  #keep(key: string, entry: { parts: Parts; size: number }) {
    // A page larger than the whole budget is not kept at all.
    if (entry.size > this.maxChars) return;
    this.#pages.set(key, entry);
    this.#size += entry.size;
    for (const [oldest, { size }] of this.#pages) {
      if (this.#size <= this.maxChars) break;
      this.#pages.delete(oldest);
      this.#size -= size;
    }
  }
}
