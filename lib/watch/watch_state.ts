/**
 * What `/watch` shows, as data: the step, the film chosen, the viewing, the camera light, the
 * counts and every message (`WatchState`), and what can happen to it (`WatchEvent`). The rules
 * that turn one into the next are `steps.ts`. Pure.
 */
import type { CameraProblem } from "@/lib/camera.ts";
import type { VerdictPrediction } from "@/lib/rating/personal_model.ts";
import type { RatingReference } from "@/lib/rating/reference.ts";
import type { ViewingSummary } from "@/lib/rating/types.ts";
import type { Cue } from "@/lib/subtitles/mod.ts";
import type { ViewingRecord } from "./saved_viewing.ts";

export type Step =
  | { name: "pick" }
  | { name: "resume" }
  | { name: "consent"; problem: CameraProblem | null }
  | { name: "starting" }
  | { name: "face-check" }
  | { name: "countdown" }
  | { name: "playing" }
  | { name: "finishing" }
  | { name: "done" };

export type StepName = Step["name"];

/** What the viewer chose on the first step: everything the next steps need. */
export interface FilmChoice {
  file: File;
  /** The film's length in seconds, as the browser reads it. */
  duration: number;
  /** The same, in whole seconds, as the server keeps it. */
  durationSec: number;
  title: string;
  year: number | null;
  subtitles: { name: string; bytes: Uint8Array; cues: Cue[] } | null;
}

/** What the end screen shows beside the rating, as the finish answered it. */
export interface ResultDetails {
  /** What the rating is measured against; null when nothing was rated. */
  reference: RatingReference | null;
  /** The verdict the viewer's personal model expects; null when it is not active. */
  prediction: VerdictPrediction | null;
  /** The viewer's verdict, if they gave one already. */
  verdict: number | null;
}

/** The end screen's rating. */
export interface WatchResult extends ResultDetails {
  screeningId: string;
  /** The viewing's write token: the verdict is saved with it. */
  token: string;
  title: string;
  summary: ViewingSummary | null;
}

/** Everything `/watch` shows. */
export interface WatchState {
  step: Step;
  /** The film chosen, kept when the viewer comes back to the first step. */
  choice: FilmChoice | null;
  /** A viewing a reload interrupted, held by this tab: offered to resume or finish. */
  unfinished: ViewingRecord | null;
  /** A viewing being recorded in another tab: named, never touched from here. */
  elsewhere: { title: string } | null;
  /** The viewer is reopening `unfinished`'s film to continue it. */
  resuming: boolean;
  /** The viewing being recorded or finished. */
  viewing: ViewingRecord | null;
  /** The camera is on (from the browser's yes, before the models are ready). */
  cameraLive: boolean;
  /** The countdown reached 0 (the film starts once the viewing exists). */
  countdownOver: boolean;
  /** Why the viewing could not be created, during the countdown. */
  createError: string | null;
  /** Seconds recorded so far. */
  recordedSec: number;
  /** Why recording ended before the viewer stopped it (camera, film), if it did. */
  notice: string | null;
  /** Why finishing failed, when it did. */
  finishError: string | null;
  result: WatchResult | null;
}

export const INITIAL_STATE: WatchState = {
  step: { name: "pick" },
  choice: null,
  unfinished: null,
  elsewhere: null,
  resuming: false,
  viewing: null,
  cameraLive: false,
  countdownOver: false,
  createError: null,
  recordedSec: 0,
  notice: null,
  finishError: null,
  result: null,
};

export type WatchEvent =
  /**
   * This browser's saved viewings were read: the newest one this tab could hold, and the
   * newest one another tab holds (both may be null).
   */
  | { type: "saved-viewings"; unfinished: ViewingRecord | null; elsewhere: ViewingRecord | null }
  /** The film (and the subtitles, or none) is chosen and its title confirmed. */
  | { type: "film-ready"; choice: FilmChoice }
  /** Continue the unfinished viewing: the viewer reopens the same file. */
  | { type: "resume" }
  /** Back from reopening the file to the resume offer. */
  | { type: "back-to-resume" }
  /** End the unfinished viewing with what it recorded (its last seconds flushed). */
  | { type: "finish-as-is"; record: ViewingRecord }
  /** The viewer clicked to start the camera. */
  | { type: "start-camera" }
  /** The browser gave the camera (the models may still be loading). */
  | { type: "camera-on" }
  | { type: "camera-ready" }
  | { type: "camera-failed"; problem: CameraProblem }
  /** The camera was turned off (leaving the camera's steps, or the page). */
  | { type: "camera-off" }
  /** A face was held in the frame long enough. */
  | { type: "face-held" }
  | { type: "viewing-created"; record: ViewingRecord }
  | { type: "create-failed"; message: string }
  /** Creating the viewing is tried again: the countdown starts over. */
  | { type: "create-retry" }
  | { type: "countdown-done" }
  /** One more second recorded. */
  | { type: "recorded"; record: ViewingRecord }
  /** The viewer stopped, the film ended, or recording could not go on (`notice` says why). */
  | { type: "stop"; notice: string | null }
  /** Recording stopped: the final record, everything stored and queued. */
  | { type: "stopped"; record: ViewingRecord }
  | { type: "finish-failed"; message: string }
  /** Finishing is tried again. */
  | { type: "finish-retry" }
  /** The viewing is finished and rated (with the reference and prediction, when answered). */
  | { type: "finished"; summary: ViewingSummary | null; details?: ResultDetails }
  /** Back to choosing a film (the camera is turned off). */
  | { type: "back" }
  /** From the end screen: another film. */
  | { type: "again" };
