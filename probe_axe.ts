import { launchBrowser } from "@/tests/helpers/browser.ts";
import { axeViolations, describeViolations } from "@/tests/helpers/axe.ts";
const base = Deno.args[0];
const paths = Deno.args.slice(1);
const browser = await launchBrowser();
for (const path of paths) {
  for (const scheme of ["light", "dark"] as const) {
    for (const width of [1280, 390]) {
      const page = await browser.newPage({ viewport: { width, height: 800 }, colorScheme: scheme });
      await page.goto(base + path, { waitUntil: "networkidle" });
      await page.waitForTimeout(500);
      const v = await axeViolations(page);
      console.log(
        v.length
          ? describeViolations(`${path} ${scheme} ${width}`, v)
          : `${path} ${scheme} ${width}: ok`,
      );
      await page.close();
    }
  }
}
await browser.close();
