/**
 * Moments: the stretches of a film where chosen expressions dominated — in one viewing or in
 * its audience — for a player that plays only those, and highlights exports (WebVTT chapters,
 * JSON, ffmpeg commands). Pure functions, no I/O; they run on the server and in the browser.
 *
 * `track.ts` (per-second data from a viewing or the audience aggregate), `segments.ts`
 * (extraction and its defaults), `playback.ts` (the filtered player's rules), `export.ts` and
 * `shell.ts` (the files).
 */
export type { MomentOptions, MomentSource, MomentTrack, Segment, TrackSecond } from "./types.ts";
export { audienceTrack, defaultMinViewers, viewingTrack } from "./track.ts";
export {
  DEFAULT_MOMENT_OPTIONS,
  type ExpressionCount,
  expressionCounts,
  extractSegments,
  momentOptions,
  qualifyingLabel,
  totalLength,
} from "./segments.ts";
export {
  nextSegmentIndex,
  type PlaybackStep,
  playbackStep,
  previousSegmentIndex,
  segmentIndexAt,
} from "./playback.ts";
export {
  chaptersVtt,
  downloadName,
  expressionName,
  ffmpegScript,
  type FfmpegScriptInput,
  ffmpegTime,
  fileStem,
  highlightsFileName,
  type MomentsDocument,
  MomentsFormatError,
  momentsJson,
  parseMomentsJson,
  segmentTitle,
} from "./export.ts";
export { commentText, shellQuote } from "./shell.ts";
export { describeSecond } from "./describe.ts";
