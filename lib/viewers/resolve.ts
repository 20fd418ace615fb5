/**
 * Who a request comes from, resolved once per request (I/O: reads the session from the store).
 * Personal mode: always the implicit viewer. Shared mode: the viewer of a live session cookie,
 * or null; an admin when they are the first account or named in `REELFEEL_ADMINS`.
 */
import type { Store } from "@/lib/store/port.ts";
import { type AccountsConfig, PERSONAL } from "./config.ts";
import type { RequestViewer } from "./own.ts";
import { secretHash } from "./session.ts";

/** The request's viewer, and the hash of its session (to sign out), if any. */
export interface ResolvedViewer {
  viewer: RequestViewer | null;
  sessionHash: string | null;
}

/** Whether `id` administers a shared installation. */
export async function isAdminId(
  store: Store,
  config: AccountsConfig,
  id: string,
): Promise<boolean> {
  return config.admins.includes(id) || await store.firstViewer() === id;
}

/** Resolves the viewer from the session cookie's value (`secret`), at `now`. */
export async function resolveViewer(
  store: Store,
  config: AccountsConfig,
  secret: string | undefined,
  now: Date,
): Promise<ResolvedViewer> {
  if (config.mode === "personal") return { viewer: PERSONAL, sessionHash: null };
  if (!secret || !/^[A-Za-z0-9_-]{43}$/.test(secret)) return { viewer: null, sessionHash: null };
  const sessionHash = secretHash(secret);
  const session = await store.getSession(sessionHash, now);
  if (!session) return { viewer: null, sessionHash: null };
  return {
    viewer: { id: session.viewer, admin: await isAdminId(store, config, session.viewer) },
    sessionHash,
  };
}
