/**
 * `deno task bench rating`: time to summarise a realistic 3-hour viewing (10,800 recorded
 * seconds) and to build its audience share, and to fit the personal model on 1,000 viewings
 * with verdicts (leave-one-out included, as the fit computes it); medians over repeated runs
 * after a warm-up.
 */
import {
  audienceShare,
  fitPersonalModel,
  roundVerdict,
  summarizeViewing,
  type VerdictExample,
} from "@/lib/rating/mod.ts";
import { type BenchResult, round, type RunTimes, timeRuns } from "./_harness.ts";
import { syntheticViewing } from "@/lib/demo/synthetic.ts";
import { gaussianFrom, seededRandom } from "@/lib/random.ts";

const SECONDS = 10_800;
const RUNS = { warmUp: 50, runs: 200 };
const MODEL_VIEWINGS = 1000;
const MODEL_RUNS = { warmUp: 10, runs: 50 };

/** 1,000 viewings of 10–30 minutes with verdicts that follow their rating, plus noise. */
function verdictExamples(): VerdictExample[] {
  const random = seededRandom(99);
  return Array.from({ length: MODEL_VIEWINGS }, (_, i) => {
    const summary = summarizeViewing(syntheticViewing({
      seconds: 600 + Math.floor(random() * 1200),
      seed: 10_000 + i,
      lookAway: random() * 0.03,
    }));
    const verdict = roundVerdict(5.5 + 0.2 * (summary.rating - 65) + 0.8 * gaussianFrom(random));
    return { id: `v${i}`, summary, verdict };
  });
}

export default function rating(): Promise<BenchResult> {
  // Several different viewings, so no single input's shape is all that is measured.
  const viewings = [1, 2, 3, 4].map((seed) => syntheticViewing({ seconds: SECONDS, seed }));
  let k = 0;
  const summarize = timeRuns(() => summarizeViewing(viewings[k++ % viewings.length]), RUNS);
  const share = timeRuns(() => audienceShare(viewings[k++ % viewings.length]), RUNS);
  const summaryBytes = JSON.stringify(summarizeViewing(viewings[0])).length;
  const examples = verdictExamples();
  const fit = timeRuns(() => fitPersonalModel(examples), MODEL_RUNS);
  const model = fitPersonalModel(examples);
  const row = (what: string, times: RunTimes) => ({
    what,
    "median ms": round(times.median, 2),
    "p95 ms": round(times.p95, 2),
    "max ms": round(times.max, 2),
  });
  return Promise.resolve({
    tables: [{
      title: `A 3-hour viewing (${SECONDS} s), ${RUNS.runs} runs after ${RUNS.warmUp} warm-up ` +
        `runs; the personal model on ${MODEL_VIEWINGS} viewings, ${MODEL_RUNS.runs} runs`,
      rows: [
        row("summarizeViewing", summarize),
        row("audienceShare", share),
        row("fitPersonalModel (1,000)", fit),
      ],
    }],
    json: {
      summarize3hMs: round(summarize.median, 2),
      summarize3hP95Ms: round(summarize.p95, 2),
      share3hMs: round(share.median, 2),
      summaryJsonBytes: summaryBytes,
      fit1000Ms: round(fit.median, 2),
      fit1000P95Ms: round(fit.p95, 2),
      fit1000LooMae: model.looMae,
      fit1000BaselineMae: model.baselineMae,
    },
    notes: [
      `target: summarizeViewing under 5 ms; the summary is ${summaryBytes} bytes of JSON ` +
      `(perSecond is most of it)`,
      `target: fitting the personal model on ${MODEL_VIEWINGS} viewings under 50 ms ` +
      `(leave-one-out by the hat matrix's diagonal, not 1,000 refits); its leave-one-out ` +
      `error ${model.looMae} against the mean's ${model.baselineMae}`,
    ],
  });
}
