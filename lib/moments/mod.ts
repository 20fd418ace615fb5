/**
 * Moments: the stretches of a film where chosen expressions dominated — in one viewing or in
 * its audience — for a player that plays only those, and highlights exports (WebVTT chapters,
 * JSON, ffmpeg commands). Pure functions, no I/O; they run on the server and in the browser.
 *
 * `track.ts` (per-second data from a viewing or the audience aggregate), `segments.ts`
 * (extraction and its defaults), `playback.ts` and `navigation.ts` (the filtered player's
 * rules), `describe.ts` (the timeline's words), `export.ts` and `shell.ts` (the files).
 */
export type * from "./types.ts";
export * from "./track.ts";
export * from "./segments.ts";
export * from "./playback.ts";
export * from "./navigation.ts";
export * from "./export.ts";
export * from "./shell.ts";
export * from "./describe.ts";
