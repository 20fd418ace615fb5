/**
 * `deno task bench rating`: time to summarise a realistic 3-hour viewing (10,800 recorded
 * seconds) and to build its audience share, median over repeated runs after a warm-up.
 */
import { audienceShare, summarizeViewing, syntheticViewing } from "../lib/rating/mod.ts";
import { type BenchResult, quantile, round } from "./_harness.ts";

const SECONDS = 10_800;
const WARMUP = 50;
const RUNS = 200;

function time(run: () => unknown): number[] {
  for (let k = 0; k < WARMUP; k++) run();
  const samples: number[] = [];
  for (let k = 0; k < RUNS; k++) {
    const t0 = performance.now();
    run();
    samples.push(performance.now() - t0);
  }
  return samples;
}

export default function rating(): Promise<BenchResult> {
  // Several different viewings, so no single input's shape is all that is measured.
  const viewings = [1, 2, 3, 4].map((seed) => syntheticViewing({ seconds: SECONDS, seed }));
  let k = 0;
  const summarize = time(() => summarizeViewing(viewings[k++ % viewings.length]));
  const share = time(() => audienceShare(viewings[k++ % viewings.length]));
  const summary = summarizeViewing(viewings[0]);
  const row = (what: string, samples: number[]) => ({
    what,
    "p50 ms": round(quantile(samples, 0.5), 2),
    "p95 ms": round(quantile(samples, 0.95), 2),
    "max ms": round(Math.max(...samples), 2),
  });
  return Promise.resolve({
    tables: [{
      title: `A 3-hour viewing (${SECONDS} s), ${RUNS} runs after ${WARMUP} warm-up runs`,
      rows: [row("summarizeViewing", summarize), row("audienceShare", share)],
    }],
    json: {
      summarize3hMs: round(quantile(summarize, 0.5), 2),
      summarize3hP95Ms: round(quantile(summarize, 0.95), 2),
      share3hMs: round(quantile(share, 0.5), 2),
      summaryJsonBytes: JSON.stringify(summary).length,
    },
    notes: [
      `target: summarizeViewing under 5 ms; the summary is ${
        JSON.stringify(summary).length
      } bytes of JSON (perSecond is most of it)`,
    ],
  });
}
