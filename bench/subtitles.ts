/**
 * `deno task bench subtitles`: parse and index a 2-hour film's `.srt` (1,500 cues, CRLF, UTF-8
 * with BOM as an editor writes it, some markup, multi-line cues). Median of repeated runs after
 * a warm-up. Target: parse + index under 20 ms.
 */
import Parser from "srt-parser-2";
import { linesBySecond, parseSubtitles } from "@/lib/subtitles/mod.ts";
import { seededRandom } from "@/lib/random.ts";
import { type BenchResult, round, type RunTimes, timeRuns } from "./_harness.ts";

const FILM_SECONDS = 2 * 3600;
const CUES = 1500;
const RUNS = { warmUp: 30, runs: 200 };

const WORDS = ("the a you I it not what we this that is was here there now never always " +
  "where café déjà vu naïve señor über straße go come look wait listen tell me him her them " +
  "night morning tomorrow yesterday door window car train station money time again please " +
  "sorry thank okay yes no maybe really right wrong home away back").split(" ");

function timestamp(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  const p = (n: number, d = 2) => String(n).padStart(d, "0");
  return `${p(Math.floor(ms / 3600000))}:${p(Math.floor(ms / 60000) % 60)}:${
    p(Math.floor(ms / 1000) % 60)
  },${p(ms % 1000, 3)}`;
}

/** A realistic 2-hour `.srt`: the bytes a viewer's file would have. */
export function twoHourSrt(): Uint8Array {
  // Seeded, so every run parses the same file.
  const rand = seededRandom(7200);
  const sentence = () => {
    const words = Array.from(
      { length: 3 + Math.floor(rand() * 6) },
      () => WORDS[Math.floor(rand() * WORDS.length)],
    );
    const text = words.join(" ");
    return text[0].toUpperCase() + text.slice(1) + (rand() < 0.2 ? "?" : ".");
  };
  const spacing = FILM_SECONDS / CUES;
  let srt = "";
  for (let i = 0; i < CUES; i++) {
    const start = i * spacing + rand() * 1.5;
    const end = start + 1.2 + rand() * (spacing - 0.5); // sometimes overlaps the next cue
    let lines = rand() < 0.35 ? [sentence(), sentence()] : [sentence()];
    if (rand() < 0.25) lines = lines.map((line) => `- ${line}`);
    const markup = rand();
    if (markup < 0.1) lines = lines.map((line) => `<i>${line}</i>`);
    else if (markup < 0.13) lines[0] = `{\\an8}${lines[0]}`;
    else if (markup < 0.15) lines[0] = `<font color="#ffff00">${lines[0]}</font>`;
    srt += `${i + 1}\r\n${timestamp(start)} --> ${timestamp(end)}\r\n${lines.join("\r\n")}\r\n\r\n`;
  }
  const body = new TextEncoder().encode(srt);
  const bytes = new Uint8Array(body.length + 3);
  bytes.set([0xef, 0xbb, 0xbf]);
  bytes.set(body, 3);
  return bytes;
}

export default function subtitles(): Promise<BenchResult> {
  const bytes = twoHourSrt();
  const cues = parseSubtitles(bytes);
  if (cues.length !== CUES) throw new Error(`parsed ${cues.length} of ${CUES} cues`);

  const both = timeRuns(() => linesBySecond(parseSubtitles(bytes), FILM_SECONDS), RUNS);
  const parse = timeRuns(() => parseSubtitles(bytes), RUNS);
  const index = timeRuns(() => linesBySecond(cues, FILM_SECONDS), RUNS);
  // For reference: srt-parser-2 alone on the decoded text (no decoding checks, no tolerance).
  const text = new TextDecoder().decode(bytes);
  const library = timeRuns(() => new Parser().fromSrt(text), RUNS);

  const row = (step: string, times: RunTimes) => ({
    step,
    "median ms": round(times.median, 2),
    "p95 ms": round(times.p95, 2),
  });
  return Promise.resolve({
    tables: [{
      title:
        `2-hour .srt: ${CUES} cues, ${bytes.length} bytes, ${RUNS.runs} runs after ${RUNS.warmUp}`,
      rows: [
        row("parse + index", both),
        row("parseSubtitles", parse),
        row("linesBySecond", index),
        row("srt-parser-2 alone", library),
      ],
    }],
    json: {
      parseAndIndexMs: round(both.median, 2),
      parseMs: round(parse.median, 2),
      indexMs: round(index.median, 2),
      srtParser2AloneMs: round(library.median, 2),
      cues: CUES,
      bytes: bytes.length,
      targetMs: 20,
    },
    notes: ["Target: parse + index under 20 ms."],
  });
}
