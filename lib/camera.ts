/**
 * Why a camera did not start, from what `getUserMedia` rejected with. Shared by every page
 * that starts the camera; each page words the kinds for its own situation.
 */

/** Why the camera did not start. */
export type CameraProblemKind = "no-camera" | "denied" | "in-use" | "unsupported" | "failed";

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
