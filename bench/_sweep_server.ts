/**
 * The app for `bench/sweep.ts`, in its own process: serves `DATA_DIR` on `PORT`, prints one JSON
 * line when ready, and runs one idle sweep each time a line `sweep` arrives on stdin, printing
 * how long it took and the longest the event loop went without a turn meanwhile.
 */
import { createApp, loadAssets } from "@/main.ts";
import { openMemoryCatalog } from "@/lib/catalog/open.ts";
import { openStore } from "@/lib/store/open.ts";
import { startIdleSweeper } from "@/lib/store/sweeper.ts";

const store = await openStore({ dataDir: Deno.env.get("DATA_DIR")! });
const catalog = openMemoryCatalog();
const app = createApp({ assets: await loadAssets(), store, catalog });
const server = Deno.serve(
  { port: Number(Deno.env.get("PORT")), hostname: "127.0.0.1", onListen() {} },
  app.fetch,
);
// The timer never fires during a bench: sweeps run when asked.
const sweeper = startIdleSweeper(store, { everyMs: 24 * 3_600_000 });
console.log(JSON.stringify({ ready: true }));

const lines = Deno.stdin.readable.pipeThrough(new TextDecoderStream());
let pending = "";
for await (const chunk of lines) {
  pending += chunk;
  let newline;
  while ((newline = pending.indexOf("\n")) >= 0) {
    const command = pending.slice(0, newline).trim();
    pending = pending.slice(newline + 1);
    if (command !== "sweep") continue;
    // The event loop's longest gap between two turns, from a 1 ms timer.
    let last = performance.now();
    let maxStallMs = 0;
    const monitor = setInterval(() => {
      const now = performance.now();
      maxStallMs = Math.max(maxStallMs, now - last);
      last = now;
    }, 1);
    const started = performance.now();
    const swept = await sweeper.sweep();
    const sweepMs = performance.now() - started;
    clearInterval(monitor);
    console.log(JSON.stringify({ swept: swept.length, sweepMs, maxStallMs }));
  }
}
await sweeper.stop();
await server.shutdown();
await store.close();
await catalog.close();
