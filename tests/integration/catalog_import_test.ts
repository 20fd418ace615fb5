/**
 * Importing IMDb-format files into the catalog: the fixture, resuming after a crash, a stop or
 * a broken file (the result must equal an uninterrupted import), changed files, and clear
 * errors for bad input.
 */
import assert from "node:assert/strict";
import { IMDB_FILES, type ImdbFileName } from "@/lib/catalog/imdb.ts";
import {
  type ImdbSource,
  ImportError,
  importImdb,
  ImportInterrupted,
  type ImportOptions,
} from "@/lib/catalog/importer.ts";
import type { CatalogPort } from "@/lib/catalog/port.ts";
import { SqliteCatalog } from "@/lib/catalog/sqlite.ts";
import { titleKey } from "@/lib/catalog/normalize.ts";

const FIXTURE = new URL("../fixtures/imdb/", import.meta.url);
const fixture = Object.fromEntries(
  await Promise.all(
    IMDB_FILES.map(async (name) => [name, await Deno.readFile(new URL(`${name}.tsv.gz`, FIXTURE))]),
  ),
) as Record<ImdbFileName, Uint8Array>;

/** A source over bytes, delivered in chunks of `chunkSize` bytes (to stop mid-file). */
function source(name: ImdbFileName, bytes: Uint8Array, chunkSize = 64 * 1024): ImdbSource {
  return {
    name,
    size: bytes.byteLength,
    mtimeMs: 1_700_000_000_000,
    open: () => {
      let offset = 0;
      return new ReadableStream<Uint8Array>({
        pull(controller) {
          if (offset >= bytes.byteLength) return controller.close();
          controller.enqueue(bytes.slice(offset, offset + chunkSize));
          offset += chunkSize;
        },
      });
    },
  };
}

function sources(
  override: Partial<Record<ImdbFileName, Uint8Array>> = {},
  chunkSize?: number,
): ImdbSource[] {
  return IMDB_FILES.map((name) => source(name, override[name] ?? fixture[name], chunkSize));
}

async function gzip(text: string): Promise<Uint8Array> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function gunzip(bytes: Uint8Array): Promise<string> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(
    new DecompressionStream("gzip"),
  );
  return await new Response(stream).text();
}

/** Everything observable about a catalog, to compare two imports. */
async function fingerprint(catalog: CatalogPort) {
  const ids: string[] = [];
  for await (const id of catalog.titleIds()) ids.push(id);
  ids.sort();
  const recommend = (q: { language?: string; actorKey?: string }) =>
    catalog.recommend({ genres: ["Drama", "Comedy"], avoid: [], limit: 50, ...q });
  return {
    counts: await catalog.counts(),
    progress: await catalog.importProgress(),
    cards: await catalog.titles(ids),
    french: (await recommend({ language: "fr" })).map((t) => t.tconst),
    zoe: (await recommend({ actorKey: "zoe marchetti" })).map((t) => t.tconst),
    search: (await catalog.findTitles(titleKey("summer"), 10)).map((m) => [m.tconst, m.keys]),
  };
}

async function importFresh(options: ImportOptions = {}) {
  const catalog = SqliteCatalog.open(":memory:");
  const summary = await importImdb(catalog, sources(), options);
  return { catalog, summary };
}

const reference = await (async () => {
  const { catalog } = await importFresh();
  const print = await fingerprint(catalog);
  await catalog.close();
  return print;
})();

Deno.test("the fixture imports films and TV films only, with their ratings, credits and titles", async () => {
  const notices: string[] = [];
  const { catalog, summary } = await importFresh({ onNotice: (m) => notices.push(m) });
  assert.deepEqual(summary.counts, {
    titles: 32,
    rated: 31,
    people: 25,
    principals: 90,
    akas: 23,
    meanRating: summary.counts.meanRating,
  });
  assert.deepEqual(summary.files.map((f) => [f.file, f.status, f.lines, f.malformed]), [
    ["title.basics", "imported", 38, 0],
    ["title.ratings", "imported", 38, 1],
    ["title.principals", "imported", 104, 0],
    ["name.basics", "imported", 30, 0],
    ["title.akas", "imported", 24, 0],
  ]);
  assert.deepEqual(notices, [
    "title.ratings.tsv.gz line 39: skipped a malformed row (averageRating is n/a)",
  ]);
  const star = (await catalog.title("tt0100010"))!;
  assert.equal(star.title, "The Star Café");
  assert.equal(star.originalTitle, "Le Café des Étoiles");
  assert.deepEqual(star.genres, ["Comedy", "Romance"]);
  assert.equal(star.rating, 8.3);
  assert.equal(star.votes, 760_000);
  assert.equal(star.runtimeMinutes, 122);
  assert.deepEqual(star.directors, [{ nconst: "nm0100002", name: "Luc Beaumont" }]);
  assert.deepEqual(star.cast, [
    { nconst: "nm0100108", name: "Claire Dubois", characters: ["Odile"] },
    { nconst: "nm0100101", name: "Zoë Marchetti", characters: ["Lucie"] },
  ]);
  assert.equal((await catalog.title("tt0100024"))?.titleType, "tvMovie");
  for (const dropped of ["tt0200001", "tt0200002", "tt0200003", "tt0200004", "tt0200005"]) {
    assert.equal(await catalog.title(dropped), null, `${dropped} is not a film`);
  }
  // Writers and composers are not kept, nor are people credited only as such.
  const orchard = (await catalog.title("tt0100009"))!;
  assert.deepEqual(orchard.directors.map((d) => d.name), ["Hana Okafor"]);
  assert.deepEqual(orchard.cast.map((c) => c.name), [
    "Oliver Grant",
    "Zoë Marchetti",
    "Hugo Lindgren",
  ]);
  const unrated = (await catalog.title("tt0100025"))!;
  assert.equal(unrated.rating, null);
  assert.deepEqual(unrated.genres, []);
  // Non-Latin titles are searchable through their akas and original title.
  assert.deepEqual(
    (await catalog.findTitles(titleKey("夏の終わり"), 5)).map((m) => m.tconst),
    ["tt0100018"],
  );
  await catalog.close();
});

Deno.test("a second import of the same files changes nothing", async () => {
  const { catalog } = await importFresh();
  const notices: string[] = [];
  const again = await importImdb(catalog, sources(), { onNotice: (m) => notices.push(m) });
  assert.deepEqual(again.files.map((f) => f.status), Array(5).fill("up to date"));
  assert.equal(notices.length, 5);
  assert.deepEqual(await fingerprint(catalog), reference);
  await catalog.close();
});

/** A catalog whose writes fail after `n` successful ones, like a process killed mid-import. */
function crashingAfter(catalog: CatalogPort, n: number): CatalogPort {
  let writes = 0;
  return new Proxy(catalog, {
    get(target, property) {
      if (property === "writeBatch") {
        return (...args: Parameters<CatalogPort["writeBatch"]>) => {
          if (++writes > n) return Promise.reject(new Error("simulated crash"));
          return target.writeBatch(...args);
        };
      }
      const value = Reflect.get(target, property);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

Deno.test("an import that crashes at any batch resumes to exactly the uninterrupted result", async () => {
  const batchSize = 4;
  const total = await (async () => {
    let writes = 0;
    const catalog = SqliteCatalog.open(":memory:");
    const counting = new Proxy(catalog, {
      get(target, property) {
        if (property === "writeBatch") writes++;
        const value = Reflect.get(target, property);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    await importImdb(counting, sources(), { batchSize });
    await catalog.close();
    return writes;
  })();
  assert.ok(total > 30, `${total} batches`);
  for (let n = 0; n < total; n++) {
    const catalog = SqliteCatalog.open(":memory:");
    await assert.rejects(
      importImdb(crashingAfter(catalog, n), sources(), { batchSize }),
      /simulated crash/,
    );
    const before = await catalog.importProgress();
    const notices: string[] = [];
    await importImdb(catalog, sources(), { batchSize, onNotice: (m) => notices.push(m) });
    assert.deepEqual(await fingerprint(catalog), reference, `crash after ${n} batches`);
    const partial = before.find((p) => !p.done && p.lines > 0);
    if (partial) {
      assert.ok(
        notices.includes(`${partial.file}.tsv.gz: continuing after line ${partial.lines}`),
        notices.join("\n"),
      );
    }
    await catalog.close();
  }
});

Deno.test("a stopped import commits what it read, and a rerun continues from there", async () => {
  const catalog = SqliteCatalog.open(":memory:");
  const controller = new AbortController();
  let abortedAt = 0;
  await assert.rejects(
    importImdb(catalog, sources({}, 32), {
      batchSize: 1000, // no batch fills up: only the stop commits
      progressIntervalMs: 0,
      signal: controller.signal,
      onProgress(event) {
        if (event.file === "title.principals" && event.lines >= 20 && !abortedAt) {
          abortedAt = event.lines;
          controller.abort();
        }
      },
    }),
    (error: Error) => {
      assert.ok(error instanceof ImportInterrupted);
      assert.match(
        error.message,
        /^Import stopped in title\.principals\.tsv\.gz after line \d+; rerun/,
      );
      return true;
    },
  );
  const stopped = (await catalog.importProgress()).find((p) => p.file === "title.principals")!;
  assert.equal(stopped.done, false);
  // Everything read before the stop is committed, not only the last full batch.
  assert.ok(stopped.lines >= abortedAt && stopped.lines < 104, `${abortedAt} → ${stopped.lines}`);
  const resumed = await importImdb(catalog, sources({}, 32), { batchSize: 5 });
  assert.deepEqual(resumed.files.map((f) => f.status), [
    "up to date",
    "up to date",
    "resumed",
    "imported",
    "imported",
  ]);
  assert.deepEqual(await fingerprint(catalog), reference);
  await catalog.close();
});

Deno.test("a truncated download fails clearly after committing its whole rows; the full file resumes", async () => {
  const full = fixture["title.principals"];
  const truncated = full.slice(0, Math.floor(full.byteLength * 0.7));
  const catalog = SqliteCatalog.open(":memory:");
  await assert.rejects(
    importImdb(catalog, sources({ "title.principals": truncated }, 64), { batchSize: 3 }),
    (error: Error) => {
      assert.ok(error instanceof ImportError);
      assert.match(
        error.message,
        /^title\.principals\.tsv\.gz is corrupt or incomplete \(.+\) after line \d+\. Download it again from https:\/\/datasets\.imdbws\.com\/ and rerun: the import continues after line \d+\.$/,
      );
      return true;
    },
  );
  const progress = (await catalog.importProgress()).find((p) => p.file === "title.principals")!;
  assert.equal(progress.done, false);
  assert.ok(progress.lines > 0, "the rows before the damage were kept");
  await importImdb(catalog, sources(), { batchSize: 3 });
  assert.deepEqual(await fingerprint(catalog), reference);
  await catalog.close();
});

Deno.test("a changed file is imported again, and so are the files that depend on it", async () => {
  const { catalog } = await importFresh();
  const basics = await gunzip(fixture["title.basics"]);
  const extra = "tt0100099\tmovie\tLate Addition\tLate Addition\t0\t2023\t\\N\t90\tComedy\n";
  const notices: string[] = [];
  const summary = await importImdb(
    catalog,
    sources({ "title.basics": await gzip(basics + extra) }),
    { onNotice: (m) => notices.push(m) },
  );
  assert.equal(notices[0], "title.basics.tsv.gz changed since the last import: importing it again");
  assert.deepEqual(summary.files.map((f) => f.status), Array(5).fill("imported"));
  assert.equal((await catalog.title("tt0100099"))?.title, "Late Addition");
  assert.equal(summary.counts.titles, 33);
  await catalog.close();
});

Deno.test("bad input is refused with a message saying what to do, and nothing is written", async () => {
  const refuse = async (given: ImdbSource[], message: RegExp) => {
    const catalog = SqliteCatalog.open(":memory:");
    await assert.rejects(importImdb(catalog, given), (error: Error) => {
      assert.ok(error instanceof ImportError, String(error));
      assert.match(error.message, message);
      return true;
    });
    assert.equal(await catalog.isEmpty(), true);
    await catalog.close();
  };
  await refuse(
    [source("title.ratings", fixture["title.ratings"])],
    /^title\.ratings\.tsv\.gz needs title\.basics\.tsv\.gz imported first/,
  );
  await refuse(
    [source("title.basics", fixture["title.ratings"])],
    /^title\.basics\.tsv\.gz does not look like IMDb's title\.basics file: expected the columns tconst, titleType, .*; found "tconst\\taverageRating\\tnumVotes"$/,
  );
  await refuse([source("title.basics", await gzip(""))], /^title\.basics\.tsv\.gz is empty/);
  await refuse(
    [source("title.basics", new TextEncoder().encode("tconst\ttitleType\n"))],
    /^title\.basics\.tsv\.gz is corrupt or incomplete/,
  );
  await refuse(
    [
      source("title.basics", fixture["title.basics"]),
      source("title.basics", fixture["title.basics"]),
    ],
    /title\.basics\.tsv\.gz was given twice/,
  );
  // name.basics needs every credit first: principals must be complete.
  const catalog = SqliteCatalog.open(":memory:");
  await importImdb(catalog, [source("title.basics", fixture["title.basics"])]);
  await assert.rejects(
    importImdb(catalog, [source("name.basics", fixture["name.basics"])]),
    /name\.basics\.tsv\.gz needs title\.principals\.tsv\.gz imported first/,
  );
  await catalog.close();
});
