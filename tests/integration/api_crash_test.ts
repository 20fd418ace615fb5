/**
 * Crash safety: the real server on a SQLite file is killed with SIGKILL while viewers are
 * sending minutes; after a restart every acknowledged minute is there, intact, and none twice.
 */
import assert from "node:assert/strict";
import type { RecordedSecond } from "@/lib/recording.ts";
import { sampleSeconds } from "@/lib/demo/sample.ts";

const ROOT = new URL("../../", import.meta.url);
const VIEWERS = 8;
const MINUTES = 60;
/** Acknowledged minutes after which the server is killed, with requests still in flight. */
const KILL_AFTER = 120;

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

async function startServer(dataDir: string) {
  const port = freePort();
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "main.ts"],
    cwd: ROOT,
    // An empty MONGODB_URI keeps the server on SQLite even where the environment names MongoDB.
    env: { PORT: String(port), DATA_DIR: dataDir, MONGODB_URI: "" },
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

/** The stored minutes of a viewing, by seq, from the public JSON. */
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

Deno.test("every acknowledged minute survives SIGKILL mid-stream, and none is duplicated", async () => {
  const dataDir = await Deno.makeTempDir({ prefix: "reelfeel-crash-" });
  let server = await startServer(dataDir);
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
      for (let seq = 0; seq < MINUTES; seq++) {
        viewer.sent.set(seq, sampleSeconds(v * 1000 + seq, seq * 60, 60));
        try {
          const res = await put(victim.url, viewer, seq);
          await res.body?.cancel();
          if (res.status !== 201) throw new Error(`PUT answered ${res.status}`);
          viewer.acknowledged.add(seq);
          if (++acknowledged === KILL_AFTER) victim.child.kill("SIGKILL");
        } catch {
          failed++;
          return; // the connection died with the server
        }
      }
    }));
    const status = await victim.child.status;
    assert.equal(status.signal, "SIGKILL", "the server was killed, not stopped");
    assert.ok(failed > 0, "some requests were in flight when the server died");
    assert.ok(acknowledged >= KILL_AFTER);

    server = await startServer(dataDir);
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

    // The browser's queue retries everything it has not seen acknowledged, and more.
    for (const viewer of viewers) {
      for (const seq of viewer.sent.keys()) {
        const res = await put(server.url, viewer, seq);
        await res.body?.cancel();
        const expected = viewer.acknowledged.has(seq) ? [200] : [200, 201];
        assert.ok(expected.includes(res.status), `retry of seq ${seq}: ${res.status}`);
      }
      const minutes = await storedMinutes(server.url, viewer.id);
      assert.deepEqual([...minutes.keys()].sort((a, b) => a - b), [...viewer.sent.keys()]);
    }
    const viewer = viewers[0];
    const finish = await fetch(`${server.url}/api/screenings/${viewer.id}/finish`, {
      method: "POST",
      headers: { authorization: `Bearer ${viewer.token}` },
    });
    assert.equal(finish.status, 200);
    assert.equal((await finish.json()).summary.recordedSec, viewer.sent.size * 60);
  } finally {
    try {
      server.child.kill("SIGTERM");
    } catch {
      // already gone
    }
    await server.child.status;
    await Deno.remove(dataDir, { recursive: true });
  }
});
