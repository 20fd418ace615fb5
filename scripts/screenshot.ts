/**
 * Screenshots pages in headless Chromium, to look at what we build:
 *   deno run -A scripts/screenshot.ts <url> <out-prefix> [--dark] [--full]
 * writes <out-prefix>-laptop.png (1280×800) and <out-prefix>-phone.png (390×844).
 */
import { launchBrowser } from "@/tests/helpers/browser.ts";

const [url, prefix] = Deno.args.filter((a) => !a.startsWith("--"));
if (!url || !prefix) {
  console.error("usage: scripts/screenshot.ts <url> <out-prefix> [--dark] [--full]");
  Deno.exit(2);
}
const colorScheme = Deno.args.includes("--dark") ? "dark" : "light";
const fullPage = Deno.args.includes("--full");
const browser = await launchBrowser();
try {
  for (
    const [name, viewport] of [
      ["laptop", { width: 1280, height: 800 }],
      ["phone", { width: 390, height: 844 }],
    ] as const
  ) {
    const page = await browser.newPage({ viewport, colorScheme, deviceScaleFactor: 1 });
    await page.goto(url, { waitUntil: "networkidle" });
    await page.screenshot({ path: `${prefix}-${name}.png`, fullPage });
    console.log(`${prefix}-${name}.png`);
  }
} finally {
  await browser.close();
}
