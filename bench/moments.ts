/**
 * `deno task bench moments`: what the moments player computes in the browser for a 3-hour film
 * (10,800 seconds) — a viewing's track, the chips' counts (seven extractions), the segments of
 * a choice, the three exports — and the audience's track from 40 viewings' aggregate, plus the
 * size of `GET /api/films/:slug/audience` for it. Median and p95 over repeated runs.
 */
import {
  audienceTrack,
  chaptersVtt,
  DEFAULT_MOMENT_OPTIONS,
  expressionCounts,
  extractSegments,
  ffmpegScript,
  momentsJson,
  viewingTrack,
} from "@/lib/moments/mod.ts";
import { applyAudienceShare, audienceShare } from "@/lib/rating/mod.ts";
import type { AudienceSecond } from "@/lib/recording.ts";
import { type BenchResult, round, type RunTimes, timeRuns } from "./_harness.ts";
import { syntheticViewing } from "@/lib/demo/synthetic.ts";

const SECONDS = 10_800;
const VIEWERS = 40;
const WARMUP = 20;
const RUNS = 100;
const CHOICE = ["happy", "surprise", "sad", "angry", "fear", "disgust"] as const;

const time = (run: () => unknown) => timeRuns(run, { warmUp: WARMUP, runs: RUNS });

export default async function moments(): Promise<BenchResult> {
  const viewings = Array.from(
    { length: VIEWERS },
    (_, seed) => syntheticViewing({ seconds: SECONDS, seed: seed + 1 }),
  );
  let aggregate: AudienceSecond[] = [];
  for (const v of viewings) aggregate = applyAudienceShare(aggregate, audienceShare(v), 1);
  const viewing = viewingTrack(viewings[0]);
  const audience = audienceTrack(aggregate);
  const segments = extractSegments(viewing, CHOICE, SECONDS);
  const audienceSegments = extractSegments(audience, CHOICE, SECONDS);
  const exports = () => {
    chaptersVtt(segments);
    momentsJson({
      format: "reelfeel-moments",
      version: 1,
      film: { slug: "bench", title: "Bench", durationSec: SECONDS },
      source: "viewing",
      screeningId: null,
      expressions: [...CHOICE],
      options: { ...DEFAULT_MOMENT_OPTIONS },
      minViewers: 1,
      segments,
    });
    ffmpegScript({
      fileName: "Bench film.mkv",
      title: "Bench",
      sourceLabel: "this viewing",
      expressions: CHOICE,
      segments,
    });
  };
  const row = (what: string, times: RunTimes) => ({
    what,
    "p50 ms": round(times.median, 2),
    "p95 ms": round(times.p95, 2),
  });
  const rows = [
    row("viewingTrack (one viewing)", time(() => viewingTrack(viewings[0]))),
    row("expressionCounts (viewing)", time(() => expressionCounts(viewing, SECONDS))),
    row(
      "extractSegments (viewing, 6 chosen)",
      time(() => extractSegments(viewing, CHOICE, SECONDS)),
    ),
    row("exports (vtt + json + ffmpeg)", time(exports)),
    row(`audienceTrack (${VIEWERS} viewers)`, time(() => audienceTrack(aggregate))),
    row("expressionCounts (audience)", time(() => expressionCounts(audience, SECONDS))),
  ];
  const body = JSON.stringify({
    seconds: aggregate.map(({ t, viewers, faces, counts }) => ({ t, viewers, faces, counts })),
  });
  const raw = new TextEncoder().encode(body).byteLength;
  const gzip = (await new Response(
    new Blob([body]).stream().pipeThrough(new CompressionStream("gzip")),
  ).arrayBuffer()).byteLength;
  const sizes = {
    "viewing segments": segments.length,
    "audience segments": audienceSegments.length,
    "audience JSON KB": round(raw / 1024, 1),
    "audience JSON gzip KB": round(gzip / 1024, 1),
  };
  return {
    tables: [
      { title: `A 3-hour film (${SECONDS} s), ${RUNS} runs after ${WARMUP} warm-up runs`, rows },
      { title: "Sizes", rows: [sizes] },
    ],
    json: { rows, sizes },
  };
}
