import { launchBrowser } from "@/tests/helpers/browser.ts";
import { testApp } from "@/tests/helpers/app.ts";
import { serve } from "@/tests/helpers/server.ts";
import { serveDatasets } from "@/tests/helpers/datasets_server.ts";
import { CatalogImportJob } from "@/lib/catalog/import_job.ts";
import { openMemoryCatalog } from "@/lib/catalog/open.ts";
import { openMemoryStore } from "@/lib/store/open.ts";
import { fixtureCatalog } from "@/tests/helpers/catalog.ts";

const browser = await launchBrowser();
const sizes = [["laptop", { width: 1280, height: 800 }], ["phone", {
  width: 390,
  height: 844,
}]] as const;
async function app(baseUrl: string, catalog = openMemoryCatalog()) {
  const dir = await Deno.makeTempDir();
  const job = new CatalogImportJob({ catalog, dir, baseUrl, progressIntervalMs: 100 });
  return serve(await testApp(openMemoryStore(), catalog, { catalogImport: job }));
}
for (const scheme of ["light", "dark"] as const) {
  for (const [name, viewport] of sizes) {
    const ds = await serveDatasets({ pace: { bytes: 40, everyMs: 200 } });
    const server = await app(ds.url);
    const page = await browser.newPage({ viewport, colorScheme: scheme });
    await page.goto(server.url + "/recommend");
    await page.waitForSelector("[data-island][data-hydrated]");
    await page.screenshot({ path: `/tmp/shots/rec-empty-${scheme}-${name}.png` });
    await page.getByRole("button", { name: "Download and import the catalog" }).click();
    await page.waitForSelector("#catalog-import-step");
    await page.waitForTimeout(2500);
    await page.screenshot({ path: `/tmp/shots/rec-importing-${scheme}-${name}.png` });
    await page.close();
    await server.close();
    await ds.close();
    const off = await app("http://127.0.0.1:9/");
    const p2 = await browser.newPage({ viewport, colorScheme: scheme });
    await p2.goto(off.url + "/recommend");
    await p2.waitForSelector("[data-island][data-hydrated]");
    await p2.getByRole("button", { name: "Download and import the catalog" }).click();
    await p2.getByRole("alert").waitFor();
    await p2.screenshot({ path: `/tmp/shots/rec-offline-${scheme}-${name}.png` });
    await p2.close();
    await off.close();
    const full = serve(await testApp(openMemoryStore(), await fixtureCatalog()));
    const p3 = await browser.newPage({ viewport, colorScheme: scheme });
    await p3.goto(full.url + "/recommend");
    await p3.waitForSelector("[data-island][data-hydrated]");
    await p3.locator("label", { hasText: "Sad" }).click();
    await p3.getByRole("button", { name: /^Find films/ }).click();
    await p3.waitForFunction(() => document.activeElement?.id === "results-title");
    await p3.waitForTimeout(300);
    await p3.screenshot({ path: `/tmp/shots/rec-results-${scheme}-${name}.png` });
    await p3.close();
    await full.close();
  }
}
await browser.close();
