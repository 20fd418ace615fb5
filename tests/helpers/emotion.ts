/**
 * For the EmotionTracker's browser tests and the inference benchmark: an app with one extra
 * test page (served under the app's own CSP) that imports `/emotion-tracker.js` as a
 * third-party page of the same origin would, and the face fixtures.
 */
import { Hono } from "hono";
import type { Page } from "playwright-core";
import { secureHeaders } from "hono/secure-headers";
import { contentSecurityPolicy } from "@/main.ts";
import { testApp } from "./app.ts";

export const TRACKER_PAGE = "/__test__/emotion-tracker";

function trackerPage(nonce: string, extraHead: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>EmotionTracker test page</title><link rel="icon" href="/favicon.svg">${extraHead}</head>
<body>
<video id="camera" muted playsinline></video>
<script type="module" nonce="${nonce}">
import { EmotionTracker } from "/emotion-tracker.js";
window.EmotionTracker = EmotionTracker;
document.body.dataset.ready = "true";
</script>
</body></html>`;
}

const TYPES: Record<string, string> = {
  js: "text/javascript",
  json: "application/json",
  bin: "application/octet-stream",
  jpg: "image/jpeg",
  mp4: "video/mp4",
};

/** Serves the files of `dir` (one level, plain names) under `prefix` (ends with "/"). */
export function serveFiles(app: Hono, prefix: string, dir: string): void {
  app.get(`${prefix}:name{[\\w.-]+}`, async (c) => {
    const name = c.req.param("name") ?? "";
    try {
      const body = await Deno.readFile(`${dir}/${name}`);
      return new Response(body, {
        headers: { "content-type": TYPES[name.split(".").pop()!] ?? "application/octet-stream" },
      });
    } catch {
      return c.notFound();
    }
  });
}

/** Opens the test page; returns the page's errors (uncaught or logged), collected from now on. */
export async function openTrackerPage(url: string, page: Page): Promise<string[]> {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.goto(url + TRACKER_PAGE);
  await page.waitForSelector("body[data-ready]", { state: "attached" });
  return errors;
}

/**
 * The app plus the test page at TRACKER_PAGE; `extend` may add routes (checked first) to
 * the outer app, e.g. the benchmark's files.
 */
export async function trackerTestApp(
  options: { extend?: (app: Hono) => void; extraHead?: string } = {},
): Promise<Hono> {
  const inner = await testApp();
  const outer = new Hono();
  outer.use("/__test__/*", secureHeaders({ contentSecurityPolicy }));
  outer.get(
    TRACKER_PAGE,
    (c) => c.html(trackerPage(c.get("secureHeadersNonce") ?? "", options.extraHead ?? "")),
  );
  options.extend?.(outer);
  outer.all("*", (c) => inner.fetch(c.req.raw));
  return outer;
}
