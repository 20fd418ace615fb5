/** The islands-and-routes layer on a fixture manifest: layouts, handlers, errors. */
import assert from "node:assert/strict";
import { Hono } from "hono";
import type { ComponentChildren } from "preact";
import { mountManifest } from "@/lib/framework/app.ts";
import { HttpError, InputError } from "@/lib/framework/errors.ts";
import { readJson } from "@/lib/framework/http.ts";
import type {
  BaseState,
  Handlers,
  LayoutProps,
  Manifest,
  PageProps,
} from "@/lib/framework/types.ts";

function Root({ Component, state, error }: LayoutProps) {
  return (
    <html>
      <head>
        <title>{state.title}</title>
      </head>
      <body data-error={error?.status}>
        <Component />
      </body>
    </html>
  );
}
function Section({ Component }: LayoutProps) {
  return (
    <section class="films">
      <Component />
    </section>
  );
}
function Box({ children }: { children?: ComponentChildren }) {
  return <b>{children}</b>;
}
/** Islands of the fixture: only the ones a page renders may reach its HTML. */
function Quote({ text }: { text: string }) {
  return <q>{text}</q>;
}
function Unused() {
  return <p>unused</p>;
}
const HOSTILE = "</script><script>alert(1)</script><!-- \u2028";

const filmHandler: Handlers<{ slug: string }> = {
  GET(_req, ctx) {
    if (ctx.params.slug === "missing") return ctx.renderNotFound();
    return ctx.render({ slug: ctx.params.slug }, { status: 201, headers: { "x-film": "1" } });
  },
};

const manifest: Manifest = {
  routes: {
    "./routes/_layout.tsx": { default: Root },
    "./routes/films/_layout.tsx": { default: Section },
    "./routes/_404.tsx": { default: () => <p>nothing</p>, title: "Not found" },
    "./routes/_500.tsx": {
      default: ({ error }: PageProps) => <p>sorry {error?.status} {error?.message}</p>,
    },
    "./routes/films/[slug].tsx": {
      handler: filmHandler,
      default: ({ data }: PageProps<{ slug: string }>) => <Box>{data.slug}</Box>,
      title: ({ data }: PageProps<{ slug: string }>) => `Film ${data.slug}`,
    },
    "./routes/films/new.tsx": { default: () => <i>new</i> },
    "./routes/quote.tsx": { default: () => <Quote text={HOSTILE} /> },
    "./routes/boom.tsx": {
      handler: () => {
        throw new Error("secret stack detail");
      },
    },
    "./routes/api/boom.ts": {
      handler: {
        POST: () => {
          throw new Error("secret stack detail");
        },
      },
    },
    "./routes/refused.tsx": {
      handler: () => {
        throw new HttpError(409, "films: this one is taken", { "x-why": "taken" });
      },
    },
    "./routes/api/refused.ts": {
      handler: {
        GET: () => {
          throw new HttpError(409, "films: this one is taken", { "x-why": "taken" });
        },
        POST: () => {
          throw new InputError("year", "must be a number");
        },
      },
    },
    "./routes/api/upload.ts": {
      config: { maxBodyBytes: 64 * 1024 },
      handler: {
        PUT: async (req) => Response.json({ bytes: JSON.stringify(await readJson(req)).length }),
      },
    },
    "./routes/api/small.ts": {
      handler: {
        PUT: async (req) => Response.json({ bytes: JSON.stringify(await readJson(req)).length }),
      },
    },
    "./routes/api/echo/[...path].ts": {
      handler: (req, ctx) => Response.json({ method: req.method, path: ctx.params.path }),
    },
  },
  islands: {
    "./islands/Quote.tsx": { default: Quote },
    "./islands/Unused.tsx": { default: Unused },
  },
};

const app = new Hono();
mountManifest<BaseState>(app, manifest, {
  assets: {
    client: "c.js",
    islands: { Quote: "Quote-Q.js", Unused: "Unused-U.js" },
    chunks: { "c.js": ["chunk-S.js"], "Quote-Q.js": ["chunk-S.js"], "Unused-U.js": ["chunk-X.js"] },
    entries: {},
    css: "s.css",
  },
  state: () => ({ nonce: "n", stylesheet: "/s.css" }),
});

Deno.test("a page's handler data renders inside its nested layouts, with status and headers", async () => {
  const res = await app.request("/films/alien");
  assert.equal(res.status, 201);
  assert.equal(res.headers.get("x-film"), "1");
  assert.equal(
    await res.text(),
    '<!DOCTYPE html><html><head><title>Film alien</title></head><body><section class="films"><b>alien</b></section></body></html>',
  );
});

Deno.test("a static route wins over a parameter route", async () => {
  assert.match(await (await app.request("/films/new")).text(), /<i>new<\/i>/);
});

Deno.test("renderNotFound renders the 404 page in the root layout", async () => {
  const res = await app.request("/films/missing");
  assert.equal(res.status, 404);
  assert.match(
    await res.text(),
    /<title>Not found<\/title><\/head><body data-error="404"><p>nothing/,
  );
});

Deno.test("an error renders the 500 page and never the error's message or stack", async () => {
  const originalError = console.error;
  const logged: unknown[] = [];
  console.error = (...args: unknown[]) => logged.push(args);
  try {
    const page = await app.request("/boom");
    assert.equal(page.status, 500);
    const html = await page.text();
    assert.match(html, /sorry/);
    assert.doesNotMatch(html, /secret|stack|at /);
    const api = await app.request("/api/boom", { method: "POST" });
    assert.equal(api.status, 500);
    assert.deepEqual(await api.json(), { error: "Internal server error" });
    assert.equal(logged.length, 2, "the server logs what it hides");
  } finally {
    console.error = originalError;
  }
});

Deno.test("a catch-all parameter takes the rest of the path; one handler serves all methods", async () => {
  const res = await app.request("/api/echo/a/b/c", { method: "PATCH" });
  assert.deepEqual(await res.json(), { method: "PATCH", path: "a/b/c" });
});

Deno.test("a page with an island: its marker, its escaped props and one script importing only it", async () => {
  const html = await (await app.request("/quote")).text();
  const marker = html.match(/<div data-island="0"><q>.*?<\/q><\/div>/s);
  assert.ok(marker, html);
  const json = html.match(/<script type="application\/json" id="__islands">(.*?)<\/script>/s)![1];
  assert.doesNotMatch(json, /</, "no prop can close the script");
  assert.deepEqual(JSON.parse(json), [{ name: "Quote", props: { text: HOSTILE } }]);
  const modules = [...html.matchAll(/<script type="module" nonce="n">(.*?)<\/script>/g)];
  assert.equal(modules.length, 1);
  assert.equal(
    modules[0][1],
    'import{boot}from "/_build/c.js";import i0 from "/_build/Quote-Q.js";boot({"Quote":i0});',
  );
  assert.deepEqual(
    [...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]),
    [
      "/_build/chunk-S.js",
    ],
  );
  assert.doesNotMatch(html, /Unused|chunk-X/);
  // The scripts go last, inside <body>.
  assert.match(html, /<\/script><\/body><\/html>$/);
});

Deno.test("a page without islands has no script of any kind", async () => {
  const html = await (await app.request("/films/new")).text();
  assert.doesNotMatch(html, /<script|modulepreload/);
});

Deno.test("an HttpError thrown by a handler is JSON under /api and the error page elsewhere", async () => {
  const api = await app.request("/api/refused");
  assert.equal(api.status, 409);
  assert.equal(api.headers.get("x-why"), "taken");
  assert.equal(api.headers.get("cache-control"), "no-store");
  assert.deepEqual(await api.json(), { error: "films: this one is taken" });
  const page = await app.request("/refused");
  assert.equal(page.status, 409);
  assert.equal(page.headers.get("x-why"), "taken");
  assert.match(
    await page.text(),
    /<body data-error="409"><p>sorry 409 films: this one is taken<\/p><\/body>/,
  );
});

Deno.test("an InputError is a 400 naming its field", async () => {
  const res = await app.request("/api/refused", { method: "POST" });
  assert.equal(res.status, 400);
  assert.deepEqual(await res.json(), { error: "year: must be a number", field: "year" });
});

Deno.test("bodies are bounded at 16 KB unless the route's config says more", async () => {
  const put = (path: string, bytes: number) =>
    app.request(path, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify("x".repeat(bytes - 2)),
    });
  assert.equal((await put("/api/small", 16 * 1024)).status, 200);
  const small = await put("/api/small", 16 * 1024 + 1);
  assert.equal(small.status, 413);
  assert.deepEqual(await small.json(), { error: "body: must be at most 16 KB" });
  assert.equal((await put("/api/upload", 64 * 1024)).status, 200);
  assert.equal((await put("/api/upload", 64 * 1024 + 1)).status, 413);
});

Deno.test("a method a route does not handle is 405 with Allow, as JSON under /api", async () => {
  const res = await app.request("/api/upload", { method: "GET" });
  assert.equal(res.status, 405);
  assert.equal(res.headers.get("allow"), "PUT");
  assert.deepEqual(await res.json(), { error: "GET is not allowed here" });
});
