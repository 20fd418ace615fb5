/**
 * The viewer's subtitles file, read in the browser (it is never uploaded): checked for size,
 * parsed, and a broken one reported in words, never fatal. Browser-only (`File`).
 */
import {
  type Cue,
  MAX_SUBTITLE_BYTES,
  parseSubtitles,
  SubtitleError,
} from "@/lib/subtitles/mod.ts";
import { fileSize, type ViewingRecord } from "@/lib/watch/saved_viewing.ts";

/** Where the subtitles of the film being chosen are. */
export type SubtitleState =
  | { kind: "none" }
  | { kind: "reading"; name: string }
  | { kind: "ready"; name: string; bytes: Uint8Array; cues: Cue[] }
  | { kind: "bad"; name: string; message: string };

/** Reads and checks a subtitles file; a broken one is reported, never fatal. */
export async function readSubtitles(file: File): Promise<SubtitleState> {
  if (file.size > MAX_SUBTITLE_BYTES) {
    return {
      kind: "bad",
      name: file.name,
      message: `"${file.name}" is ${fileSize(file.size)}: subtitles are a few hundred KB at ` +
        "most. Is it the right file?",
    };
  }
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const cues = parseSubtitles(bytes);
    return { kind: "ready", name: file.name, bytes, cues };
  } catch (error) {
    const message = error instanceof SubtitleError
      ? error.message
      : `"${file.name}" could not be read (${String(error)}).`;
    return { kind: "bad", name: file.name, message };
  }
}

/** The subtitles kept with a saved viewing, read again (none if they no longer parse). */
export function restoredSubtitles(record: ViewingRecord): SubtitleState {
  if (!record.subtitles) return { kind: "none" };
  try {
    const cues = parseSubtitles(record.subtitles.bytes);
    return { kind: "ready", ...record.subtitles, cues };
  } catch {
    return { kind: "none" };
  }
}
