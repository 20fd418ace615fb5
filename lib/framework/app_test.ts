import assert from "node:assert/strict";
import { Hono } from "hono";
import { h } from "preact";
import { mountManifest } from "./app.ts";
import { pageETag } from "./etag.ts";
import { NONCE_SLOT, RenderedPages } from "./rendered_pages.ts";
import type { BaseState, Manifest, PageProps } from "./types.ts";

/** An island, so that the page carries the one inline script and its nonce. */
function CacheProbe({ film }: { film: string }) {
  return h("b", null, film);
}

/** One page, `/films/:slug`, whose data is the slug and a version given in the query. */
function appCountingRenders() {
  let renders = 0;
  let nonces = 0;
  const manifest: Manifest = {
    routes: {
      "./routes/api/warm.ts": {
        handler: {
          async POST(_req, ctx) {
            await ctx.warm(["/films/alpha?v=1", "/films/broken"]);
            return new Response(null, { status: 204 });
          },
        },
      },
      "./routes/films/[slug].tsx": {
        handler: {
          async GET(_req, ctx) {
            if (ctx.params.slug === "broken") throw new Error("a page that fails");
            const data = { film: ctx.params.slug, version: ctx.url.searchParams.get("v") };
            return ctx.render(data, { etag: await pageETag(data, ["light"]) });
          },
        },
        default: ({ data }: PageProps<{ film: string }>) => {
          renders++;
          return h("main", null, h(CacheProbe, { film: data.film }));
        },
      },
    },
    islands: { "./islands/CacheProbe.tsx": { default: CacheProbe } },
  };
  const app = new Hono();
  mountManifest<BaseState>(app, manifest, {
    assets: {
      client: "client.js",
      islands: { CacheProbe: "cache_probe.js" },
      chunks: {},
      entries: {},
      css: "app.css",
    },
    state: () => ({ nonce: `n${++nonces}` }),
  });
  return { app, renders: () => renders };
}

Deno.test("a page with an ETag is rendered once; each answer carries its own request's nonce", async () => {
  const { app, renders } = appCountingRenders();
  const first = await (await app.request("/films/alpha?v=1")).text();
  const second = await app.request("/films/alpha?v=1");
  const html = await second.text();
  assert.equal(renders(), 1);
  assert.match(first, /<script type="module" nonce="n1">/);
  assert.match(html, /<script type="module" nonce="n2">/);
  assert.equal(html, first.replace('nonce="n1"', 'nonce="n2"'));
  assert.ok(!html.includes(NONCE_SLOT));
  assert.equal(second.headers.get("cache-control"), "no-cache");
  assert.match(second.headers.get("etag")!, /^W\//);
});

Deno.test("new data is a new ETag and a new render; another page is rendered for itself", async () => {
  const { app, renders } = appCountingRenders();
  await app.request("/films/alpha?v=1");
  const changed = await (await app.request("/films/alpha?v=2")).text();
  const other = await (await app.request("/films/beta?v=1")).text();
  assert.equal(renders(), 3);
  assert.match(changed, /<b>alpha<\/b>/);
  assert.match(other, /<b>beta<\/b>/);
});

Deno.test("a request holding the page's ETag is answered 304, with nothing rendered", async () => {
  const { app, renders } = appCountingRenders();
  const etag = (await app.request("/films/alpha?v=1")).headers.get("etag")!;
  const again = await app.request("/films/alpha?v=1", { headers: { "if-none-match": etag } });
  assert.deepEqual([again.status, await again.text(), again.headers.get("etag")], [304, "", etag]);
  assert.equal(renders(), 1);
  const stale = await app.request("/films/alpha?v=2", { headers: { "if-none-match": etag } });
  assert.equal(stale.status, 200);
  assert.equal(renders(), 2);
});

Deno.test("rendered pages: past the budget the least recently used go; an oversized page is not kept", () => {
  let renders = 0;
  const page = (text: string) => (nonce: string) => (renders++, `${text}[${nonce}]`);
  const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  // Each page is kept as "aaaaaaaaaa[" and "]", around its nonce: 12 bytes, room for two.
  const fits = new RenderedPages(24);
  assert.equal(text(fits.html("a", "x", page("aaaaaaaaaa"))), "aaaaaaaaaa[x]");
  fits.html("b", "x", page("bbbbbbbbbb"));
  // "a" used again: "b" is now the least recently used, and goes when "c" comes.
  assert.equal(text(fits.html("a", "yz", page("aaaaaaaaaa"))), "aaaaaaaaaa[yz]");
  fits.html("c", "x", page("cccccccccc"));
  assert.equal(fits.count, 2);
  assert.equal(renders, 3);
  fits.html("a", "z", page("aaaaaaaaaa"));
  assert.equal(renders, 3);
  fits.html("b", "z", page("bbbbbbbbbb"));
  assert.equal(renders, 4);
  // 10 bytes cannot hold one page.
  const pages = new RenderedPages(10);
  assert.equal(text(pages.html("a", "é", page("aaaaaaaaaa"))), "aaaaaaaaaa[é]");
  assert.equal(pages.count, 0);
});

Deno.test("warming renders a page once, so that its visit renders nothing; a failing one is logged", async () => {
  const { app, renders } = appCountingRenders();
  const logged: unknown[] = [];
  const error = console.error;
  console.error = (...args: unknown[]) => logged.push(args);
  try {
    assert.equal((await app.request("/api/warm", { method: "POST" })).status, 204);
  } finally {
    console.error = error;
  }
  assert.equal(renders(), 1);
  const visit = await app.request("/films/alpha?v=1");
  assert.match(await visit.text(), /<b>alpha<\/b>/);
  assert.equal(renders(), 1);
  assert.ok(logged.length > 0, "the failing page is logged");
});
