/**
 * Highlights exports, made in the browser and downloaded, nothing sent anywhere: a WebVTT
 * chapters file (one chapter per segment, on the film's own timeline), the segments as JSON,
 * and a POSIX shell script of ffmpeg commands that cuts `<film>_highlights.mp4` from the
 * viewer's own copy of the film.
 */
import { clock } from "@/lib/dashboards/format.ts";
import { type Expression, EXPRESSIONS, isExpression } from "@/lib/recording.ts";
import { toWebVTT } from "@/lib/subtitles/webvtt.ts";
import { commentText, shellQuote } from "./shell.ts";
import { DEFAULT_MOMENT_OPTIONS, totalLength } from "./segments.ts";
import type { MomentOptions, MomentSource, Segment } from "./types.ts";

/** "happy" → "Happy". */
export function expressionName(expression: Expression): string {
  return expression.charAt(0).toUpperCase() + expression.slice(1);
}

/**
 * What a segment showed: its expression ("Happy"), or its mix when it is mixed
 * ("Happy 60% + sad 40%").
 */
export function segmentName(segment: Segment): string {
  if (!segment.mix || segment.mix.length < 2) return expressionName(segment.expression);
  const text = segment.mix.map((m) => `${m.expression} ${Math.round(m.share * 100)}%`).join(" + ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A segment's title: what it showed and its span, e.g. "Happy · 0:42–0:58". */
export function segmentTitle(segment: Segment): string {
  return `${segmentName(segment)} · ${clock(segment.start)}–${clock(segment.end)}`;
}

/**
 * A WebVTT chapters file (`<track kind="chapters">`): one cue per segment, on the film's own
 * timeline, titled by `segmentTitle`.
 */
export function chaptersVtt(segments: readonly Segment[]): string {
  return toWebVTT(segments.map((s) => ({ start: s.start, end: s.end, text: segmentTitle(s) })));
}

/** Everything the JSON export holds: what was chosen, how, and the segments. */
export interface MomentsDocument {
  format: "reelfeel-moments";
  version: 1;
  film: {
    slug: string;
    title: string;
    /** The length of the viewer's file in seconds, which clamps the padding. */
    durationSec: number;
  };
  /** Whose reactions: one viewing's or the audience's. */
  source: MomentSource;
  /** The viewing, for `source: "viewing"`; else null. */
  screeningId: string | null;
  /** The expressions chosen, in EXPRESSIONS order. */
  expressions: Expression[];
  options: MomentOptions;
  /** Audience seconds with fewer viewers were left out (1 for a viewing). */
  minViewers: number;
  segments: Segment[];
}

/** The JSON export's text (two-space indented). */
export function momentsJson(doc: MomentsDocument): string {
  return JSON.stringify(doc, null, 2) + "\n";
}

/** Thrown by `parseMomentsJson` for a file that is not a moments export. */
export class MomentsFormatError extends Error {
  override name = "MomentsFormatError";
}

const OPTION_KEYS = [
  "gapToleranceSec",
  "minLengthSec",
  "padBeforeSec",
  "padAfterSec",
  "audienceShare",
] as const;
/** Options added later: a file written before them reads with their defaults. */
const LATER_OPTION_KEYS = ["maxLengthSec", "standOut"] as const;

function fail(message: string): never {
  throw new MomentsFormatError(`Not a Reelfeel moments file: ${message}`);
}

function record(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    fail(`${what} must be an object`);
  }
  return value as Record<string, unknown>;
}

function number(value: unknown, what: string): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    fail(`${what} must be a number ≥ 0`);
  }
  return value;
}

function string(value: unknown, what: string): string {
  if (typeof value !== "string") fail(`${what} must be text`);
  return value;
}

/** Reads a JSON export back, checking every field (MomentsFormatError when one is wrong). */
export function parseMomentsJson(text: string): MomentsDocument {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    fail("it is not JSON");
  }
  const o = record(raw, "the file");
  if (o.format !== "reelfeel-moments") fail('"format" must be "reelfeel-moments"');
  if (o.version !== 1) fail(`version ${JSON.stringify(o.version)} is not supported`);
  const film = record(o.film, "film");
  if (o.source !== "viewing" && o.source !== "audience") {
    fail('source must be "viewing" or "audience"');
  }
  if (o.screeningId !== null && typeof o.screeningId !== "string") {
    fail("screeningId must be text or null");
  }
  if (!Array.isArray(o.expressions) || !o.expressions.every(isExpression)) {
    fail(`expressions must be a list of ${EXPRESSIONS.join(", ")}`);
  }
  const options = record(o.options, "options");
  if (!Array.isArray(o.segments)) fail("segments must be a list");
  const segments = o.segments.map((value, i): Segment => {
    const s = record(value, `segments[${i}]`);
    const start = number(s.start, `segments[${i}].start`);
    const end = number(s.end, `segments[${i}].end`);
    if (end <= start) fail(`segments[${i}] must end after it starts`);
    if (!isExpression(s.expression)) fail(`segments[${i}].expression is not an expression`);
    const confidence = number(s.confidence, `segments[${i}].confidence`);
    if (s.mix === undefined) return { start, end, expression: s.expression, confidence };
    if (!Array.isArray(s.mix)) fail(`segments[${i}].mix must be a list`);
    const mix = s.mix.map((m, j) => {
      const part = record(m, `segments[${i}].mix[${j}]`);
      if (!isExpression(part.expression)) fail(`segments[${i}].mix[${j}] is not an expression`);
      return { expression: part.expression, share: number(part.share, `segments[${i}].mix[${j}]`) };
    });
    return { start, end, expression: s.expression, confidence, mix };
  });
  return {
    format: "reelfeel-moments",
    version: 1,
    film: {
      slug: string(film.slug, "film.slug"),
      title: string(film.title, "film.title"),
      durationSec: number(film.durationSec, "film.durationSec"),
    },
    source: o.source,
    screeningId: o.screeningId as string | null,
    expressions: o.expressions as Expression[],
    options: Object.fromEntries([
      ...OPTION_KEYS.map((key) => [key, number(options[key], `options.${key}`)]),
      ...LATER_OPTION_KEYS.map((key) => [
        key,
        options[key] === undefined
          ? DEFAULT_MOMENT_OPTIONS[key]
          : number(options[key], `options.${key}`),
      ]),
    ]) as unknown as MomentOptions,
    minViewers: number(o.minViewers, "minViewers"),
    segments,
  };
}

/** A file name without its extension ("My film.mkv" → "My film"); "film" when nothing is left. */
export function fileStem(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, "");
  const stem = base.replace(/\.[^.]*$/, "");
  return stem.trim() ? stem : base.trim() ? base : "film";
}

/** The highlights file the script writes next to the film: "<film>_highlights.mp4". */
export function highlightsFileName(fileName: string): string {
  return `${fileStem(fileName)}_highlights.mp4`;
}

/** A download name made of `fileName`'s stem: characters file systems refuse become "_". */
export function downloadName(fileName: string, suffix: string): string {
  // deno-lint-ignore no-control-regex
  const safe = fileStem(fileName).replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, "_").slice(0, 120);
  return `${safe || "film"}${suffix}`;
}

/** Seconds for ffmpeg's command line: plain decimal, at most millisecond precision. */
export function ffmpegTime(seconds: number): string {
  return String(Math.round(seconds * 1000) / 1000);
}

/** The encoding of each part: H.264 + AAC in MP4, which every player reads. */
export const REENCODE_ARGS =
  "-c:v libx264 -preset veryfast -crf 20 -pix_fmt yuv420p -c:a aac -b:a 160k";

export interface FfmpegScriptInput {
  /** The name of the viewer's film file (it stays on their disk; the script runs beside it). */
  fileName: string;
  /** The film's title, for the script's comments. */
  title: string;
  /** What the segments are of, for the comments: e.g. "this viewing". */
  sourceLabel: string;
  expressions: readonly Expression[];
  segments: readonly Segment[];
}

/**
 * A POSIX shell script of ffmpeg commands that cuts the segments out of the viewer's film file
 * and joins them into `<film>_highlights.mp4` beside it. Each part is cut with an input seek
 * (`-ss` before `-i`, fast) and re-encoded, which keeps the cut exact to the frame; stream copy
 * (`-c copy`) would be far faster but can only cut at keyframes, often seconds away, so it is
 * offered in a comment rather than used. Parts are joined with the concat demuxer, without a
 * second encode. File names are single-quoted (`shellQuote`) and prefixed with "./" so that no
 * name is read as an option or a protocol; user text in comments is kept on its line.
 */
export function ffmpegScript(input: FfmpegScriptInput): string {
  const { segments } = input;
  const out = highlightsFileName(input.fileName);
  const n = segments.length;
  const lines = [
    "#!/bin/sh",
    `# Reelfeel highlights of ${commentText(input.title)}: ${n} moment${n === 1 ? "" : "s"} (${
      input.expressions.join(", ")
    }) of ${commentText(input.sourceLabel)}, ${clock(totalLength(segments))} in all.`,
    "# Run it in the folder that holds the film file, with ffmpeg installed (https://ffmpeg.org):",
    `#   sh ${commentText(shellQuote(downloadName(input.fileName, "_highlights.sh")))}`,
    `# It writes ${commentText(out)} beside the film and leaves the film untouched.`,
    "#",
    "# Each moment is re-encoded (H.264 + AAC) so that it starts and ends exactly where it should.",
    `# For a much faster cut, replace "${REENCODE_ARGS}" with "-c copy"`,
    "# in the cuts below: cuts then fall on keyframes (often seconds early) and the film's codecs",
    "# must suit MP4.",
    "set -eu",
    `in=${shellQuote(`./${input.fileName}`)}`,
    `out=${shellQuote(`./${out}`)}`,
    `[ -f "$in" ] || { printf '%s\\n' "Cannot find $in: run this in the folder that holds the film." >&2; exit 1; }`,
  ];
  if (n === 0) {
    lines.push(`printf '%s\\n' "No moment was chosen: nothing to cut." >&2`, "exit 1");
    return lines.join("\n") + "\n";
  }
  lines.push(
    "tmp=$(mktemp -d)",
    `trap 'rm -rf "$tmp"' EXIT`,
    "trap 'exit 130' INT TERM",
  );
  const parts: string[] = [];
  segments.forEach((segment, i) => {
    const part = `part-${String(i + 1).padStart(3, "0")}.mp4`;
    parts.push(part);
    lines.push(
      `# ${i + 1}. ${segmentTitle(segment)}`,
      `ffmpeg -nostdin -hide_banner -loglevel error -y -ss ${ffmpegTime(segment.start)} -i "$in" ` +
        `-t ${ffmpegTime(segment.end - segment.start)} -map 0:v:0 -map '0:a:0?' ` +
        `${REENCODE_ARGS} "$tmp/${part}"`,
    );
  });
  lines.push(
    "# Join the parts (they share one encoding, so no second encode).",
    `printf "file '%s'\\n" ${parts.join(" ")} > "$tmp/list.txt"`,
    `ffmpeg -nostdin -hide_banner -loglevel error -y -f concat -safe 0 -i "$tmp/list.txt" -c copy -movflags +faststart "$out"`,
    `printf '%s\\n' "Wrote $out"`,
  );
  return lines.join("\n") + "\n";
}

/** The three highlights files, in the order the page offers them. */
export const HIGHLIGHTS_FILES = [
  { kind: "vtt", label: "Chapters (WebVTT)", suffix: "_moments.vtt", type: "text/vtt" },
  { kind: "json", label: "Segments (JSON)", suffix: "_moments.json", type: "application/json" },
  { kind: "sh", label: "ffmpeg script", suffix: "_highlights.sh", type: "text/x-shellscript" },
] as const;

export type HighlightsKind = typeof HIGHLIGHTS_FILES[number]["kind"];

/**
 * Everything a highlights file is made of: the JSON export's fields (its `screeningId` is
 * kept only for `source: "viewing"`), the viewer's file name (the exports are named after it)
 * and what the segments are of, in words ("this viewing").
 */
export interface HighlightsInput extends Omit<MomentsDocument, "format" | "version"> {
  fileName: string;
  sourceLabel: string;
}

/** One highlights file: its download name, its text and its media type. */
export function highlightsFile(
  kind: HighlightsKind,
  input: HighlightsInput,
): { fileName: string; text: string; type: string } {
  const file = HIGHLIGHTS_FILES.find((f) => f.kind === kind)!;
  const text = kind === "vtt" ? chaptersVtt(input.segments) : kind === "json"
    ? momentsJson({
      format: "reelfeel-moments",
      version: 1,
      film: input.film,
      source: input.source,
      screeningId: input.source === "viewing" ? input.screeningId : null,
      expressions: input.expressions,
      options: { ...input.options },
      minViewers: input.minViewers,
      segments: input.segments,
    })
    : ffmpegScript({
      fileName: input.fileName,
      title: input.film.title,
      sourceLabel: input.sourceLabel,
      expressions: input.expressions,
      segments: input.segments,
    });
  return { fileName: downloadName(input.fileName, file.suffix), text, type: file.type };
}
