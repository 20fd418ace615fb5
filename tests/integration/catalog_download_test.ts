/**
 * Downloading IMDb's dataset files from a local HTTP server that serves the fixture: whole
 * files, a connection cut half way and continued with a Range request, a damaged file refused
 * with a clear message, a rerun that asks only whether the files changed, an unreachable server,
 * and the import that follows.
 */
import assert from "node:assert/strict";
import { datasetSources, DownloadError, downloadImdb } from "@/lib/catalog/downloader.ts";
import type { DownloadProgressEvent } from "@/lib/catalog/downloader.ts";
import { IMDB_FILES, imdbFileName } from "@/lib/catalog/imdb.ts";
import { importImdb } from "@/lib/catalog/importer.ts";
import { openMemoryCatalog } from "@/lib/catalog/open.ts";
import { fixtureFiles, serveDatasets } from "@/tests/helpers/datasets_server.ts";

async function tempDir(): Promise<string> {
  return await Deno.makeTempDir({ prefix: "reelfeel-download-" });
}

async function listing(dir: string): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(dir)) names.push(entry.name);
  return names.sort();
}

Deno.test("the five files are downloaded whole, checked, and the import that follows fills the catalog", async () => {
  const server = await serveDatasets();
  const dir = await tempDir();
  const catalog = openMemoryCatalog();
  try {
    const events: DownloadProgressEvent[] = [];
    const results = await downloadImdb({
      baseUrl: server.url,
      dir,
      progressIntervalMs: 0,
      onProgress: (e) => events.push(e),
    });
    assert.deepEqual(
      results.map((r) => [r.file, r.status]),
      IMDB_FILES.map((f) => [f, "downloaded"]),
    );
    for (const name of IMDB_FILES) {
      const file = imdbFileName(name);
      assert.deepEqual(await Deno.readFile(`${dir}/${file}`), server.files[file]);
    }
    // Each file is downloaded, then checked; the last event of each phase is done at its size.
    for (const [i, name] of IMDB_FILES.entries()) {
      for (const phase of ["download", "verify"] as const) {
        const last = events.filter((e) => e.file === name && e.phase === phase).at(-1)!;
        assert.equal(last.done, true);
        assert.equal(last.index, i + 1);
        assert.equal(last.bytes, server.files[imdbFileName(name)].length);
        assert.equal(last.size, last.bytes);
      }
    }
    // Nothing half-made is left: the files and what the server said of each.
    assert.deepEqual(
      await listing(dir),
      IMDB_FILES.flatMap((n) => [imdbFileName(n), `${imdbFileName(n)}.json`]).sort(),
    );
    const summary = await importImdb(catalog, await datasetSources(dir));
    assert.equal(summary.counts.titles, 32);
    assert.equal(summary.counts.rated, 31);
  } finally {
    await catalog.close();
    await server.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a rerun only asks whether each file changed (If-None-Match → 304)", async () => {
  const server = await serveDatasets();
  const dir = await tempDir();
  try {
    await downloadImdb({ baseUrl: server.url, dir });
    server.requests.length = 0;
    const again = await downloadImdb({ baseUrl: server.url, dir });
    assert.deepEqual(again.map((r) => r.status), IMDB_FILES.map(() => "up to date"));
    assert.deepEqual(server.requests.map((r) => r.status), [304, 304, 304, 304, 304]);
    assert.ok(server.requests.every((r) => r.ifNoneMatch?.startsWith('"')));
  } finally {
    await server.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a connection cut half way keeps the part, and the next run asks only for the rest", async () => {
  const files = await fixtureFiles();
  const basics = files["title.basics.tsv.gz"];
  const half = Math.floor(basics.length / 2);
  const server = await serveDatasets({ cutAfter: { "title.basics.tsv.gz": half } });
  const dir = await tempDir();
  try {
    const cut = await downloadImdb({ baseUrl: server.url, dir }).catch((e) => e);
    assert.ok(cut instanceof DownloadError, String(cut));
    assert.equal(cut.offline, true);
    assert.match(
      cut.message,
      new RegExp(
        `^(The connection was lost while downloading|The download of) title\\.basics\\.tsv\\.gz .*` +
          `(continues where it stopped)`,
      ),
    );
    assert.equal((await Deno.stat(`${dir}/title.basics.tsv.gz.part`)).size, half);

    const notices: string[] = [];
    const resumed = await downloadImdb({
      baseUrl: server.url,
      dir,
      onNotice: (m) => notices.push(m),
    });
    assert.equal(resumed[0].status, "resumed");
    const second = server.requests.filter((r) => r.path === "/title.basics.tsv.gz")[1];
    assert.equal(second.range, `bytes=${half}-`);
    assert.equal(second.status, 206);
    assert.match(second.ifRange!, /^"[0-9a-f]{32}"$/);
    assert.ok(notices.includes(`title.basics.tsv.gz: continuing the download after ${half} bytes`));
    assert.deepEqual(await Deno.readFile(`${dir}/title.basics.tsv.gz`), basics);
    const catalog = openMemoryCatalog();
    assert.equal((await importImdb(catalog, await datasetSources(dir))).counts.titles, 32);
    await catalog.close();
  } finally {
    await server.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a part of a file that changed on the server since is downloaded from the start", async () => {
  const files = await fixtureFiles();
  const basics = files["title.basics.tsv.gz"];
  const first = await serveDatasets({ cutAfter: { "title.basics.tsv.gz": 100 } });
  const dir = await tempDir();
  try {
    await downloadImdb({ baseUrl: first.url, dir, files: ["title.basics"] }).catch(() => {});
    await first.close();
    // The same address now serves another file: If-Range no longer matches, so a 200 comes.
    const changed = await serveDatasets({
      files: { ...files, "title.basics.tsv.gz": files["title.akas.tsv.gz"] },
    });
    const partMeta = JSON.parse(await Deno.readTextFile(`${dir}/title.basics.tsv.gz.part.json`));
    partMeta.url = `${changed.url}title.basics.tsv.gz`;
    await Deno.writeTextFile(`${dir}/title.basics.tsv.gz.part.json`, JSON.stringify(partMeta));
    const notices: string[] = [];
    const [result] = await downloadImdb({
      baseUrl: changed.url,
      dir,
      files: ["title.basics"],
      onNotice: (m) => notices.push(m),
    });
    assert.equal(result.status, "downloaded");
    assert.equal(changed.requests[0].status, 200);
    assert.ok(
      notices.includes("title.basics.tsv.gz changed on the server: downloading it from the start"),
    );
    assert.deepEqual(await Deno.readFile(`${dir}/title.basics.tsv.gz`), files["title.akas.tsv.gz"]);
    assert.notDeepEqual(files["title.akas.tsv.gz"], basics);
    await changed.close();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a damaged file is refused with a clear message and deleted; the files before it stay", async () => {
  const files = await fixtureFiles();
  const damaged = files["title.ratings.tsv.gz"].slice();
  damaged[Math.floor(damaged.length / 2)] ^= 0x55;
  // No ETag: only the gzip checksum can tell.
  const server = await serveDatasets({
    etag: "none",
    files: { ...files, "title.ratings.tsv.gz": damaged },
  });
  const dir = await tempDir();
  try {
    const error = await downloadImdb({ baseUrl: server.url, dir }).catch((e) => e);
    assert.ok(error instanceof DownloadError, String(error));
    assert.equal(error.offline, false);
    assert.match(
      error.message,
      /^title\.ratings\.tsv\.gz is corrupt \(not a whole gzip file: .+\); it was deleted\. Try again to download it anew from http:\/\/127\.0\.0\.1:\d+\/title\.ratings\.tsv\.gz\.$/,
    );
    assert.deepEqual(await listing(dir), ["title.basics.tsv.gz", "title.basics.tsv.gz.json"]);
  } finally {
    await server.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a file whose bytes do not match the MD5 its ETag states is refused", async () => {
  const files = await fixtureFiles();
  const other = files["title.akas.tsv.gz"];
  // A valid gzip file, but not the one the server's ETag describes.
  const server = await serveDatasets({ etagOf: { "title.basics.tsv.gz": other } });
  const dir = await tempDir();
  try {
    const error = await downloadImdb({ baseUrl: server.url, dir, files: ["title.basics"] })
      .catch((e) => e);
    assert.ok(error instanceof DownloadError, String(error));
    assert.match(
      error.message,
      /^title\.basics\.tsv\.gz is corrupt \(its MD5 is [0-9a-f]{32}, the server's ETag says [0-9a-f]{32}\)/,
    );
    assert.deepEqual(await listing(dir), []);
  } finally {
    await server.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("an unreachable server is said so; a file downloaded before is used as it is", async () => {
  const server = await serveDatasets();
  const dir = await tempDir();
  try {
    await downloadImdb({ baseUrl: server.url, dir, files: ["title.basics"] });
    await server.close();
    const notices: string[] = [];
    const offline = await downloadImdb({
      baseUrl: server.url,
      dir,
      onNotice: (m) => notices.push(m),
    })
      .catch((e) => e);
    assert.ok(offline instanceof DownloadError, String(offline));
    assert.equal(offline.offline, true);
    assert.match(
      offline.message,
      /^127\.0\.0\.1:\d+ cannot be reached \(.+\) for title\.ratings\.tsv\.gz\. Check the internet connection and try again: what was downloaded is kept and continued\.$/,
    );
    assert.match(
      notices[0],
      /^title\.basics\.tsv\.gz: 127\.0\.0\.1:\d+ cannot be reached; importing the copy downloaded before$/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a wrong address is named in the message", async () => {
  const server = await serveDatasets();
  const dir = await tempDir();
  try {
    const error = await downloadImdb({ baseUrl: `${server.url}nope/`, dir }).catch((e) => e);
    assert.ok(error instanceof DownloadError);
    assert.match(
      error.message,
      /^Downloading title\.basics\.tsv\.gz failed: http:\/\/127\.0\.0\.1:\d+\/nope\/title\.basics\.tsv\.gz was not found \(404\): is the address right\?$/,
    );
  } finally {
    await server.close();
    await Deno.remove(dir, { recursive: true });
  }
});
