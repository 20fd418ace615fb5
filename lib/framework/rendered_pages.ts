/**
 * Rendered pages kept by what they were rendered from: a page whose ETag (a hash of its data
 * and context, see `pageETag`) is one rendered before is the same HTML, but for its response's
 * CSP nonce, which is put in each time. So a page asked again without change costs its loader
 * and a copy of its bytes (kept encoded as UTF-8), not a render nor an encoding. Bounded by
 * size; the least recently used go first.
 */

/** Stands for the nonce while a page renders: unguessable, so no viewer's text can hold it. */
export const NONCE_SLOT = `nonce-${crypto.randomUUID()}`;

/** A page's HTML as UTF-8, cut where the nonce goes. */
type Parts = readonly Uint8Array[];

const utf8 = new TextEncoder();

/** A bounded cache of rendered pages, by key (the page's file, path and ETag). */
export class RenderedPages {
  #pages = new Map<string, { parts: Parts; size: number }>();
  #size = 0;

  /** Keeps pages up to `maxBytes` bytes in all. */
  constructor(readonly maxBytes: number) {}

  /** The page rendered under `key` with `nonce` in place, rendering it (once) if missing. */
  html(key: string, nonce: string, render: (nonce: string) => string): Uint8Array<ArrayBuffer> {
    let entry = this.#pages.get(key);
    if (entry) {
      // Most recently used last.
      this.#pages.delete(key);
      this.#pages.set(key, entry);
    } else {
      const parts = render(NONCE_SLOT).split(NONCE_SLOT).map((part) => utf8.encode(part));
      entry = { parts, size: parts.reduce((sum, part) => sum + part.length, 0) };
      this.#keep(key, entry);
    }
    const slot = utf8.encode(nonce);
    const page = new Uint8Array(entry.size + slot.length * (entry.parts.length - 1));
    let at = 0;
    entry.parts.forEach((part, k) => {
      if (k > 0) page.set(slot, at), at += slot.length;
      page.set(part, at);
      at += part.length;
    });
    return page;
  }

  /** How many pages are kept. */
  get count(): number {
    return this.#pages.size;
  }

  #keep(key: string, entry: { parts: Parts; size: number }) {
    // A page larger than the whole budget is not kept at all.
    if (entry.size > this.maxBytes) return;
    this.#pages.set(key, entry);
    this.#size += entry.size;
    for (const [oldest, { size }] of this.#pages) {
      if (this.#size <= this.maxBytes) break;
      this.#pages.delete(oldest);
      this.#size -= size;
    }
  }
}
