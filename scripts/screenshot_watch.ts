/**
 * Screenshots every state of the `/watch` flow in headless Chromium, to look at what we build:
 *   deno run -A scripts/screenshot_watch.ts <out-dir> [--dark] [--phone]
 * drives the flow on a generated film with a fake camera (as the browser tests do) and writes
 * <out-dir>/<state>-<laptop|phone>-<light|dark>.png for: pick, consent, consent-denied,
 * face-check, countdown, playing, playing-offline, playing-idle, pick-elsewhere, resume,
 * finishing-retrying, done.
 */
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "@/tests/helpers/browser.ts";
import { testApp } from "@/tests/helpers/app.ts";
import { serve } from "@/tests/helpers/server.ts";
import {
  fastFilm,
  fixtures,
  openWatch,
  pickFilm,
  startWatching,
  waitRecorded,
} from "@/tests/helpers/watch.ts";

const [outDir] = Deno.args.filter((a) => !a.startsWith("--"));
if (!outDir || !fixtures) {
  console.error("usage: scripts/screenshot_watch.ts <out-dir> [--dark] [--phone] (needs Chromium)");
  Deno.exit(2);
}
const colorScheme = Deno.args.includes("--dark") ? "dark" : "light";
const [device, viewport] = Deno.args.includes("--phone")
  ? ["phone", { width: 390, height: 844 }]
  : ["laptop", { width: 1280, height: 800 }];
await Deno.mkdir(outDir, { recursive: true });

async function shot(page: Page, state: string): Promise<void> {
  const path = `${outDir}/${state}-${device}-${colorScheme}.png`;
  await page.waitForTimeout(300); // transitions
  await page.screenshot({ path });
  console.log(path);
}

const server = serve(await testApp());
const film = await fastFilm(90);
const browsers: Browser[] = [];
try {
  const browser = await launchBrowser({ fakeCamera: fixtures.facesY4m });
  browsers.push(browser);
  const context = await browser.newContext({ viewport, colorScheme, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await openWatch(page, server.url);
  await pickFilm(page, film);
  await shot(page, "pick");
  await page.click(".watch button[type=submit]");
  await page.waitForSelector("[data-step-card=consent]");
  await shot(page, "consent");
  await page.getByRole("button", { name: "Start the camera" }).click();
  await page.waitForSelector("[data-face=found]", { timeout: 60_000 });
  await shot(page, "face-check");
  await page.waitForSelector(".countdown", { timeout: 30_000 });
  await shot(page, "countdown");
  await page.waitForSelector(".watch-stage[data-phase=playing]", { timeout: 30_000 });
  await waitRecorded(page, 3, 30_000);
  await page.mouse.move(100, 100);
  await shot(page, "playing");
  await context.setOffline(true);
  await page.waitForSelector("[data-offline=true]");
  await page.mouse.move(120, 120);
  await shot(page, "playing-offline");
  await page.waitForSelector(".watch-stage[data-idle=true]", { timeout: 10_000 });
  await page.waitForTimeout(700);
  await shot(page, "playing-idle");
  await context.setOffline(false);

  const other = await context.newPage();
  await openWatch(other, server.url);
  await other.waitForSelector("[data-elsewhere]");
  await shot(other, "pick-elsewhere");

  // The server fails: the last minutes are retried while the page waits to finish.
  await page.route(
    /\/minutes\/\d+$/,
    (route) =>
      route.fulfill({ status: 503, contentType: "application/json", body: '{"error":"busy"}' }),
  );
  await page.bringToFront();
  await page.mouse.move(140, 140);
  await page.getByRole("button", { name: "Stop", exact: true }).click();
  await page.waitForSelector("[data-step-card=finishing] .upload-status", { timeout: 30_000 });
  await shot(page, "finishing-retrying");
  await page.unroute(/\/minutes\/\d+$/);
  await page.getByRole("button", { name: "Try again" }).click();
  await page.waitForSelector("[data-step-card=done]", { timeout: 60_000 });
  await shot(page, "done");

  // A reload mid-film offers to resume.
  await other.close();
  await page.click("text=Watch another film");
  await pickFilm(page, film, false);
  await page.click(".watch button[type=submit]");
  await startWatching(page);
  await waitRecorded(page, 3, 30_000);
  await page.reload();
  await page.waitForSelector("[data-step-card=resume]", { timeout: 30_000 });
  await shot(page, "resume");
  await context.close();

  // Without the camera permission.
  const denied = await launchBrowser({ args: ["--use-fake-device-for-media-stream"] });
  browsers.push(denied);
  const deniedPage = await denied.newPage({ viewport, colorScheme, deviceScaleFactor: 1 });
  await openWatch(deniedPage, server.url);
  await pickFilm(deniedPage, film, false);
  await deniedPage.click(".watch button[type=submit]");
  await deniedPage.getByRole("button", { name: "Start the camera" }).click();
  await deniedPage.waitForSelector("[data-camera-problem]", { timeout: 30_000 });
  await shot(deniedPage, "consent-denied");
} finally {
  for (const browser of browsers) await browser.close();
  await server.close();
  await film.remove();
}
