/**
 * The recording API as `/watch` calls it: list the library's films, create a viewing, finish
 * it. Each answers a value or an `ApiFailure` whose message is for the viewer, and says whether
 * the connection (not the server) failed, which is worth retrying. Browser-only.
 */
import type { ViewingSummary } from "@/lib/rating/types.ts";
import type { LibraryFilm } from "@/lib/watch/title.ts";
import { apiProblem } from "@/lib/watch/problems.ts";

export interface ApiFailure {
  failure: string;
  /** The server could not be reached (retry later), as opposed to a refusal. */
  network: boolean;
}

const TIMEOUT_MS = 20_000;

async function call<T>(
  url: string,
  init: RequestInit,
  doing: string,
): Promise<T | ApiFailure> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch {
    return {
      failure: `${doing} failed: the server could not be reached (are you offline?).`,
      network: true,
    };
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    return {
      failure: apiProblem(response.status, body, doing),
      network: response.status >= 500 || response.status === 408 || response.status === 429,
    };
  }
  return body as T;
}

/** Whether a call answered a failure rather than its value. */
export function isFailure(value: unknown): value is ApiFailure {
  return typeof value === "object" && value !== null && "failure" in value;
}

/** The films of the library, to offer while the viewer confirms the title. */
export async function listFilms(): Promise<LibraryFilm[] | ApiFailure> {
  const result = await call<{ films: LibraryFilm[] }>(
    "/api/films",
    { headers: { accept: "application/json" } },
    "Loading the library",
  );
  return isFailure(result) ? result : result.films;
}

export interface CreatedViewing {
  id: string;
  token: string;
  film: LibraryFilm & { durationSec: number };
}

/** `POST /api/screenings`. */
export function createViewing(
  input: { title: string; year: number | null; durationSec: number },
): Promise<CreatedViewing | ApiFailure> {
  return call<CreatedViewing>("/api/screenings", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(input),
  }, "Creating the viewing");
}

export interface FinishedViewing {
  screening: { id: string; film: string; state: string };
  summary: ViewingSummary | null;
}

/** `POST /api/screenings/:id/finish`. */
export function finishViewing(
  id: string,
  token: string,
): Promise<FinishedViewing | ApiFailure> {
  return call<FinishedViewing>(`/api/screenings/${encodeURIComponent(id)}/finish`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: "{}",
  }, "Finishing the viewing");
}

/** `DELETE /api/screenings/:id`: a viewing abandoned before anything was recorded. */
export async function deleteViewing(id: string, token: string): Promise<void> {
  await fetch(`/api/screenings/${encodeURIComponent(id)}`, {
    method: "DELETE",
    headers: { authorization: `Bearer ${token}` },
  }).then((r) => r.body?.cancel(), () => {});
}
