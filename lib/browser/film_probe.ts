/**
 * Whether this browser can play a film file, and its length, read from the file on disk
 * through a blob: URL (the file is never uploaded). Browser-only.
 */
import { filmLength, filmProblem } from "@/lib/watch/problems.ts";

export type FilmProbe =
  | { ok: true; durationSec: number; duration: number; hasVideo: boolean }
  | { ok: false; problem: string };

/** Files whose metadata does not load in this time are treated as unplayable. */
const PROBE_TIMEOUT_MS = 20_000;

/** Loads the file's metadata in a detached video element. */
export function probeFilm(file: File): Promise<FilmProbe> {
  const url = URL.createObjectURL(file);
  const video = document.createElement("video");
  video.preload = "metadata";
  video.muted = true;
  return new Promise<FilmProbe>((resolve) => {
    const timer = setTimeout(() => {
      resolve({ ok: false, problem: filmProblem(null, file.name) });
    }, PROBE_TIMEOUT_MS);
    video.onloadedmetadata = () => {
      clearTimeout(timer);
      const length = filmLength(video.duration, file.name);
      if (typeof length === "string") resolve({ ok: false, problem: length });
      else {
        resolve({
          ok: true,
          durationSec: length,
          duration: video.duration,
          hasVideo: video.videoWidth > 0,
        });
      }
    };
    video.onerror = () => {
      clearTimeout(timer);
      resolve({ ok: false, problem: filmProblem(video.error?.code ?? null, file.name) });
    };
    video.src = url;
  }).finally(() => {
    video.removeAttribute("src");
    video.load();
    URL.revokeObjectURL(url);
  });
}
