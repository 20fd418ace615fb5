import assert from "node:assert/strict";
import { ALIVE_AFTER_MS, KeepAlive } from "./keep_alive.ts";

/** A keep-alive on a clock the test moves, checked every 30 s of it. */
function paused(send: () => Promise<unknown>) {
  let now = 0;
  const alive = new KeepAlive({ send, now: () => now });
  alive.start();
  alive.stop(); // the test calls check() itself
  return {
    alive,
    async advance(ms: number) {
      for (const end = now + ms; now < end;) {
        now = Math.min(end, now + 30_000);
        await alive.check();
      }
    },
  };
}

Deno.test("keep-alive: a film paused for two hours says so every five minutes, no more", async () => {
  let calls = 0;
  const { advance } = paused(() => Promise.resolve(calls++));
  await advance(ALIVE_AFTER_MS - 30_000);
  assert.equal(calls, 0, "nothing in the first five minutes of silence");
  await advance(2 * 3600_000);
  // 2 h 4.5 min of silence: one call at each 5-minute mark, 24 in all; the server's 30 idle
  // minutes are never reached.
  assert.equal(calls, 24);
});

Deno.test("keep-alive: minutes stored are contact enough; nothing is sent while they flow", async () => {
  let calls = 0;
  const { alive, advance } = paused(() => Promise.resolve(calls++));
  for (let minute = 0; minute < 30; minute++) {
    await advance(60_000);
    alive.heard();
  }
  assert.equal(calls, 0);
});

Deno.test("keep-alive: a refused or failing call changes nothing and is tried after the same silence", async () => {
  let calls = 0;
  const { advance } = paused(() => {
    calls++;
    return Promise.reject(new Error("404"));
  });
  await advance(ALIVE_AFTER_MS);
  assert.equal(calls, 1);
  await advance(60_000);
  assert.equal(calls, 1, "not at every check");
  await advance(ALIVE_AFTER_MS);
  assert.equal(calls, 2);
});
