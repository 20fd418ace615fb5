/** Starting and ending sessions (I/O: the store), answered as `Set-Cookie` headers. */
import { HttpError } from "@/lib/framework/errors.ts";
import type { AppState } from "@/lib/state.ts";
import { PERSONAL_VIEWER } from "@/lib/store/port.ts";
import { expectedOrigin, isLocalOrigin } from "./config.ts";
import { isAdminId } from "./resolve.ts";
import {
  CHALLENGE_COOKIE,
  CHALLENGE_MS,
  cookie,
  newSecret,
  secretHash,
  SESSION_COOKIE,
  SESSION_MS,
} from "./session.ts";
import type { LimitDecision } from "./limits.ts";

/** Whether cookies for this request's site need `Secure` (all but this machine over http). */
function secure(state: AppState, url: URL): boolean {
  return !isLocalOrigin(expectedOrigin(state.accounts, url.href));
}

/** Starts a session for `viewer`; resolves with its `Set-Cookie` value. */
export async function startSession(state: AppState, url: URL, viewer: string): Promise<string> {
  const secret = newSecret();
  const now = new Date();
  await state.store.createSession({
    idHash: secretHash(secret),
    viewer,
    now,
    expiresAt: new Date(now.getTime() + SESSION_MS),
  });
  return cookie(SESSION_COOKIE, secret, {
    maxAgeSec: SESSION_MS / 1000,
    secure: secure(state, url),
  });
}

/** The `Set-Cookie` value that removes the session cookie. */
export function clearSession(state: AppState, url: URL): string {
  return cookie(SESSION_COOKIE, "", { maxAgeSec: 0, secure: secure(state, url) });
}

/** The `Set-Cookie` value of a passkey ceremony's challenge. */
export function challengeCookie(state: AppState, url: URL, secret: string): string {
  return cookie(CHALLENGE_COOKIE, secret, {
    maxAgeSec: CHALLENGE_MS / 1000,
    secure: secure(state, url),
  });
}

/** 404 outside shared mode: accounts do not exist in a personal installation. */
export function requireSharedMode(state: AppState): void {
  if (state.accounts.mode !== "passkeys") {
    throw new HttpError(404, "Accounts are off: this installation is personal");
  }
}

/** Answers a refused limit with 429 and `Retry-After`. */
export function enforce(decision: LimitDecision): void {
  if (!decision.allowed) {
    throw new HttpError(429, decision.message, { "retry-after": String(decision.retryAfterSec) });
  }
}

/**
 * What the browser is told after signing in: the viewer, and whether to ask them to take the
 * viewings of the installation's personal time (the first account, once, if there are any).
 */
export async function signedIn(state: AppState, viewer: string) {
  const record = await state.store.getViewer(viewer);
  let personalViewings = 0;
  if (record && !record.personalAnswered && await isAdminId(state.store, state.accounts, viewer)) {
    personalViewings = await state.store.countViewings({ viewer: PERSONAL_VIEWER });
    if (personalViewings === 0) await state.store.answerPersonal(viewer);
  }
  return { viewer: { id: viewer, name: record?.name ?? "" }, personalViewings };
}
