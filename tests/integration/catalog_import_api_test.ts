/**
 * `POST /api/catalog/import` and `GET /api/catalog/import`: the catalog downloaded from a local
 * stand-in for IMDb's server and imported, one run at a time, its progress readable while it
 * runs; an unreachable server said so; and `/recommend` working afterwards.
 */
import assert from "node:assert/strict";
import { CatalogImportJob } from "@/lib/catalog/import_job.ts";
import type { ImportJobStatus } from "@/lib/catalog/import_status.ts";
import { openMemoryCatalog } from "@/lib/catalog/open.ts";
import { openMemoryStore } from "@/lib/store/open.ts";
import { testApp } from "@/tests/helpers/app.ts";
import { serveDatasets } from "@/tests/helpers/datasets_server.ts";
import { JSON_TYPE } from "./_api.ts";

async function setup(baseUrl: string) {
  const dir = await Deno.makeTempDir({ prefix: "reelfeel-import-api-" });
  const catalog = openMemoryCatalog();
  // Every status the run reaches, besides what polling the API happens to see.
  const reached: ImportJobStatus[] = [];
  const job = new CatalogImportJob({
    catalog,
    dir,
    baseUrl,
    progressIntervalMs: 0,
    onStatus: (status) => reached.push(status),
  });
  const app = await testApp(openMemoryStore(), catalog, { catalogImport: job });
  return {
    app,
    job,
    reached,
    catalog,
    start: () =>
      app.request("/api/catalog/import", { method: "POST", headers: JSON_TYPE, body: "{}" }),
    state: async () => await (await app.request("/api/catalog/import")).json(),
    async close() {
      await job.stop();
      await catalog.close();
      await Deno.remove(dir, { recursive: true });
    },
  };
}

Deno.test("an import started twice runs once, reports its progress, and fills the catalog", async () => {
  const server = await serveDatasets({ pace: { bytes: 200, everyMs: 20 } });
  const t = await setup(server.url);
  try {
    const before = await t.state();
    assert.deepEqual(
      { state: before.status.state, catalogEmpty: before.catalogEmpty, mayStart: before.mayStart },
      { state: "idle", catalogEmpty: true, mayStart: true },
    );
    const first = await t.start();
    assert.equal(first.status, 202);
    assert.equal((await first.json()).started, true);
    const second = await t.start();
    assert.equal(second.status, 200, "a second start joins the run under way");
    assert.equal((await second.json()).started, false);

    // While it runs, the progress names the phase and file; it only ever moves forward.
    const seen: string[] = [];
    let last = await t.state();
    while (last.status.state === "running") {
      const { phase, file, index, count } = last.status;
      if (phase && file) seen.push(`${phase} ${index}/${count} ${file}`);
      await new Promise((r) => setTimeout(r, 10));
      last = await t.state();
    }
    assert.equal(last.status.state, "done", JSON.stringify(last.status));
    assert.equal(last.status.message, "The catalog is ready: 32 films.");
    assert.equal(last.catalogEmpty, false);
    // The paced download is slow enough to be seen through the API; importing 32 films may
    // take less than one poll on a fast machine, so every phase is checked on what the run reached.
    assert.ok(seen.includes("download 1/5 title.basics"), seen.join("\n"));
    const phasesSeen = [...new Set(seen.map((s) => s.split(" ")[0]))];
    const reached = t.reached.flatMap((s) => s.phase ? [s.phase] : []);
    const phases = [...new Set(reached)];
    assert.deepEqual(phases.filter((p) => p !== "verify"), ["download", "import"]);
    assert.deepEqual(
      phasesSeen,
      phases.filter((p) => phasesSeen.includes(p)),
      "polled in the run's order",
    );
    // Each file was fetched once: the second start did not start another run.
    assert.equal(server.requests.length, 5);

    const page = await (await t.app.request("/recommend?emotion=sad&type=improve")).text();
    assert.ok((page.match(/class="catalog-card card"/g) ?? []).length >= 3);
    assert.doesNotMatch(page, /catalog-import/);
  } finally {
    await t.close();
    await server.close();
  }
});

Deno.test("an unreachable server ends the import with what happened and what to do", async () => {
  const server = await serveDatasets();
  const url = server.url;
  await server.close();
  const t = await setup(url);
  try {
    await t.start();
    await t.job.settled();
    const { status, catalogEmpty } = await t.state();
    assert.equal(status.state, "failed");
    assert.equal(status.error.offline, true);
    assert.match(
      status.error.message,
      /^127\.0\.0\.1:\d+ cannot be reached \(.+\) for title\.basics\.tsv\.gz\./,
    );
    assert.match(status.error.advice, /^Check that this computer is online, then try again/);
    assert.equal(catalogEmpty, true);
    // The page shows it, with the way to try again.
    const page = await (await t.app.request("/recommend")).text();
    assert.match(page, /The download failed: IMDb could not be reached\./);
    assert.match(page, />Try again<\/button>/);
  } finally {
    await t.close();
  }
});

Deno.test("starting an import needs a JSON body, which keeps cross-site form posts out", async () => {
  const t = await setup("http://127.0.0.1:9/");
  try {
    const form = await t.app.request("/api/catalog/import", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "",
    });
    assert.equal(form.status, 415);
    const list = await t.app.request("/api/catalog/import", {
      method: "POST",
      headers: JSON_TYPE,
      body: "[]",
    });
    assert.equal(list.status, 400);
    assert.deepEqual(await list.json(), {
      error: "body: must be a JSON object ({})",
      field: "body",
    });
    assert.equal((await t.state()).status.state, "idle", "nothing was started");
  } finally {
    await t.close();
  }
});
