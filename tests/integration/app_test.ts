import assert from "node:assert/strict";
import { testApp } from "@/tests/helpers/app.ts";

const app = await testApp();
const get = (path: string, init?: RequestInit) => app.request(path, init);

Deno.test("the home page renders with the layout and hydrates the theme switch", async () => {
  const res = await get("/");
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("content-type"), "text/html; charset=utf-8");
  const html = await res.text();
  assert.match(html, /^<!DOCTYPE html><html lang="en">/);
  assert.match(html, /<nav class="site-nav" aria-label="Main">.*Library.*Watch.*Recommend/);
  assert.match(html, /Your face stays on your device/);
  assert.match(html, /<div data-island="0"><form method="post" action="\/theme"/);
  assert.match(html, /"name":"ThemeToggle"/);
});

Deno.test("the CSP allows self, the page's own nonce and WebAssembly, nothing else", async () => {
  const res = await get("/");
  const csp = res.headers.get("content-security-policy")!;
  const nonce = csp.match(/'nonce-([^']+)'/)![1];
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self' 'nonce-[^']+' 'wasm-unsafe-eval';/);
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'|\*/);
  const html = await res.text();
  assert.match(
    html,
    new RegExp(`<script type="module" nonce="${nonce.replace(/[+/]/g, "\\$&")}">`),
  );
  assert.equal(res.headers.get("x-content-type-options"), "nosniff");
  assert.match(res.headers.get("permissions-policy")!, /camera=\(self\)/);
  const second = (await get("/")).headers.get("content-security-policy")!;
  assert.notEqual(second, csp, "each response gets a fresh nonce");
});

Deno.test("an unknown page is a 404 page with no script; an unknown API path is JSON", async () => {
  const page = await get("/no/such/page");
  assert.equal(page.status, 404);
  const html = await page.text();
  assert.match(html, /This reel is missing/);
  assert.doesNotMatch(html, /<script/);
  const api = await get("/api/nothing-here");
  assert.equal(api.status, 404);
  assert.deepEqual(await api.json(), { error: "Not found" });
});

Deno.test("the theme cookie is rendered by the server, so there is no flash", async () => {
  const dark = await (await get("/", { headers: { cookie: "theme=dark" } })).text();
  assert.match(dark, /<html lang="en" data-theme="dark">/);
  const bogus = await (await get("/", { headers: { cookie: "theme=<x>" } })).text();
  assert.match(bogus, /<html lang="en">/);
});

Deno.test("the theme form works without JavaScript and only redirects within the site", async () => {
  const form = (theme: string) => new URLSearchParams({ theme });
  const res = await get("/theme", {
    method: "POST",
    body: form("dark"),
    headers: { referer: "http://localhost/films/x?y=1" },
  });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get("location"), "/films/x?y=1");
  assert.match(
    res.headers.get("set-cookie")!,
    /^theme=dark; Path=\/; Max-Age=31536000; SameSite=Lax/,
  );
  const offsite = await get("/theme", {
    method: "POST",
    body: form("light"),
    headers: { referer: "https://evil.example/" },
  });
  assert.equal(offsite.headers.get("location"), "/");
  // Same origin, but a path a browser reads as another host; and a referer that is no URL.
  for (
    const referer of ["http://localhost//evil.example/x", "http://localhost/\\evil.example", "::"]
  ) {
    const res = await get("/theme", { method: "POST", body: form("dark"), headers: { referer } });
    assert.equal(res.status, 303, referer);
    assert.equal(res.headers.get("location"), "/", referer);
  }
  const bad = await get("/theme", { method: "POST", body: form("neon") });
  assert.equal(bad.status, 400);
  assert.equal(bad.headers.get("set-cookie"), null);
});

Deno.test("a method a route does not handle is 405 with Allow", async () => {
  const res = await get("/theme", { method: "DELETE" });
  assert.equal(res.status, 405);
  assert.equal(res.headers.get("allow"), "POST");
});

Deno.test("built assets are served with immutable caching, the stylesheet is linked", async () => {
  const html = await (await get("/")).text();
  const css = html.match(/<link rel="stylesheet" href="(\/_build\/styles-[A-Z0-9]+\.css)"/)![1];
  const res = await get(css);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("cache-control"), "public, max-age=31536000, immutable");
  const text = await res.text();
  assert.ok(text.includes("[data-island]{display:contents}"), "island markers take no layout");
  assert.equal((await get("/_build/missing-AAAA.js")).status, 404);
});
