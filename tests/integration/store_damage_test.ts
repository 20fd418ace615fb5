/**
 * Damaged or unwritable data: the store (and the server) say which file, what is wrong and what
 * to do, and never write into a database known to be damaged. Each test damages a copy of a
 * small library made for it.
 */
import assert from "node:assert/strict";
import { sampleMinutes } from "@/lib/demo/sample.ts";
import { seededRandom } from "@/lib/random.ts";
import { DatabaseFileError } from "@/lib/sqlite/health.ts";
import { openStore, SQLITE_FILE } from "@/lib/store/open.ts";
import type { Store } from "@/lib/store/port.ts";
import { openCheckedSqliteStore, openSqliteStore } from "@/lib/store/sqlite.ts";
import { hashToken } from "@/lib/api/token.ts";
import { testApp } from "@/tests/helpers/app.ts";

const ROOT = new URL("../../", import.meta.url);
const NOW = new Date("2026-03-01T20:00:00.000Z");
const VIEWINGS = 8;
const idOf = (v: number) => `damage${String(v).padStart(16, "0")}`;
/** The viewings' write token. */
const TOKEN = "d".repeat(43);

/** A library of 8 viewings of 20 minutes (about 1.5 MB) in a new directory. */
async function library(): Promise<{ dir: string; path: string }> {
  const dir = await Deno.makeTempDir({ prefix: "reelfeel-damage-" });
  const store = await openStore({ dataDir: dir });
  await store.upsertFilm("fragile", { title: "Fragile", year: null, durationSec: 3600 }, NOW);
  for (let v = 0; v < VIEWINGS; v++) {
    await store.createViewing({
      id: idOf(v),
      film: "fragile",
      durationSec: 3600,
      tokenHash: hashToken(TOKEN),
      now: NOW,
    });
    for (const [seq, seconds] of sampleMinutes(v, 20).entries()) {
      await store.putMinute({ screeningId: idOf(v), seq, seconds, now: NOW });
    }
  }
  await store.close();
  return { dir, path: `${dir}/${SQLITE_FILE}` };
}

/** Overwrites `length` bytes at `offset` with seeded random bytes. */
function scribble(path: string, offset: number, length: number): void {
  const random = seededRandom(offset + length);
  const bytes = Uint8Array.from({ length }, () => Math.floor(random() * 256));
  const file = Deno.openSync(path, { write: true });
  try {
    file.seekSync(offset, Deno.SeekMode.Start);
    file.writeSync(bytes);
  } finally {
    file.close();
  }
}

async function digest(path: string): Promise<string> {
  const bytes = await crypto.subtle.digest("SHA-256", await Deno.readFile(path));
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Opening the library fails with a DatabaseFileError whose message matches `what`. */
async function refusedToOpen(dir: string, path: string, what: RegExp): Promise<DatabaseFileError> {
  const before = await digest(path);
  const error = await openStore({ dataDir: dir }).then(
    async (store) => {
      await store.close();
      throw new Error("the damaged library was opened");
    },
    (error) => error,
  );
  assert.ok(error instanceof DatabaseFileError, String(error));
  assert.ok(error.message.includes(path), `names the file: ${error.message}`);
  assert.match(error.message, what);
  assert.match(error.message, /\nWhat to do: /);
  assert.equal(await digest(path), before, "nothing was written into it");
  return error;
}

Deno.test("20 KB of random bytes inside the database: it is not opened, and says what to do", async () => {
  const { dir, path } = await library();
  try {
    scribble(path, Math.floor(Deno.statSync(path).size / 2), 20 * 1024);
    await refusedToOpen(dir, path, /is damaged: SQLite found /);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a damaged header is named as not a database, with the file", async () => {
  const { dir, path } = await library();
  try {
    scribble(path, 0, 100);
    await refusedToOpen(dir, path, /is not a database SQLite can read/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a database cut short is named as damaged, with the file", async () => {
  const { dir, path } = await library();
  try {
    await Deno.truncate(path, Math.floor(Deno.statSync(path).size / 2));
    await refusedToOpen(dir, path, /is damaged/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

/** Makes `dir` unwritable for this process (root ignores modes: then the immutable flag). */
async function makeReadOnly(dir: string): Promise<() => Promise<void>> {
  if (Deno.uid() !== 0) {
    await Deno.chmod(dir, 0o555);
    return () => Deno.chmod(dir, 0o755);
  }
  const chattr = (flag: string) =>
    new Deno.Command("chattr", { args: [flag, dir], stderr: "piped" }).output();
  const set = await chattr("+i");
  if (!set.success) throw new Error(`chattr +i failed: ${new TextDecoder().decode(set.stderr)}`);
  return async () => void await chattr("-i");
}

Deno.test("a read-only DATA_DIR is named, with what to do, for a new and an existing library", async () => {
  const { dir, path } = await library();
  const empty = await Deno.makeTempDir({ prefix: "reelfeel-readonly-" });
  const restore = [await makeReadOnly(dir), await makeReadOnly(empty)];
  try {
    const error = await refusedToOpen(dir, path, /cannot write its database/);
    assert.match(error.message, new RegExp(`make ${dir} and the files in it writable`));
    const fresh = await openStore({ dataDir: empty }).catch((error) => error);
    assert.ok(fresh instanceof DatabaseFileError, String(fresh));
    assert.match(fresh.message, new RegExp(`cannot write its database ${empty}/${SQLITE_FILE}`));
  } finally {
    for (const undo of restore) await undo();
    await Deno.remove(dir, { recursive: true });
    await Deno.remove(empty, { recursive: true });
  }
});

/** Puts a new minute into viewing 0 (seq 30, never stored before). */
const putNew = (store: Store) =>
  store.putMinute({ screeningId: idOf(0), seq: 30, seconds: sampleMinutes(99, 1)[0], now: NOW });

Deno.test("damage found while running refuses every write from then on; reads go on", async () => {
  const { dir, path } = await library();
  try {
    scribble(path, Math.floor(Deno.statSync(path).size / 2), 20 * 1024);
    // Opened without the check (as before it existed): the damage shows when it is read.
    const store = openSqliteStore({ path });
    try {
      let damaged = 0;
      for (let v = 0; v < VIEWINGS; v++) {
        await store.listMinutes(idOf(v)).catch((error) => {
          assert.ok(error instanceof DatabaseFileError, String(error));
          damaged++;
        });
      }
      assert.ok(damaged > 0, "some viewing's minutes were damaged");
      const before = await digest(path);
      await assert.rejects(putNew(store), DatabaseFileError);
      await assert.rejects(store.keepAlive(idOf(1), NOW), /is damaged/);
      assert.equal(await digest(path), before, "nothing was written");
      assert.equal((await store.listFilms()).length, 1, "what can be read is still read");
      // Over HTTP: a 503 that says what is wrong; the page keeps the minute and retries.
      const app = await testApp(store);
      const res = await app.request(`/api/screenings/${idOf(1)}/alive`, {
        method: "POST",
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      assert.equal(res.status, 503);
      assert.match((await res.json()).error, /is damaged: SQLite found .*\nWhat to do: /s);
    } finally {
      await store.close();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a check that outlasts its time at start refuses writes once it finds damage", async () => {
  const { dir, path } = await library();
  try {
    scribble(path, Math.floor(Deno.statSync(path).size / 2), 20 * 1024);
    // No time at all for the check: the store opens, and the check answers later.
    const store = await openCheckedSqliteStore({ path, checkMs: 0 });
    try {
      let refused: unknown = null;
      for (let i = 0; i < 200 && !refused; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        refused = await store.keepAlive(idOf(1), NOW).then(() => null, (error) => error);
      }
      assert.ok(refused instanceof DatabaseFileError, `writes refused: ${refused}`);
      await assert.rejects(putNew(store), /is damaged: SQLite found/);
    } finally {
      await store.close();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the server does not start on a damaged database and says why, naming the file", async () => {
  const { dir, path } = await library();
  try {
    scribble(path, Math.floor(Deno.statSync(path).size / 2), 20 * 1024);
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "main.ts"],
      cwd: ROOT,
      env: { PORT: "0", DATA_DIR: dir, MONGODB_URI: "" },
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    // It should exit at once; should it serve instead, it is stopped after a minute.
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    const { code, stderr } = await child.output();
    clearTimeout(timer);
    const text = new TextDecoder().decode(stderr);
    assert.equal(code, 1, text);
    assert.match(text, /^Reelfeel cannot start\.\n/);
    assert.ok(text.includes(`${path} is damaged`), text);
    assert.match(text, /What to do: stop Reelfeel and copy reelfeel\.sqlite/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
