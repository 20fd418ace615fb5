/**
 * Shared mode in HTTP tests: an app with passkey accounts, and viewers signed in through a
 * session made in the store (the passkey ceremony itself is tested in real Chromium with a
 * virtual authenticator, tests/e2e/viewers_test.ts).
 */
import type { Hono } from "hono";
import type { Store } from "@/lib/store/port.ts";
import { newSecret, secretHash, SESSION_COOKIE, SESSION_MS } from "@/lib/viewers/session.ts";
import { testApp, testStore } from "./app.ts";

/** The origin `app.request` paths resolve against. */
export const ORIGIN = "http://localhost";

/** An app in shared mode on a fresh test store. */
export async function sharedApp(): Promise<{ app: Hono; store: Store }> {
  const store = await testStore();
  const app = await testApp(store, undefined, { accounts: { mode: "passkeys", admins: [] } });
  return { app, store };
}

/** A signed-in viewer: their id and the headers their browser sends (cookie, origin). */
export interface TestViewer {
  id: string;
  headers: Record<string, string>;
}

/** Creates the account `id` (the first one created is the admin) and a session for it. */
export async function signedInViewer(
  store: Store,
  id: string,
  now = new Date(),
): Promise<TestViewer> {
  await store.createViewer({ id, name: id, now });
  const secret = newSecret();
  await store.createSession({
    idHash: secretHash(secret),
    viewer: id,
    now,
    expiresAt: new Date(now.getTime() + SESSION_MS),
  });
  return { id, headers: { cookie: `${SESSION_COOKIE}=${secret}`, origin: ORIGIN } };
}
