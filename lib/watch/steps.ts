/**
 * The `/watch` flow as a state machine, pure: `transition` is the one source of what the
 * screen shows (`WatchState`, `watch_state.ts`) and of which step follows which. The hook
 * (`components/watch/use_watch.ts`) does the I/O and reports what happened as events; this
 * decides what it means.
 *
 *   pick ─film-ready→ consent ─start-camera→ starting ─camera-ready→ face-check ─face-held→
 *   countdown ─(countdown over and viewing created)→ playing ─stop→ finishing ─finished→ done
 *
 * A reload mid-film starts at `resume`: reopen the same file (`resume` → pick) or finish it as
 * it is (`finish-as-is` → finishing). A camera problem returns to consent with its message. A
 * viewing being recorded in another tab is named on the pick step and never offered here.
 */
import type { CameraProblem } from "@/lib/camera.ts";
import type { ViewingRecord } from "./saved_viewing.ts";
import {
  INITIAL_STATE,
  type Step,
  type StepName,
  type WatchEvent,
  type WatchState,
} from "./watch_state.ts";

/** The steps from which "back" returns to choosing a film. */
const BACK_FROM: StepName[] = ["consent", "starting", "face-check", "countdown", "done"];
/** The steps a camera problem ends: back to consent with its message. */
const CAMERA_STEPS: StepName[] = ["starting", "face-check", "countdown"];

const PICK: Step = { name: "pick" };
const RESUME: Step = { name: "resume" };
const consent = (problem: CameraProblem | null): Step => ({ name: "consent", problem });

/** The first step: choosing a film, or the resume offer when there is one. */
function firstStep(state: WatchState): WatchState {
  return {
    ...state,
    step: state.unfinished && !state.resuming ? { name: "resume" } : { name: "pick" },
  };
}

/** The viewing's title for the end screen: "Title (Year)". */
export function viewingTitle(record: ViewingRecord): string {
  return record.film.year === null
    ? record.film.title
    : `${record.film.title} (${record.film.year})`;
}

/**
 * Whether leaving now abandons a viewing created but never recorded (it is deleted then). A
 * resumed viewing is never abandoned: it holds what was recorded before the reload.
 */
export function abandonsViewing(state: WatchState): boolean {
  return !state.resuming && state.viewing !== null && state.viewing.recordedSec === 0;
}

/**
 * The state after `event`, or the same `state` object when the event does not apply in its
 * step (a late callback after the viewer moved on changes nothing).
 */
export function transition(state: WatchState, event: WatchEvent): WatchState {
  /** `state` changed by `change` when the step is one of `steps`, else unchanged. */
  const only = (steps: StepName[], change: () => Partial<WatchState>): WatchState =>
    steps.includes(state.step.name) ? { ...state, ...change() } : state;
  switch (event.type) {
    case "saved-viewings": {
      const next = {
        ...state,
        unfinished: event.unfinished,
        elsewhere: event.elsewhere ? { title: viewingTitle(event.elsewhere) } : null,
      };
      return state.step.name === "pick" && !state.resuming ? firstStep(next) : next;
    }
    case "film-ready":
      return only(["pick"], () => ({ choice: event.choice, step: consent(null) }));
    case "resume":
      return state.unfinished
        ? only(["resume"], () => ({ resuming: true, viewing: state.unfinished, step: PICK }))
        : state;
    case "back-to-resume":
      return state.resuming
        ? only(["pick"], () => ({ resuming: false, viewing: null, choice: null, step: RESUME }))
        : state;
    case "finish-as-is":
      return only(["resume"], () => ({ viewing: event.record, step: { name: "finishing" } }));
    case "start-camera":
      return only(["consent"], () => ({ step: { name: "starting" } }));
    case "camera-on":
      return only(["starting"], () => ({ cameraLive: true }));
    case "camera-ready":
      return only(["starting"], () => ({ cameraLive: true, step: { name: "face-check" } }));
    case "camera-failed":
      return only(CAMERA_STEPS, () => ({ cameraLive: false, step: consent(event.problem) }));
    case "camera-off":
      return state.cameraLive ? { ...state, cameraLive: false } : state;
    case "face-held":
      return only(["face-check"], () => ({
        countdownOver: false,
        createError: null,
        step: { name: "countdown" },
      }));
    case "viewing-created": {
      const next = only(["countdown"], () => ({ viewing: event.record, createError: null }));
      return next !== state && state.countdownOver ? startPlaying(next) : next;
    }
    case "create-failed":
      return only(["countdown"], () => ({ createError: event.message }));
    case "create-retry":
      return only(["countdown"], () => ({ createError: null, countdownOver: false }));
    case "countdown-done":
      return state.step.name === "countdown" && state.viewing
        ? startPlaying(state)
        : only(["countdown"], () => ({ countdownOver: true }));
    case "recorded":
      return only(["playing"], () => ({
        viewing: event.record,
        recordedSec: event.record.recordedSec,
      }));
    case "stop":
      return only(["playing"], () => ({
        notice: event.notice,
        finishError: null,
        step: { name: "finishing" },
      }));
    case "stopped":
      return only(["finishing"], () => ({
        viewing: event.record,
        recordedSec: event.record.recordedSec,
      }));
    case "finish-failed":
      return only(["finishing"], () => ({ finishError: event.message }));
    case "finish-retry":
      return only(["finishing"], () => ({ finishError: null }));
    case "finished": {
      const viewing = state.viewing;
      if (!viewing) return state;
      return only(["finishing"], () => ({
        unfinished: null,
        resuming: false,
        step: { name: "done" },
        result: {
          screeningId: viewing.screeningId,
          token: viewing.token,
          title: viewingTitle(viewing),
          summary: event.summary,
          reference: event.details?.reference ?? null,
          prediction: event.details?.prediction ?? null,
          verdict: event.details?.verdict ?? null,
        },
      }));
    }
    case "back":
      return BACK_FROM.includes(state.step.name)
        ? firstStep({
          ...state,
          viewing: abandonsViewing(state) ? null : state.viewing,
          createError: null,
          cameraLive: false,
        })
        : state;
    case "again":
      return state.step.name === "done"
        ? firstStep({ ...INITIAL_STATE, unfinished: state.unfinished, elsewhere: state.elsewhere })
        : state;
  }
}

function startPlaying(state: WatchState): WatchState {
  return {
    ...state,
    countdownOver: true,
    recordedSec: state.viewing?.recordedSec ?? 0,
    step: { name: "playing" },
  };
}

/** Whether the camera may be on in this step; in every other step it is off. */
export function cameraOn(step: Step): boolean {
  return CAMERA_STEPS.includes(step.name) || step.name === "playing";
}

/** Whether this tab holds a viewing it has not finished yet (it says it is alive meanwhile). */
export function recordingViewing(state: WatchState): ViewingRecord | null {
  const { step, viewing } = state;
  return step.name === "countdown" || step.name === "playing" || step.name === "finishing"
    ? viewing
    : null;
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
