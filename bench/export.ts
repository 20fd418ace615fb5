/**
 * `deno task bench export [--json] [--minutes N]`: how long the JSON and CSV exports of the
 * largest viewing the API accepts hold the event loop. A 12-hour film's viewing may hold up to
 * 1,442 minute documents (seq 0–1441) of up to 256 KB each, and at most `viewingByteLimit`
 * bytes in all (about 45 MB); every second here carries a subtitle line of 1,000 four-byte
 * characters, so each document is about 250 KB, and minutes are stored until the viewing is full.
 *
 * The app runs in this process on a SQLite file, as `main.ts` runs it, and a lag probe (a 1 ms
 * interval) records how late each tick fires while each export is downloaded over HTTP. The lag
 * is split at the response's first byte: before it, the route reads the viewing; after it, the
 * minutes are read from the store a page at a time and the export is serialised and sent.
 */
import { cpuUsage } from "node:process";
import { type BenchResult, quantile, round, type Row } from "./_harness.ts";
import { hashToken, newToken, newViewingId } from "@/lib/api/token.ts";
import { maxSeq } from "@/lib/api/minute_input.ts";
import { openCatalog } from "@/lib/catalog/open.ts";
import { DURATION_MAX_SEC } from "@/lib/film.ts";
import { LINE_MAX_CHARS, type RecordedSecond, SECONDS_PER_DOCUMENT } from "@/lib/recording.ts";
import { openStore } from "@/lib/store/open.ts";
import { createApp, loadAssets } from "@/main.ts";

/** A minute document of the largest kind: 60 seconds, each with a 1,000-character line. */
function largestMinute(seq: number, durationSec: number): RecordedSecond[] {
  const line = "🎬".repeat(LINE_MAX_CHARS); // 4 bytes each in UTF-8
  return Array.from({ length: SECONDS_PER_DOCUMENT }, (_, i) => ({
    t: (seq * SECONDS_PER_DOCUMENT + i) % (durationSec + 1),
    face: true,
    emotion: "happy",
    probs: [0.01, 0.01, 0.01, 0.9, 0.03, 0.02, 0.02],
    movement: 0.123,
    frames: 15,
    line,
  }));
}

/** The process's CPU time (user and system) in milliseconds. */
const cpuMs = () => {
  const { user, system } = cpuUsage();
  return (user + system) / 1000;
};

/**
 * Records how late a 1 ms interval fires (wall-clock lag), and the CPU time the process spent
 * between two ticks: on a machine shared with other work, the wall-clock lag also counts the
 * time the process was not running at all, while the CPU time counts only work that held the
 * loop (and the process's other threads, so it is an upper bound).
 */
function lagProbe() {
  const ticks: { at: number; lag: number; busy: number }[] = [];
  let last = performance.now();
  let lastCpu = cpuMs();
  const timer = setInterval(() => {
    const now = performance.now();
    const cpu = cpuMs();
    ticks.push({ at: now, lag: Math.max(0, now - last - 1), busy: cpu - lastCpu });
    last = now;
    lastCpu = cpu;
  }, 1);
  return {
    stop: () => clearInterval(timer),
    /** The ticks that fired in [from, to). */
    between: (from: number, to: number) => ticks.filter((t) => t.at >= from && t.at < to),
  };
}

/** Downloads `url` to the end without keeping it; the phases' times and the bytes. */
async function download(url: string) {
  const started = performance.now();
  const response = await fetch(url);
  const firstByte = performance.now();
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  let bytes = 0;
  const reader = response.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
  }
  return { started, firstByte, ended: performance.now(), bytes };
}

export default async function exportBench(args: string[]): Promise<BenchResult> {
  const durationSec = DURATION_MAX_SEC;
  const at = args.indexOf("--minutes");
  const minutes = at >= 0 ? Number(args[at + 1]) : maxSeq(durationSec) + 1;
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > maxSeq(durationSec) + 1) {
    throw new Error(`--minutes takes an integer from 1 to ${maxSeq(durationSec) + 1}`);
  }
  const dataDir = await Deno.makeTempDir({ prefix: "reelfeel-bench-export-" });
  const store = await openStore({ dataDir });
  const catalog = await openCatalog({ dataDir });
  try {
    const seedStarted = performance.now();
    const film = { title: "The Longest Film", year: 2026, durationSec };
    await store.upsertFilm("the-longest-film-2026", film, new Date());
    const id = newViewingId();
    await store.createViewing({
      id,
      film: "the-longest-film-2026",
      durationSec,
      tokenHash: hashToken(newToken()),
      now: new Date(),
    });
    let storedBytes = 0;
    let stored = 0;
    for (; stored < minutes; stored++) {
      const seconds = largestMinute(stored, durationSec);
      const result = await store.putMinute({
        screeningId: id,
        seq: stored,
        seconds,
        now: new Date(),
      });
      if (result === "full") break;
      if (result !== "created") throw new Error(`minute ${stored} was ${result}`);
      storedBytes += new TextEncoder().encode(JSON.stringify({ seconds })).byteLength;
    }
    const seedSeconds = (performance.now() - seedStarted) / 1000;

    const app = createApp({ assets: await loadAssets(), store, catalog });
    const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, app.fetch);
    const base = `http://127.0.0.1:${server.addr.port}`;
    const rows: Row[] = [];
    const json: Record<string, unknown> = {};
    try {
      for (
        const [name, path] of [["JSON", `/api/screenings/${id}`], [
          "CSV",
          `/api/screenings/${id}.csv`,
        ]]
      ) {
        const probe = lagProbe();
        const rssBefore = Deno.memoryUsage().rss;
        let rssPeak = rssBefore;
        const rss = setInterval(() => rssPeak = Math.max(rssPeak, Deno.memoryUsage().rss), 50);
        const run = await download(base + path);
        clearInterval(rss);
        probe.stop();
        const read = probe.between(run.started, run.firstByte);
        const streamed = probe.between(run.firstByte, run.ended);
        const max = (values: number[]) => round(Math.max(0, ...values));
        const row = {
          export: name,
          MB: round(run.bytes / 1e6),
          seconds: round((run.ended - run.started) / 1000),
          "read: max lag ms": max(read.map((t) => t.lag)),
          "read: max CPU ms": max(read.map((t) => t.busy)),
          "stream: max lag ms": max(streamed.map((t) => t.lag)),
          "stream: p99 lag ms": round(quantile(streamed.map((t) => t.lag), 0.99)),
          "stream: max CPU ms": max(streamed.map((t) => t.busy)),
          "peak RSS MB": round(rssPeak / 1024 / 1024),
        };
        rows.push(row);
        json[name.toLowerCase()] = {
          bytes: run.bytes,
          seconds: row.seconds,
          storeReadMaxLagMs: row["read: max lag ms"],
          storeReadMaxCpuMs: row["read: max CPU ms"],
          streamingMaxLagMs: row["stream: max lag ms"],
          streamingP99LagMs: row["stream: p99 lag ms"],
          streamingMaxCpuMs: row["stream: max CPU ms"],
          peakRssMb: row["peak RSS MB"],
        };
      }
    } finally {
      await server.shutdown();
    }
    return {
      tables: [{
        title: `Exports of a viewing of a 12-hour film: ${stored} minute documents, ` +
          `${round(storedBytes / 1e6)} MB of minute JSON; event-loop lag while each downloads`,
        rows,
      }],
      json: { minutes: stored, storedBytes, ...json },
      notes: [
        `Seeding the viewing took ${round(seedSeconds)} s (not counted).`,
        "read: the lag before the first byte, while the route reads the viewing; stream: the " +
        "lag after it, while the minutes are read a page at a time (store.minutesAfter) and " +
        "the export is built and sent minute by minute. max CPU ms: the most CPU time the process spent " +
        "between two ticks of the probe (the lag without the time other processes took).",
      ],
    };
  } finally {
    await store.close();
    await catalog.close();
    await Deno.remove(dataDir, { recursive: true });
  }
}
