// Screenshots of the dashboards on the demo library: deno run -A shots_dashboards.ts BASE OUTDIR
import { launchBrowser } from "@/tests/helpers/browser.ts";
const [base, out] = Deno.args;
const html = await (await fetch(base + "/")).text();
const film = html.match(/href="(\/films\/[^"]+)"/)![1];
const filmHtml = await (await fetch(base + film)).text();
const viewing = filmHtml.match(/href="(\/screenings\/[^"#]+)"/)![1];
const pages: Record<string, string> = { library: "/", film, viewing };
const browser = await launchBrowser();
for (const [name, path] of Object.entries(pages)) {
  for (const scheme of ["light", "dark"] as const) {
    for (const width of [1280, 390]) {
      const ctx = await browser.newContext({
        viewport: { width, height: 900 },
        colorScheme: scheme,
      });
      const page = await ctx.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
      // Twice: the second answer is the kept render with a new nonce; its islands must hydrate.
      await page.goto(base + path);
      await page.reload();
      await page.waitForTimeout(800);
      await page.screenshot({
        path: `${out}/${name}-${width}-${scheme}.png`,
        fullPage: width === 390 ? false : false,
      });
      if (errors.length) console.log(name, width, scheme, errors);
      await ctx.close();
    }
  }
}
await browser.close();
console.log("done", Object.values(pages));
