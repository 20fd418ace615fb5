/**
 * Why a camera did not start, in words a viewer can act on: one table for every page that
 * starts the camera (`/watch`, `/recommend`). Pure: each function takes what the browser
 * reported (a `getUserMedia` rejection, a tracker error).
 */

/** Why the camera did not start. */
export type CameraProblemKind = "no-camera" | "denied" | "in-use" | "unsupported" | "failed";

/**
 * A camera problem, worded three ways: `title`, a heading ("No camera found"); `said`, the
 * same as a sentence that opens a paragraph ("No camera was found."); `fix`, what to do.
 * A page shows `title` over `fix`, or `said` then `fix` (see `cameraProblemText`).
 */
export interface CameraProblem {
  kind: CameraProblemKind;
  title: string;
  said: string;
  fix: string;
}

const CAMERA_PROBLEMS: Record<CameraProblemKind, Omit<CameraProblem, "kind">> = {
  "no-camera": {
    title: "No camera found",
    said: "No camera was found.",
    fix: "This device has no camera the browser can use, or none that can film at a usable " +
      "size. Connect or switch on a camera, then try again.",
  },
  denied: {
    title: "Camera permission denied",
    said: "The camera is blocked for this site.",
    fix: "Allow the camera for this site (the camera icon in the address bar, or the site " +
      "settings), then try again.",
  },
  "in-use": {
    title: "The camera is busy",
    said: "The camera is in use by another app or tab, or could not start.",
    fix: "Another application or tab is probably using it. Close it (a video call, another " +
      "recording), then try again.",
  },
  unsupported: {
    title: "No camera access here",
    said: "This browser cannot use a camera on this page.",
    fix: "The camera needs a secure page (HTTPS or localhost) in a current browser: open " +
      "Reelfeel over https://, or on localhost.",
  },
  failed: {
    title: "The camera did not start",
    said: "The camera could not start.",
    fix: "Try again, or reload the page.",
  },
};

/**
 * What kind of camera problem a `getUserMedia` rejection is, from its DOMException name (old
 * Chrome names included).
 */
export function cameraProblemKind(error: unknown): CameraProblemKind {
  const name = typeof error === "object" && error !== null && "name" in error
    ? String((error as { name: unknown }).name)
    : "";
  switch (name) {
    case "NotFoundError":
    case "DevicesNotFoundError":
    case "OverconstrainedError":
    case "ConstraintNotSatisfiedError":
      return "no-camera";
    case "NotAllowedError":
    case "PermissionDeniedError":
    case "SecurityError":
      return "denied";
    case "NotReadableError":
    case "TrackStartError":
    case "AbortError":
      return "in-use";
    case "NotSupportedError":
    case "TypeError":
      return "unsupported";
    default:
      return "failed";
  }
}

/** The problem a `getUserMedia` rejection (a DOMException, or anything) stands for. */
export function cameraProblem(error: unknown): CameraProblem {
  const kind = cameraProblemKind(error);
  const problem = { kind, ...CAMERA_PROBLEMS[kind] };
  if (kind === "failed") {
    // Something unforeseen keeps its own words.
    const detail = error instanceof Error && error.message ? error.message : String(error);
    problem.fix = `(${detail}) ${problem.fix}`;
  }
  return problem;
}

/** The problem of a browser without `navigator.mediaDevices` (an insecure page, an old browser). */
export function noMediaDevices(): CameraProblem {
  return { kind: "unsupported", ...CAMERA_PROBLEMS.unsupported };
}

/** The expression model did not load, or stopped: the camera cannot be used either. */
export function trackerProblem(message: string): CameraProblem {
  return {
    kind: "failed",
    title: "The expression model did not start",
    said: "The expression model did not start.",
    fix: `Expression recognition could not run in this browser: ${message}. Reload the page ` +
      "to try again.",
  };
}

/** The problem as one paragraph with no heading: "No camera was found. This device has…". */
export function cameraProblemText(problem: CameraProblem): string {
  return `${problem.said} ${problem.fix}`;
}
