/**
 * Who may run the app's admin tasks (for now: importing the film catalog). The one place that
 * reads the `admin` flag, so that the accounts layer decides it in one spot.
 */
import type { BaseState } from "./framework/types.ts";

/** The viewer a request carries in shared mode (set by the sign-in layer). */
interface SignedInViewer {
  admin?: boolean;
}

/**
 * Whether the request's viewer is an admin. Personal mode sets no `viewer` on the state: its
 * one viewer owns the installation and is its admin. Shared mode sets `viewer` (null when no
 * one is signed in), and its `admin` flag decides.
 */
export function isAdmin(state: BaseState & { viewer?: SignedInViewer | null }): boolean {
  if (!("viewer" in state) || state.viewer === undefined) return true;
  return state.viewer?.admin === true;
}
