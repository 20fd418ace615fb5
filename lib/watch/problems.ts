/**
 * What went wrong, in words a viewer can act on: camera errors, films the browser cannot play,
 * and the server's refusals. Pure: each takes what the browser reported.
 */
import { type CameraProblemKind, cameraProblemKind } from "@/lib/camera.ts";

export interface CameraProblem {
  kind: CameraProblemKind;
  title: string;
  message: string;
}

const CAMERA_PROBLEMS: Record<CameraProblemKind, Omit<CameraProblem, "kind">> = {
  "no-camera": {
    title: "No camera found",
    message:
      "This device has no camera the browser can use, or none that can film at a usable size. " +
      "Connect or switch on a camera, then try again.",
  },
  denied: {
    title: "Camera permission denied",
    message: "The browser was told not to let this page use the camera. Allow the camera for " +
      "this site (the camera icon in the address bar, or the site settings), then try again.",
  },
  "in-use": {
    title: "The camera is busy",
    message: "The camera could not be started: another application or tab is probably using " +
      "it. Close it (a video call, another recording), then try again.",
  },
  unsupported: {
    title: "No camera access here",
    message: "This browser cannot use a camera on this page. Open Reelfeel over https:// " +
      "(or on localhost) in a current browser.",
  },
  failed: {
    title: "The camera did not start",
    message: "The camera could not be started.",
  },
};

/** The problem a `getUserMedia` rejection (a DOMException, or anything) stands for. */
export function cameraProblem(error: unknown): CameraProblem {
  const kind = cameraProblemKind(error);
  const problem = { kind, ...CAMERA_PROBLEMS[kind] };
  if (kind === "failed") {
    const detail = error instanceof Error && error.message ? error.message : String(error);
    problem.message = `${problem.message} (${detail}) Try again, or reload the page.`;
  }
  return problem;
}

/** The problem of a browser without `navigator.mediaDevices` (an insecure page, an old browser). */
export function noMediaDevices(): CameraProblem {
  return { kind: "unsupported", ...CAMERA_PROBLEMS.unsupported };
}

/** The expression model did not load or stopped: a camera-step problem of its own. */
export function trackerProblem(message: string): CameraProblem {
  return {
    kind: "failed",
    title: "The expression model did not start",
    message: `Expression recognition could not run in this browser: ${message}. Nothing was ` +
      "recorded. Reload the page to try again.",
  };
}

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

/**
 * The message of an API error answer: the server's `{ error }` when there is one, else the
 * status, and what it means for the viewer.
 */
export function apiProblem(status: number, body: unknown, doing: string): string {
  const said = typeof body === "object" && body !== null && "error" in body &&
      typeof (body as { error: unknown }).error === "string"
    ? (body as { error: string }).error
    : null;
  const detail = said ?? `the server answered ${status}`;
  return `${doing} failed: ${detail}.`;
}
