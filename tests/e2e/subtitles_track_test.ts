/**
 * Subtitles in real Chromium: the module runs in the browser (bundled as the islands are), and
 * Chromium's <track> accepts toWebVTT's output under the app's CSP (media-src blob:).
 */
import assert from "node:assert/strict";
import * as esbuild from "esbuild";
import type { Page } from "playwright-core";
import { type Cue, parseSubtitles, toWebVTT } from "@/lib/subtitles/mod.ts";
import { browserTest } from "@/tests/helpers/browser.ts";
import { rootAlias } from "@/scripts/bundle.ts";

const FIXTURES = new URL("../fixtures/subtitles/", import.meta.url);

/** lib/subtitles bundled for the browser as a script that defines `ReelfeelSubtitles`. */
async function subtitlesBundle(): Promise<string> {
  try {
    const result = await esbuild.build({
      absWorkingDir: new URL("../../", import.meta.url).pathname,
      entryPoints: ["lib/subtitles/mod.ts"],
      bundle: true,
      format: "iife",
      globalName: "ReelfeelSubtitles",
      platform: "browser",
      target: ["es2022", "chrome110", "firefox115", "safari16"],
      write: false,
      logLevel: "warning",
      plugins: [rootAlias],
    });
    return result.outputFiles[0].text;
  } finally {
    await esbuild.stop();
  }
}

interface TrackCue {
  start: number;
  end: number;
  raw: string;
  shown: string;
}

/** Loads WebVTT into a <track> on the page and returns the cues Chromium read. */
function loadTrack(page: Page, vtt: string): Promise<TrackCue[] | string> {
  return page.evaluate((vtt) =>
    new Promise<TrackCue[] | string>((resolve) => {
      const video = document.createElement("video");
      const track = document.createElement("track");
      track.kind = "subtitles";
      track.srclang = "en";
      track.src = URL.createObjectURL(new Blob([vtt], { type: "text/vtt" }));
      track.addEventListener("error", () => resolve("the track failed to load"));
      track.addEventListener("load", () => {
        resolve([...track.track.cues!].map((c) => {
          const cue = c as VTTCue;
          const shown = [...cue.getCueAsHTML().childNodes]
            .map((node) => node.nodeName === "BR" ? "\n" : node.textContent).join("");
          return { start: cue.startTime, end: cue.endTime, raw: cue.text, shown };
        }));
      });
      video.append(track);
      document.body.append(video);
      track.track.mode = "hidden";
    }), vtt);
}

browserTest(
  "Chromium's <track> reads toWebVTT's cues, text and times intact",
  async ({ url, browser }) => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    await page.goto(url + "/");
    const cues: Cue[] = [
      { start: 1.25, end: 3.8, text: "Où est la gare ?" },
      { start: 3, end: 5, text: "Tom & Jerry <i>not a tag</i>\nsecond --> line" },
      { start: 4.5, end: 4.75, text: "3 < 4 > 2 &amp; literal" },
      { start: 7200, end: 7201.125, text: "Two hours in" },
      { start: 360001.5, end: 360003, text: "Past the hundredth hour" },
    ];
    const read = await loadTrack(page, toWebVTT(cues));
    assert.ok(Array.isArray(read), String(read));
    assert.deepEqual(
      read.map(({ start, end, shown }) => ({ start, end, text: shown })),
      cues,
    );
    assert.equal(read[1].raw, "Tom &amp; Jerry &lt;i&gt;not a tag&lt;/i&gt;\nsecond --&gt; line");
    assert.deepEqual(errors, []);

    // A file that is not valid WebVTT loads no cues: the check above can fail.
    const broken = await loadTrack(page, "00:00:01.000 --> 00:00:02.000\nNo header\n");
    assert.ok(broken === "the track failed to load" || broken.length === 0, JSON.stringify(broken));
  },
);

browserTest(
  "parseSubtitles runs in the browser and reads files as it does on the server",
  async ({ url, browser }) => {
    const page = await browser.newPage();
    await page.goto(url + "/");
    await page.evaluate(await subtitlesBundle());
    for (
      const name of [
        "editor_utf8_bom_crlf.srt",
        "windows1252_accents.srt",
        "utf16be_bom.srt",
        "utf16le_no_bom.srt",
        "webvtt.vtt",
        "markup.srt",
        "hours_over_99.srt",
      ]
    ) {
      const bytes = await Deno.readFile(new URL(name, FIXTURES));
      const inBrowser = await page.evaluate((data) => {
        // deno-lint-ignore no-explicit-any
        const { parseSubtitles, linesBySecond } = (globalThis as any).ReelfeelSubtitles;
        const cues = parseSubtitles(new Uint8Array(data));
        return { cues, lines: linesBySecond(cues, 12) };
      }, [...bytes]);
      assert.deepEqual(inBrowser.cues, parseSubtitles(bytes), name);
      assert.equal(inBrowser.lines.length, 12);
    }
    const error = await page.evaluate((data) => {
      // deno-lint-ignore no-explicit-any
      const { parseSubtitles, SubtitleError } = (globalThis as any).ReelfeelSubtitles;
      try {
        parseSubtitles(new Uint8Array(data));
        return "parsed";
      } catch (e) {
        const { kind, message } = e as { kind: string; message: string };
        return e instanceof SubtitleError ? `${kind}: ${message}` : `other: ${e}`;
      }
    }, [...await Deno.readFile(new URL("prose.txt", FIXTURES))]);
    assert.match(error, /^no-timings: .*Line 1 could not be read: "Chapter one"/);
  },
);
