/**
 * Fuzzing parseSubtitles with 10,000 random and mutated inputs from a seeded PRNG (set
 * SUBTITLE_FUZZ_SEED to explore other seeds; a failure prints its seed and case number). Each
 * input gives sane cues or a SubtitleError (never an internal one), within a time bound that
 * guards against hangs (it is not a speed target: see `deno task bench subtitles`).
 */
import assert from "node:assert/strict";
import { type Cue, linesBySecond, parseSubtitles, SubtitleError, toWebVTT } from "./mod.ts";
import { seededRandom } from "@/lib/random.ts";

const CASES = 10_000;
// A hang guard, not a speed target: inputs take a few milliseconds, a hang takes seconds, and a
// loaded 2-core machine must not turn a GC pause into a failure.
const TIME_BOUND_MS = 1000;
const SEED = Number(Deno.env.get("SUBTITLE_FUZZ_SEED") ?? 0x5eed5);

const dir = new URL("../../tests/fixtures/subtitles/", import.meta.url);
const fixtures = [...Deno.readDirSync(dir)]
  .map((entry) => entry.name)
  .sort()
  .map((name) => Deno.readFileSync(new URL(name, dir)));

// Pieces of subtitle syntax, so random text often comes close to valid.
const TOKENS = [
  "1",
  "42",
  "00:00:01,000",
  "0:0:1.5",
  "123:45:67,8901",
  "99999999999999999999:00:00,000",
  " --> ",
  "-->",
  "->",
  ":",
  ",",
  ".",
  "\n",
  "\r\n",
  "\r",
  "\n\n",
  " ",
  "\t",
  "<i>",
  "</i>",
  "<font color=red>",
  "{\\an8}",
  "&amp;",
  "&#1114112;",
  "&#xD800;",
  "WEBVTT",
  "NOTE",
  "é",
  "字",
  "\u0000",
  "\uFEFF",
  "X1:1",
  "<00:01.000>",
  "<",
  ">",
  "{",
  "}",
  "&",
];

type Mutation = (bytes: Uint8Array, rand: () => number) => Uint8Array;
const int = (rand: () => number, n: number) => Math.floor(rand() * n);
const encoder = new TextEncoder();

function lines(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a) {
      out.push(bytes.subarray(start, i + 1));
      start = i + 1;
    }
  }
  out.push(bytes.subarray(start));
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const MUTATIONS: Record<string, Mutation> = {
  flipBytes(bytes, rand) {
    const out = bytes.slice();
    for (let k = 1 + int(rand, 8); k > 0 && out.length; k--) {
      out[int(rand, out.length)] = int(rand, 256);
    }
    return out;
  },
  truncate: (bytes, rand) => bytes.slice(0, int(rand, bytes.length + 1)),
  duplicateLine(bytes, rand) {
    const ls = lines(bytes);
    const i = int(rand, ls.length);
    const copies = Array.from({ length: 1 + int(rand, rand() < 0.05 ? 500 : 3) }, () => ls[i]);
    return concat([...ls.slice(0, i), ...copies, ...ls.slice(i)]);
  },
  deleteLine(bytes, rand) {
    const ls = lines(bytes);
    ls.splice(int(rand, ls.length), 1 + int(rand, 3));
    return concat(ls);
  },
  swapLines(bytes, rand) {
    const ls = lines(bytes);
    const i = int(rand, ls.length);
    const j = int(rand, ls.length);
    [ls[i], ls[j]] = [ls[j], ls[i]];
    return concat(ls);
  },
  hugeNumber(bytes, rand) {
    const text = new TextDecoder("latin1").decode(bytes);
    const digits = rand() < 0.5 ? "9".repeat(5 + int(rand, 5000)) : String(Number.MAX_VALUE);
    const runs = [...text.matchAll(/\d+/g)];
    if (runs.length === 0) return encoder.encode(digits + text);
    const run = runs[int(rand, runs.length)];
    const at = run.index!;
    return encoder.encode(text.slice(0, at) + digits + text.slice(at + run[0].length));
  },
  insertGarbage(bytes, rand) {
    const at = int(rand, bytes.length + 1);
    const garbage = Uint8Array.from({ length: 1 + int(rand, 64) }, () => int(rand, 256));
    return concat([bytes.subarray(0, at), garbage, bytes.subarray(at)]);
  },
  insertTokens(bytes, rand) {
    const at = int(rand, bytes.length + 1);
    const text = Array.from({ length: 1 + int(rand, 12) }, () => TOKENS[int(rand, TOKENS.length)]);
    return concat([bytes.subarray(0, at), encoder.encode(text.join("")), bytes.subarray(at)]);
  },
  splice(bytes, rand) {
    const other = fixtures[int(rand, fixtures.length)];
    return concat([
      bytes.subarray(0, int(rand, bytes.length + 1)),
      other.subarray(int(rand, other.length + 1)),
    ]);
  },
  prependBom(bytes, rand) {
    const boms = [[0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff]];
    return concat([Uint8Array.from(boms[int(rand, boms.length)]), bytes]);
  },
};
const MUTATION_NAMES = Object.keys(MUTATIONS);

interface Case {
  input: string | Uint8Array;
  how: string;
}

function makeCase(rand: () => number): Case {
  const kind = rand();
  if (kind < 0.08) {
    const bytes = Uint8Array.from({ length: int(rand, 3000) }, () => int(rand, 256));
    return { input: bytes, how: "random bytes" };
  }
  if (kind < 0.18) {
    const text = Array.from({ length: int(rand, 400) }, () => TOKENS[int(rand, TOKENS.length)]);
    return { input: text.join(""), how: "random tokens" };
  }
  let bytes: Uint8Array = fixtures[int(rand, fixtures.length)];
  const applied: string[] = [];
  for (let n = 1 + int(rand, 3); n > 0; n--) {
    const name = MUTATION_NAMES[int(rand, MUTATION_NAMES.length)];
    bytes = MUTATIONS[name](bytes, rand);
    applied.push(name);
  }
  const asText = rand() < 0.2;
  return {
    input: asText ? new TextDecoder().decode(bytes) : bytes,
    how: `fixture mutated by ${applied.join(", ")}${asText ? ", as text" : ""}`,
  };
}

function checkCues(cues: Cue[]): void {
  assert.ok(Array.isArray(cues));
  for (let i = 0; i < cues.length; i++) {
    const { start, end, text } = cues[i];
    assert.ok(Number.isFinite(start) && Number.isFinite(end), `cue ${i} has finite times`);
    assert.ok(start >= 0 && start <= end, `cue ${i}: 0 ≤ start ≤ end (${start}, ${end})`);
    assert.ok(typeof text === "string" && text.length > 0 && text === text.trim(), `cue ${i} text`);
    if (i > 0) assert.ok(cues[i - 1].start <= start, `cue ${i} sorted by start`);
  }
}

// A timing line as toWebVTT writes it; every other non-blank line is cue text.
const VTT_TIMING = /^\d{2,}:\d{2}:\d{2}\.\d{3} --> \d{2,}:\d{2}:\d{2}\.\d{3}$/;

function checkWebVTT(cues: Cue[]): void {
  const vttLines = toWebVTT(cues).split("\n");
  assert.equal(vttLines[0], "WEBVTT");
  let timings = 0;
  for (const line of vttLines.slice(1)) {
    if (VTT_TIMING.test(line)) timings++;
    else {assert.ok(
        !line.includes("-->") && !line.includes("<"),
        `cue text ${JSON.stringify(line)}`,
      );}
  }
  const shown = cues.filter((c) => Math.round(c.end * 1000) > Math.round(c.start * 1000)).length;
  assert.equal(timings, shown, "one timing line per cue a player can show");
}

Deno.test(`fuzz: ${CASES} random and mutated inputs give cues or a SubtitleError, in time`, () => {
  const rand = seededRandom(SEED);
  const outcomes: Record<string, number> = { cues: 0 };
  let slowest = 0;
  for (let n = 0; n < CASES; n++) {
    const { input, how } = makeCase(rand);
    const where = `case ${n} (seed ${SEED}): ${how}`;
    const started = performance.now();
    let cues: Cue[] | undefined;
    try {
      cues = parseSubtitles(input);
    } catch (error) {
      if (!(error instanceof SubtitleError)) throw new Error(`${where}: threw ${error}`);
      assert.notEqual(error.kind, "internal", `${where}: ${error.message}`);
      assert.ok(Number.isInteger(error.line) && error.line >= 1, where);
      assert.ok(error.message.includes(`Line ${error.line} could not be read`), where);
      outcomes[error.kind] = (outcomes[error.kind] ?? 0) + 1;
    }
    const elapsed = performance.now() - started;
    slowest = Math.max(slowest, elapsed);
    assert.ok(elapsed < TIME_BOUND_MS, `${where}: took ${elapsed.toFixed(0)} ms`);
    if (!cues) continue;
    outcomes.cues++;
    try {
      checkCues(cues);
      checkWebVTT(cues);
      const lines = linesBySecond(cues, 3 * 3600);
      assert.equal(lines.length, 3 * 3600);
    } catch (error) {
      throw new Error(`${where}: ${error}`);
    }
  }
  // Both outcomes occur, so the fuzzing reaches the reader and not only the error paths.
  assert.ok(outcomes.cues > CASES / 10, JSON.stringify(outcomes));
  assert.ok(CASES - outcomes.cues > CASES / 10, JSON.stringify(outcomes));
  console.log(`outcomes ${JSON.stringify(outcomes)}; slowest input ${slowest.toFixed(1)} ms`);
});
