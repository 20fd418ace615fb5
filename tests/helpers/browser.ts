/**
 * Chromium for browser tests, driven by playwright-core. Where no Chromium is installed
 * the tests are skipped, unless REELFEEL_REQUIRE_BROWSER=1 (as in CI): then they fail.
 */
import type { Hono } from "hono";
import { type Browser, chromium, type LaunchOptions } from "playwright-core";
import { testApp } from "./app.ts";
import { serve } from "./server.ts";

const CANDIDATES = [
  Deno.env.get("CHROMIUM_PATH"),
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
].filter((p): p is string => !!p);

function findChromium(): string | undefined {
  for (const path of CANDIDATES) {
    try {
      if (Deno.statSync(path).isFile) return path;
    } catch { /* not here */ }
  }
  return undefined;
}

export const chromiumPath = findChromium();
export const browserRequired = Deno.env.get("REELFEEL_REQUIRE_BROWSER") === "1";

/** Deno.test's `ignore` for browser tests: skip only when Chromium is missing and not required. */
export const skipBrowserTests = !chromiumPath && !browserRequired;

// These flags keep Chromium off the network this machine cannot reach.
export const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

export interface BrowserOptions {
  /** Feed this `.y4m` or `.mjpeg` file to the page as its camera, permission granted. */
  fakeCamera?: string;
  /** Extra Chromium flags. */
  args?: string[];
}

/** Launches headless Chromium; throws a clear error when it is required but missing. */
export async function launchBrowser(options: BrowserOptions = {}): Promise<Browser> {
  if (!chromiumPath) {
    throw new Error(
      `Chromium is required (REELFEEL_REQUIRE_BROWSER=1) but not installed: ` +
        `apt-get install -y chromium, or set CHROMIUM_PATH`,
    );
  }
  const args = [...FLAGS, ...(options.args ?? [])];
  if (options.fakeCamera) {
    args.push(
      "--use-fake-device-for-media-stream",
      "--use-fake-ui-for-media-stream",
      `--use-file-for-fake-video-capture=${options.fakeCamera}`,
    );
  }
  const launch: LaunchOptions = { executablePath: chromiumPath, headless: true, args };
  return await chromium.launch(launch);
}

export interface BrowserTestContext {
  /** The app, served on a free local port. */
  url: string;
  browser: Browser;
}

/**
 * Registers a test that serves the app and drives it in Chromium; the server and the
 * browser are closed whatever happens. Skipped only when Chromium is missing and not required.
 */
export function browserTest(
  name: string,
  fn: (ctx: BrowserTestContext) => Promise<void>,
  options: BrowserOptions & { app?: () => Promise<Hono> } = {},
): void {
  Deno.test({
    name: `browser: ${name}`,
    ignore: skipBrowserTests,
    async fn() {
      const server = serve(await (options.app ?? testApp)());
      let browser: Browser | undefined;
      try {
        browser = await launchBrowser(options);
        await fn({ url: server.url, browser });
      } finally {
        await browser?.close();
        await server.close();
      }
    },
  });
}
