/**
 * `deno task bench rating`: time to summarise a realistic 3-hour viewing (10,800 recorded
 * seconds) and to build its audience share, median over repeated runs after a warm-up.
 */
import { audienceShare, summarizeViewing } from "@/lib/rating/mod.ts";
import { type BenchResult, round, type RunTimes, timeRuns } from "./_harness.ts";
import { syntheticViewing } from "@/lib/demo/synthetic.ts";

const SECONDS = 10_800;
const RUNS = { warmUp: 50, runs: 200 };

export default function rating(): Promise<BenchResult> {
  // Several different viewings, so no single input's shape is all that is measured.
  const viewings = [1, 2, 3, 4].map((seed) => syntheticViewing({ seconds: SECONDS, seed }));
  let k = 0;
  const summarize = timeRuns(() => summarizeViewing(viewings[k++ % viewings.length]), RUNS);
  const share = timeRuns(() => audienceShare(viewings[k++ % viewings.length]), RUNS);
  const summaryBytes = JSON.stringify(summarizeViewing(viewings[0])).length;
  const row = (what: string, times: RunTimes) => ({
    what,
    "median ms": round(times.median, 2),
    "p95 ms": round(times.p95, 2),
    "max ms": round(times.max, 2),
  });
  return Promise.resolve({
    tables: [{
      title: `A 3-hour viewing (${SECONDS} s), ${RUNS.runs} runs after ${RUNS.warmUp} warm-up runs`,
      rows: [row("summarizeViewing", summarize), row("audienceShare", share)],
    }],
    json: {
      summarize3hMs: round(summarize.median, 2),
      summarize3hP95Ms: round(summarize.p95, 2),
      share3hMs: round(share.median, 2),
      summaryJsonBytes: summaryBytes,
    },
    notes: [
      `target: summarizeViewing under 5 ms; the summary is ${summaryBytes} bytes of JSON ` +
      `(perSecond is most of it)`,
    ],
  });
}
