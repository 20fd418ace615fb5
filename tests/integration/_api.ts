/** Shared steps of the API tests: an app on its own store, and the recording requests. */
import assert from "node:assert/strict";
import type { Hono } from "hono";
import type { Store } from "@/lib/store/port.ts";
import type { RecordedSecond } from "@/lib/recording.ts";
import { testApp, testStore } from "@/tests/helpers/app.ts";

export const JSON_TYPE = { "content-type": "application/json" };

export interface ApiFixture {
  app: Hono;
  store: Store;
}

/** A fresh app on a fresh test store (SQLite in memory unless REELFEEL_TEST_STORE says). */
export async function apiFixture(): Promise<ApiFixture> {
  const store = await testStore();
  return { app: await testApp(store), store };
}

export interface Created {
  id: string;
  token: string;
  film: { slug: string; title: string; year: number | null; durationSec: number };
}

/** `POST /api/screenings`, expecting 201. */
export async function createViewing(
  app: Hono,
  body: Record<string, unknown> = { title: "Stalker", year: 1979, durationSec: 9720 },
): Promise<Created> {
  const res = await app.request("/api/screenings", {
    method: "POST",
    headers: JSON_TYPE,
    body: JSON.stringify(body),
  });
  assert.equal(res.status, 201, await res.clone().text());
  return await res.json();
}

/** `PUT …/minutes/:seq` with the screening's token (or the headers given). */
export function putMinute(
  app: Hono,
  screening: Created,
  seq: number | string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return Promise.resolve(app.request(`/api/screenings/${screening.id}/minutes/${seq}`, {
    method: "PUT",
    headers: { ...JSON_TYPE, authorization: `Bearer ${screening.token}`, ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  }));
}

/** A minute document's body; seconds may be anything, to test what is refused. */
export function minuteBody(seconds: (RecordedSecond | Record<string, unknown>)[]) {
  return { seconds };
}

/** Everything the store holds that a request could have changed. */
export async function storeSnapshot(store: Store) {
  const films = await store.listFilms();
  const audiences = [];
  for (const film of films) {
    audiences.push({ film: film.slug, audience: await store.readAudience(film.slug) });
  }
  return { films, audiences, screenings: await store.listViewings({ limit: 1000 }) };
}

/** Everything the store holds about one screening. */
export async function viewingSnapshot(store: Store, id: string) {
  return {
    screening: await store.getViewing(id),
    minutes: await store.listMinutes(id),
    all: await storeSnapshot(store),
  };
}
