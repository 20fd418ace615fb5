/**
 * What went wrong with a film file, in words a viewer can act on: files the browser cannot
 * play, or whose length it cannot tell. Pure: each takes what the browser reported. (Camera
 * problems are worded in `lib/camera.ts`, the server's refusals by `lib/browser/api.ts`.)
 */

/** MediaError codes (HTMLMediaElement.error.code). */
const MEDIA_ERR_ABORTED = 1;
const MEDIA_ERR_NETWORK = 2;
const MEDIA_ERR_DECODE = 3;

/** Why a film file cannot be played, from its MediaError code (or null when unknown). */
export function filmProblem(code: number | null, fileName: string): string {
  switch (code) {
    case MEDIA_ERR_ABORTED:
      return `Reading "${fileName}" was interrupted. Choose the file again.`;
    case MEDIA_ERR_NETWORK:
      return `"${fileName}" could not be read from the disk. Check that it is still there, ` +
        "then choose it again.";
    case MEDIA_ERR_DECODE:
      return `"${fileName}" seems damaged: this browser could not decode it.`;
    default:
      return `This browser cannot play "${fileName}": its format or codec is not supported. ` +
        "MP4 (H.264 with AAC sound) or WebM files play in every current browser.";
  }
}

/** The film's length in whole seconds for the server, or a message when it has none. */
export function filmLength(duration: number, fileName: string): number | string {
  if (!Number.isFinite(duration) || duration <= 0) {
    return `This browser cannot tell how long "${fileName}" is, so its seconds cannot be ` +
      "recorded. Convert it to MP4 or WebM and try again.";
  }
  if (duration > 12 * 3600) {
    return `"${fileName}" is longer than 12 hours; Reelfeel records films up to 12 hours.`;
  }
  return Math.max(1, Math.round(duration));
}
