import assert from "node:assert/strict";
import { testApp } from "@/tests/helpers/app.ts";
import { MODEL_FILES } from "@/scripts/models.ts";

Deno.test("/emotion-tracker.js redirects to the hashed bundle, whose chunks resolve beside it", async () => {
  const app = await testApp();
  const res = await app.request("/emotion-tracker.js");
  assert.equal(res.status, 302);
  assert.equal(res.headers.get("cache-control"), "no-cache");
  const location = res.headers.get("location")!;
  assert.match(location, /^\/_build\/emotion-tracker-[A-Z0-9]+\.js$/);
  const bundle = await app.request(location);
  assert.equal(bundle.status, 200);
  const source = await bundle.text();
  assert.match(source, /EmotionTracker/);
  for (const [, chunk] of source.matchAll(/from\s*"\.\/([\w-]+\.js)"/g)) {
    const res = await app.request(`/_build/${chunk}`);
    assert.equal(res.status, 200, chunk);
    await res.body?.cancel();
  }
});

Deno.test("the models and the tfjs wasm binaries are served, wasm as application/wasm", async () => {
  const app = await testApp();
  for (const file of MODEL_FILES) {
    const res = await app.request(`/models/${file.dest}`);
    assert.equal(res.status, 200, file.dest);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const digest = await crypto.subtle.digest("SHA-256", bytes);
    const hex = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
    assert.equal(hex, file.sha256, file.dest);
    if (file.dest.endsWith(".wasm")) {
      assert.equal(res.headers.get("content-type"), "application/wasm");
    }
  }
});

Deno.test("the worker is a built entry", async () => {
  const app = await testApp();
  const manifest = await (await app.request("/_build/manifest.json")).json();
  assert.match(manifest.entries["emotion-worker"], /^emotion-worker-[A-Z0-9]+\.js$/);
  const res = await app.request(`/_build/${manifest.entries["emotion-worker"]}`);
  assert.equal(res.status, 200);
  await res.body?.cancel();
});
