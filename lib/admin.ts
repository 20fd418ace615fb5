/**
 * Who may run the app's admin tasks (for now: importing the film catalog). The one place that
 * reads the `admin` flag, so that the accounts layer decides it in one spot.
 */
import type { BaseState } from "./framework/types.ts";

/** The viewer a request carries (`AppState.viewer`, set once per request by the viewer middleware). */
interface SignedInViewer {
  admin?: boolean;
}

/**
 * Whether the request's viewer is an admin. Personal mode's one viewer owns the installation and
 * is its admin (`PERSONAL`); in shared mode the signed-in viewer's `admin` flag decides (the first
 * account, or an id in `REELFEEL_ADMINS`: `lib/viewers/resolve.ts`); nobody signed in is not one.
 * A state without `viewer` (tests of a route alone) counts as personal.
 */
export function isAdmin(state: BaseState & { viewer?: SignedInViewer | null }): boolean {
  if (!("viewer" in state) || state.viewer === undefined) return true;
  return state.viewer?.admin === true;
}
