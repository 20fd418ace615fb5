/**
 * The steps of `/watch` as a state machine, pure: which step follows which, and what is on
 * in each (the camera, the recording). The island keeps the data; this decides the order.
 *
 *   pick ─film-ready→ consent ─start-camera→ starting ─camera-ready→ face-check ─face-held→
 *   countdown ─countdown-done→ playing ─stop→ finishing ─finished→ done
 *
 * A reload mid-film starts at `resume`: reopen the same file (`resume` → pick) or finish it as
 * it is (`finish-as-is` → finishing). A camera problem returns to consent with its message.
 */
import type { CameraProblem } from "./problems.ts";

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

export type WatchEvent =
  /** An unfinished viewing was found in this browser. */
  | { type: "unfinished-found" }
  /** The film (and the subtitles, or none) is chosen and its title confirmed. */
  | { type: "film-ready" }
  /** Continue the unfinished viewing: the viewer reopens the same file. */
  | { type: "resume" }
  /** End the unfinished viewing with what it recorded. */
  | { type: "finish-as-is" }
  /** The viewer clicked to start the camera. */
  | { type: "start-camera" }
  | { type: "camera-ready" }
  | { type: "camera-failed"; problem: CameraProblem }
  /** A face was held in the frame long enough. */
  | { type: "face-held" }
  | { type: "countdown-done" }
  /** The viewer stopped, the film ended, or recording could not go on. */
  | { type: "stop" }
  /** The viewing is finished and rated. */
  | { type: "finished" }
  /** Back to choosing a film (the camera is turned off). */
  | { type: "back" };

/** The first step: choosing a film. */
export const FIRST_STEP: Step = { name: "pick" };

/** The events that lead from one step to one other, whatever they carry. */
const MOVES: Record<
  Exclude<WatchEvent["type"], "camera-failed">,
  { from: StepName[]; to: Step }
> = {
  "unfinished-found": { from: ["pick"], to: { name: "resume" } },
  "film-ready": { from: ["pick"], to: { name: "consent", problem: null } },
  resume: { from: ["resume"], to: { name: "pick" } },
  "finish-as-is": { from: ["resume"], to: { name: "finishing" } },
  "start-camera": { from: ["consent"], to: { name: "starting" } },
  "camera-ready": { from: ["starting"], to: { name: "face-check" } },
  "face-held": { from: ["face-check"], to: { name: "countdown" } },
  "countdown-done": { from: ["countdown"], to: { name: "playing" } },
  stop: { from: ["playing"], to: { name: "finishing" } },
  finished: { from: ["finishing"], to: { name: "done" } },
  back: { from: ["consent", "starting", "face-check", "countdown", "done"], to: { name: "pick" } },
};

/**
 * The step after `event`, or the same `step` object when the event does not apply there (a
 * late callback after the viewer moved on changes nothing).
 */
export function transition(step: Step, event: WatchEvent): Step {
  if (event.type === "camera-failed") {
    const cameraSteps: StepName[] = ["starting", "face-check", "countdown"];
    return cameraSteps.includes(step.name) ? { name: "consent", problem: event.problem } : step;
  }
  const move = MOVES[event.type];
  return move.from.includes(step.name) ? { ...move.to } : step;
}

/** Whether the camera may be on in this step; in every other step it is off. */
export function cameraOn(step: Step): boolean {
  return step.name === "starting" || step.name === "face-check" || step.name === "countdown" ||
    step.name === "playing";
}

/** The viewer-facing steps, for the progress list: 1 to 5, as the page numbers them. */
export const STEP_LABELS = ["Film", "Consent", "Face check", "Watch", "Rating"] as const;

/** Which of the five labelled steps a step belongs to (0-based). */
export function stepIndex(step: Step): number {
  switch (step.name) {
    case "pick":
    case "resume":
      return 0;
    case "consent":
    case "starting":
      return 1;
    case "face-check":
      return 2;
    case "countdown":
    case "playing":
      return 3;
    case "finishing":
    case "done":
      return 4;
  }
}
