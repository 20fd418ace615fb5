/**
 * `deno task import:imdb` as a user runs it: a subprocess on the fixture, progress on stderr,
 * clear errors and exit codes, Ctrl-C (SIGINT) and a rerun that continues.
 */
import assert from "node:assert/strict";
import { IMDB_FILES, type ImdbFileName, imdbFileName } from "@/lib/catalog/imdb.ts";
import { SqliteCatalog } from "@/lib/catalog/sqlite.ts";
import { IMDB_FIXTURE_DIR } from "@/tests/helpers/catalog.ts";
import { fixtureFiles, serveDatasets } from "@/tests/helpers/datasets_server.ts";

const SCRIPT = new URL("../../scripts/import_imdb.ts", import.meta.url).pathname;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(
  args: string[],
  dataDir: string,
  env: Record<string, string> = {},
): Promise<Run> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", SCRIPT, ...args],
    env: { DATA_DIR: dataDir, MONGODB_URI: "", NO_COLOR: "1", ...env },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return { code: output.code, stdout: decode(output.stdout), stderr: decode(output.stderr) };
}

async function tempDir(): Promise<string> {
  return await Deno.makeTempDir({ prefix: "reelfeel-import-cli-" });
}

async function copyFixture(
  dir: string,
  names: readonly ImdbFileName[] = IMDB_FILES,
): Promise<void> {
  for (const name of names) {
    await Deno.copyFile(`${IMDB_FIXTURE_DIR}${imdbFileName(name)}`, `${dir}/${imdbFileName(name)}`);
  }
}

Deno.test("the import command imports the fixture, reports progress, and a rerun is up to date", async () => {
  const data = await tempDir();
  try {
    const first = await run([IMDB_FIXTURE_DIR], data);
    assert.equal(first.code, 0, first.stderr);
    assert.match(
      first.stdout,
      /The catalog holds 32 films \(31 rated\), 25 people, 90 credits and 23 alternative titles/,
    );
    assert.match(
      first.stdout,
      /^title\.ratings\.tsv\.gz: imported, 38 lines, 31 kept, 1 malformed skipped/m,
    );
    // Not a terminal: plain progress lines, one file after another.
    for (const [i, name] of IMDB_FILES.entries()) {
      assert.match(
        first.stderr,
        new RegExp(`^\\[${i + 1}/5\\] ${name.replace(".", "\\.")}\\.tsv\\.gz: 100% .*, done$`, "m"),
      );
    }
    assert.ok(!first.stderr.includes("\u001b["), "no terminal escapes in a log");
    const again = await run([IMDB_FIXTURE_DIR], data);
    assert.equal(again.code, 0);
    assert.equal((again.stdout.match(/: up to date,/g) ?? []).length, 5);
    const catalog = SqliteCatalog.open(`${data}/catalog.db`);
    assert.equal((await catalog.counts()).titles, 32);
    await catalog.close();
  } finally {
    await Deno.remove(data, { recursive: true });
  }
});

Deno.test("missing files, a missing directory and bad options are explained", async () => {
  const data = await tempDir();
  const dir = await tempDir();
  try {
    await copyFixture(dir, ["title.basics"]);
    const missing = await run([dir], data);
    assert.equal(missing.code, 1);
    assert.equal(
      missing.stderr.trim(),
      `error: missing in ${dir}: title.ratings.tsv.gz, title.principals.tsv.gz, name.basics.tsv.gz, ` +
        "title.akas.tsv.gz. Download them from https://datasets.imdbws.com/ (or run with --download), " +
        "or import only some files with --files.",
    );
    const nowhere = await run([`${dir}/nope`], data);
    assert.equal(nowhere.code, 1);
    assert.equal(nowhere.stderr.trim(), `error: ${dir}/nope does not exist`);
    const some = await run([dir, "--files", "title.basics"], data);
    assert.equal(some.code, 0, some.stderr);
    assert.match(some.stdout, /The catalog holds 32 films \(0 rated\)/);
    const bad = await run([dir, "--fast"], data);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^error: unknown option --fast\n\nusage: deno task import:imdb <dir>/);
    const badFile = await run([dir, "--files", "title.crew"], data);
    assert.equal(badFile.code, 2);
    assert.match(badFile.stderr, /unknown file "title\.crew"/);
  } finally {
    await Deno.remove(data, { recursive: true });
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a corrupt file stops the import with a message; the files before it stay imported", async () => {
  const data = await tempDir();
  const dir = await tempDir();
  try {
    await copyFixture(dir);
    await Deno.writeTextFile(`${dir}/title.akas.tsv.gz`, "<html>Service unavailable</html>");
    const broken = await run([dir], data);
    assert.equal(broken.code, 1);
    assert.match(
      broken.stderr,
      /^error: title\.akas\.tsv\.gz is corrupt or incomplete \(.+\) after line 0\. Download it again from https:\/\/datasets\.imdbws\.com\/ and rerun: the import continues after line 0\.$/m,
    );
    await copyFixture(dir, ["title.akas"]);
    const fixed = await run([dir], data);
    assert.equal(fixed.code, 0, fixed.stderr);
    assert.equal((fixed.stdout.match(/: up to date,/g) ?? []).length, 4);
    assert.match(fixed.stdout, /^title\.akas\.tsv\.gz: imported, 24 lines, 23 kept/m);
  } finally {
    await Deno.remove(data, { recursive: true });
    await Deno.remove(dir, { recursive: true });
  }
});

/** A title.basics file of `rows` films, large enough to be stopped half way. */
async function bigBasics(path: string, rows: number): Promise<void> {
  let text =
    "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres\n";
  for (let i = 1; i <= rows; i++) {
    text += `tt${String(i).padStart(7, "0")}\tmovie\tFilm ${i}\tFilm ${i}\t0\t${
      1950 + (i % 70)
    }\t\\N\t90\tDrama\n`;
  }
  const gz = new Blob([text]).stream().pipeThrough(new CompressionStream("gzip"));
  await Deno.writeFile(path, new Uint8Array(await new Response(gz).arrayBuffer()));
}

Deno.test("Ctrl-C stops the import cleanly, and the same command continues where it stopped", async () => {
  const data = await tempDir();
  const dir = await tempDir();
  const rows = 600_000;
  try {
    await bigBasics(`${dir}/title.basics.tsv.gz`, rows);
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", SCRIPT, dir, "--files", "title.basics"],
      env: { DATA_DIR: data, MONGODB_URI: "" },
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    // Wait until the catalog is open (its WAL holds the migration): the Ctrl-C handler is in
    // place by then, and the import reads at least one chunk before it checks for a stop.
    // Up to a minute, for a loaded machine.
    for (let i = 0; i < 2400; i++) {
      try {
        if ((await Deno.stat(`${data}/catalog.db-wal`)).size > 0) break;
      } catch { /* not yet */ }
      await new Promise((r) => setTimeout(r, 25));
    }
    child.kill("SIGINT");
    const stopped = await child.output();
    const stderr = new TextDecoder().decode(stopped.stderr);
    assert.equal(stopped.code, 130, stderr);
    const at = Number(
      stderr.match(
        /Import stopped in title\.basics\.tsv\.gz after line (\d+); rerun the same command to continue\./,
      )?.[1],
    );
    assert.ok(at > 0 && at < rows, stderr);

    const resumed = await run([dir, "--files", "title.basics"], data);
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.match(
      resumed.stderr,
      new RegExp(`title\\.basics\\.tsv\\.gz: continuing after line ${at}`),
    );
    assert.match(
      resumed.stdout,
      new RegExp(`title\\.basics\\.tsv\\.gz: resumed, ${rows} lines, ${rows} kept`),
    );
    const catalog = SqliteCatalog.open(`${data}/catalog.db`);
    assert.equal((await catalog.counts()).titles, rows);
    await catalog.close();
  } finally {
    await Deno.remove(data, { recursive: true });
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("--download fetches the five files with progress, a cut download continues, then they are imported", async () => {
  const files = await fixtureFiles();
  const half = Math.floor(files["name.basics.tsv.gz"].length / 2);
  const server = await serveDatasets({ cutAfter: { "name.basics.tsv.gz": half } });
  const data = await tempDir();
  try {
    // The address from the environment; the files go to DATA_DIR/imdb.
    const cut = await run(["--download"], data, { REELFEEL_IMDB_URL: server.url });
    assert.equal(cut.code, 1, cut.stderr);
    assert.match(cut.stderr, new RegExp(`^Downloading into ${data}/imdb from ${server.url}$`, "m"));
    assert.match(
      cut.stderr,
      /^error: The connection was lost while downloading name\.basics\.tsv\.gz \(.+\) after \d+ bytes\. Try again: the download continues where it stopped\.$/m,
    );
    // Not a terminal: one plain line per file and phase, ending in "done".
    for (const [i, name] of ["title.basics", "title.ratings", "title.principals"].entries()) {
      for (const doing of ["downloading", "checking"]) {
        assert.match(
          cut.stderr,
          new RegExp(
            `^\\[${i + 1}/5\\] ${doing} ${name.replace(".", "\\.")}\\.tsv\\.gz: 100% .*, done$`,
            "m",
          ),
        );
      }
    }
    assert.equal((await Deno.stat(`${data}/imdb/name.basics.tsv.gz.part`)).size, half);

    // The flag names the address as well; the rerun asks only for what is missing.
    const resumed = await run(["--download", "--from", server.url], data);
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.match(
      resumed.stderr,
      new RegExp(`name\\.basics\\.tsv\\.gz: continuing the download after ${half} bytes`),
    );
    assert.match(resumed.stdout, /^title\.basics\.tsv\.gz: up to date, 0\.0 MB$/m);
    assert.match(resumed.stdout, /^name\.basics\.tsv\.gz: resumed, 0\.0 MB$/m);
    assert.match(resumed.stdout, /^title\.akas\.tsv\.gz: downloaded, 0\.0 MB$/m);
    assert.match(
      resumed.stdout,
      /The catalog holds 32 films \(31 rated\), 25 people, 90 credits and 23 alternative titles/,
    );
    const ranges = server.requests.filter((r) => r.path === "/name.basics.tsv.gz").map((r) =>
      r.range
    );
    assert.deepEqual(ranges, [null, `bytes=${half}-`]);
    const bad = await run(["--download", "--from", "ftp://x/"], data);
    assert.equal(bad.code, 1);
    assert.equal(bad.stderr.trim(), 'error: the datasets URL "ftp://x/" is not http(s)');
  } finally {
    await server.close();
    await Deno.remove(data, { recursive: true });
  }
});
