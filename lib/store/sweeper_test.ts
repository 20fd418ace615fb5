import assert from "node:assert/strict";
import type { Store } from "./port.ts";
import { startIdleSweeper } from "./sweeper.ts";

/** A store whose sweeps finish only when the test says so. */
function slowStore() {
  const calls: { idleMs: number; finish: (ids: string[]) => void; fail: (e: Error) => void }[] = [];
  const store = {
    finishIdleViewings: (_now: Date, idleMs: number) =>
      new Promise<string[]>((finish, fail) => calls.push({ idleMs, finish, fail })),
  } as unknown as Store;
  return { store, calls };
}

Deno.test("one sweep at a time, and stop waits for the one under way", async () => {
  const { store, calls } = slowStore();
  const sweeper = startIdleSweeper(store, { everyMs: 3_600_000, idleMs: 5 });
  const first = sweeper.sweep();
  assert.equal(sweeper.sweep(), first, "a second sweep joins the one under way");
  assert.equal(calls.length, 1);
  assert.equal(calls[0].idleMs, 5);
  let stopped = false;
  const stopping = sweeper.stop().then(() => stopped = true);
  // A macrotask turn runs every pending microtask: had stop not waited, it would be done.
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.equal(stopped, false, "stop waits while a sweep is under way");
  calls[0].finish(["a"]);
  await stopping;
  assert.deepEqual(await first, ["a"]);
});

Deno.test("a failed sweep is logged and resolves to nothing; the next one runs", async () => {
  const { store, calls } = slowStore();
  const sweeper = startIdleSweeper(store, { everyMs: 3_600_000 });
  const errors: unknown[] = [];
  const log = console.error;
  console.error = (...args: unknown[]) => errors.push(args);
  try {
    const failed = sweeper.sweep();
    calls[0].fail(new Error("database gone"));
    assert.deepEqual(await failed, []);
    assert.equal(errors.length, 1);
    const next = sweeper.sweep();
    assert.equal(calls.length, 2);
    calls[1].finish([]);
    assert.deepEqual(await next, []);
  } finally {
    console.error = log;
    await sweeper.stop();
  }
});
