/**
 * Crash safety: the real server is killed with SIGKILL while viewers are sending minutes;
 * after a restart every acknowledged minute is there, intact, and none twice, and once every
 * viewing is finished the film's aggregates equal a recomputation from the stored minutes.
 * On a SQLite file always; on MongoDB when MONGODB_URI names a server (a database of its own).
 */
import assert from "node:assert/strict";
import { applyAudienceShare, audienceShare } from "@/lib/rating/mod.ts";
import type { AudienceSecond, RecordedSecond } from "@/lib/recording.ts";
import { sampleSeconds } from "@/lib/demo/sample.ts";
import { uriWithDatabase } from "@/lib/mongo/uri.ts";
import { dropDatabases, mongoTestUri, testDatabaseName } from "@/tests/helpers/mongo.ts";

const ROOT = new URL("../../", import.meta.url);
const VIEWERS = 8;

/**
 * How much each viewer sends, and after how many acknowledged minutes (all viewers together)
 * the server is killed, with requests still in flight.
 */
interface Load {
  minutes: number;
  killAfter: number;
}

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

/** Where the server keeps its data: an empty MONGODB_URI keeps it on SQLite in DATA_DIR. */
interface StoreEnv {
  DATA_DIR: string;
  MONGODB_URI: string;
}

async function startServer(storeEnv: StoreEnv) {
  const port = freePort();
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "main.ts"],
    cwd: ROOT,
    env: { PORT: String(port), ...storeEnv },
    stdout: "null",
    stderr: "null",
  }).spawn();
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0;; i++) {
    try {
      const res = await fetch(`${url}/api/films`);
      await res.body?.cancel();
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    // Up to a minute: a cold start on a loaded 2-core machine can take a while.
    if (i > 1200) throw new Error("the server did not start");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { url, child };
}

interface Viewer {
  id: string;
  token: string;
  sent: Map<number, RecordedSecond[]>;
  acknowledged: Set<number>;
}

const put = (url: string, viewer: Viewer, seq: number) =>
  fetch(`${url}/api/screenings/${viewer.id}/minutes/${seq}`, {
    method: "PUT",
    headers: { "content-type": "application/json", authorization: `Bearer ${viewer.token}` },
    body: JSON.stringify({ seconds: viewer.sent.get(seq) }),
  });

/** The stored minutes of a screening, by seq, from the public JSON. */
async function storedMinutes(url: string, id: string): Promise<Map<number, RecordedSecond[]>> {
  const res = await fetch(`${url}/api/screenings/${id}`);
  assert.equal(res.status, 200);
  const body = await res.json();
  const minutes = new Map<number, RecordedSecond[]>();
  let at = 0;
  for (const { seq, count } of body.minutes as { seq: number; count: number }[]) {
    assert.ok(!minutes.has(seq), `seq ${seq} is stored twice`);
    minutes.set(seq, body.seconds.slice(at, at + count));
    at += count;
  }
  assert.equal(at, body.seconds.length, "no second outside a minute");
  return minutes;
}

async function crashAndRecover(storeEnv: StoreEnv, { minutes, killAfter }: Load) {
  let server = await startServer(storeEnv);
  try {
    const viewers: Viewer[] = [];
    for (let v = 0; v < VIEWERS; v++) {
      const res = await fetch(`${server.url}/api/screenings`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ title: "Crash Course", durationSec: 3600 }),
      });
      assert.equal(res.status, 201);
      const { id, token } = await res.json();
      viewers.push({ id, token, sent: new Map(), acknowledged: new Set() });
    }

    let acknowledged = 0;
    let failed = 0;
    const victim = server;
    await Promise.all(viewers.map(async (viewer, v) => {
      for (let seq = 0; seq < minutes; seq++) {
        viewer.sent.set(seq, sampleSeconds(v * 1000 + seq, seq * 60, 60));
        try {
          const res = await put(victim.url, viewer, seq);
          await res.body?.cancel();
          if (res.status !== 201) throw new Error(`PUT answered ${res.status}`);
          viewer.acknowledged.add(seq);
          if (++acknowledged === killAfter) victim.child.kill("SIGKILL");
        } catch {
          failed++;
          return; // the connection died with the server
        }
      }
    }));
    const status = await victim.child.status;
    assert.equal(status.signal, "SIGKILL", "the server was killed, not stopped");
    assert.ok(failed > 0, "some requests were in flight when the server died");
    assert.ok(acknowledged >= killAfter);

    server = await startServer(storeEnv);
    let stored = 0;
    for (const viewer of viewers) {
      const minutes = await storedMinutes(server.url, viewer.id);
      for (const seq of viewer.acknowledged) {
        assert.deepEqual(minutes.get(seq), viewer.sent.get(seq), `acknowledged seq ${seq} intact`);
      }
      for (const [seq, seconds] of minutes) {
        // A minute whose answer was lost in the crash may be stored too: then it is whole.
        assert.deepEqual(seconds, viewer.sent.get(seq), `stored seq ${seq} is what was sent`);
      }
      stored += minutes.size;
    }
    assert.ok(stored >= acknowledged);

    // Each page's queue retries everything it has not seen acknowledged, and more.
    const url = server.url;
    await Promise.all(viewers.map(async (viewer) => {
      for (const seq of viewer.sent.keys()) {
        const res = await put(url, viewer, seq);
        await res.body?.cancel();
        const expected = viewer.acknowledged.has(seq) ? [200] : [200, 201];
        assert.ok(expected.includes(res.status), `retry of seq ${seq}: ${res.status}`);
      }
    }));
    let slug = "";
    let expected: AudienceSecond[] = [];
    for (const viewer of viewers) {
      const minutes = await storedMinutes(server.url, viewer.id);
      assert.deepEqual([...minutes.keys()].sort((a, b) => a - b), [...viewer.sent.keys()]);
      const finish = await fetch(`${server.url}/api/screenings/${viewer.id}/finish`, {
        method: "POST",
        headers: { authorization: `Bearer ${viewer.token}` },
      });
      assert.equal(finish.status, 200);
      const finished = await finish.json();
      assert.equal(finished.summary.recordedSec, viewer.sent.size * 60);
      slug = finished.screening.film;
      const seconds = [...minutes.keys()].sort((a, b) => a - b).flatMap((seq) => minutes.get(seq)!);
      expected = applyAudienceShare(expected, audienceShare(seconds), 1);
    }
    const { film, audience } = await (await fetch(`${server.url}/api/films/${slug}`)).json();
    assert.deepEqual(audience, expected, "the audience aggregate is the stored minutes' sum");
    assert.equal(film.stats.viewings, VIEWERS);
    assert.equal(film.stats.watchSec, viewers.reduce((sum, v) => sum + v.sent.size * 60, 0));
  } finally {
    try {
      server.child.kill("SIGTERM");
    } catch {
      // already gone
    }
    await server.child.status;
  }
}

Deno.test("every acknowledged minute survives SIGKILL mid-stream on SQLite, none twice", async () => {
  const dataDir = await Deno.makeTempDir({ prefix: "reelfeel-crash-" });
  try {
    await crashAndRecover({ DATA_DIR: dataDir, MONGODB_URI: "" }, { minutes: 60, killAfter: 120 });
  } finally {
    await Deno.remove(dataDir, { recursive: true });
  }
});

const mongoUri = mongoTestUri();
Deno.test({
  name: "every acknowledged minute survives SIGKILL mid-stream on MongoDB, none twice" +
    (mongoUri ? "" : " (ignored: MONGODB_URI is not set)"),
  ignore: !mongoUri,
  async fn() {
    const dataDir = await Deno.makeTempDir({ prefix: "reelfeel-crash-" });
    const database = testDatabaseName("reelfeel_crash_test");
    try {
      // Fewer minutes: the test server (FerretDB) reads minute documents far slower than SQLite.
      await crashAndRecover(
        { DATA_DIR: dataDir, MONGODB_URI: uriWithDatabase(mongoUri!, database) },
        { minutes: 20, killAfter: 40 },
      );
    } finally {
      await dropDatabases(mongoUri!, [database]);
      await Deno.remove(dataDir, { recursive: true });
    }
  },
});
