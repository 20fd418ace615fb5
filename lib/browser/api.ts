/**
 * The one browser client of Reelfeel's API. `request()` never throws: it answers the data, or
 * a failure with the HTTP status (0 when the server was not reached), a message for the viewer
 * and the input field the server named (the server answers errors as `{ error, field? }`).
 * The typed calls below are every endpoint the pages use. Browser-only (fetch).
 */
import type { ViewingChartsData } from "@/lib/dashboards/viewing_page.ts";
import type { AudienceChartData } from "@/lib/dashboards/film_page.ts";
import type { ImportJobStatus } from "@/lib/catalog/import_status.ts";
import type { Baseline } from "@/lib/emotion/calibration.ts";
import type { VerdictPrediction } from "@/lib/rating/personal_model.ts";
import type { RatingReference } from "@/lib/rating/reference.ts";
import type { ViewingSummary } from "@/lib/rating/types.ts";
import type { AudienceSecond, MinuteDocument, RecordedSecond } from "@/lib/recording.ts";
import { retryableStatus } from "@/lib/retry.ts";
import type { LibraryFilm } from "@/lib/watch/title.ts";

/** What a call came to: its data, or why not. */
export type ApiResult<T> = { ok: true; status: number; data: T } | ApiFailure;

export interface ApiFailure {
  ok: false;
  /** The HTTP status, or 0 when the server was not reached (offline, timed out). */
  status: number;
  /** For the viewer: "Creating the viewing failed: <the server's words>." */
  message: string;
  /** The input field the server named, or null. */
  field: string | null;
}

/** A request that hangs this long is given up (a failure with status 0). */
export const REQUEST_TIMEOUT_MS = 20_000;

/**
 * The failure for an error answer: the server's `{ error, field? }` when it gave one, else
 * its status; `doing` says what failed ("Finishing the viewing").
 */
export function failureOf(status: number, body: unknown, doing: string): ApiFailure {
  const record = typeof body === "object" && body !== null ? body as Record<string, unknown> : {};
  const said = typeof record.error === "string" && record.error.trim() !== ""
    ? record.error.trim().replace(/\.$/, "")
    : null;
  const detail = status === 0
    ? "the server could not be reached (are you offline?)"
    : said ?? `the server answered ${status}`;
  return {
    ok: false,
    status,
    message: `${doing} failed: ${detail}.`,
    field: typeof record.field === "string" ? record.field : null,
  };
}

/** Whether trying the same request again later may succeed (not reached, busy server). */
export function isRetryable(failure: ApiFailure): boolean {
  return retryableStatus(failure.status);
}

export interface RequestOptions {
  /** What the request does, for the failure's message: "Loading the library". */
  doing: string;
  /** Sent as JSON. */
  body?: unknown;
  /** A viewing's write token, sent as `Authorization: Bearer`. */
  token?: string;
  timeoutMs?: number;
}

/** One request to the API; resolves with its JSON data (null for an empty answer). */
export async function request<T>(
  method: "GET" | "POST" | "PUT" | "DELETE",
  url: string,
  { doing, body, token, timeoutMs = REQUEST_TIMEOUT_MS }: RequestOptions,
): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch {
    return failureOf(0, null, doing);
  }
  let data: unknown = null;
  if (text.trim() !== "") {
    try {
      data = JSON.parse(text);
    } catch {
      // A proxy's HTML error page, or a truncated answer.
      if (response.ok) {
        return failureOf(response.status, { error: "the answer was not JSON" }, doing);
      }
    }
  }
  if (!response.ok) return failureOf(response.status, data, doing);
  return { ok: true, status: response.status, data: data as T };
}

const screening = (id: string) => `/api/screenings/${encodeURIComponent(id)}`;
const film = (slug: string) => `/api/films/${encodeURIComponent(slug)}`;

/** The same result with its data reshaped (a failure stays as it is). */
function mapData<T, U>(result: ApiResult<T>, fn: (data: T) => U): ApiResult<U> {
  return result.ok ? { ...result, data: fn(result.data) } : result;
}

/** `GET /api/films`: the library's films, offered while the viewer confirms a title. */
export async function listFilms(): Promise<ApiResult<LibraryFilm[]>> {
  const result = await request<{ films: LibraryFilm[] }>("GET", "/api/films", {
    doing: "Loading the library",
  });
  return mapData(result, (data) => data.films);
}

export interface CreatedViewing {
  id: string;
  token: string;
  film: LibraryFilm & { durationSec: number };
}

/**
 * `POST /api/screenings`: a new viewing of the film (created if new), with its write token, and
 * the face check's calibration (`baseline`, numbers only) when there was one.
 */
export function createViewing(
  input: { title: string; year: number | null; durationSec: number; baseline: Baseline | null },
): Promise<ApiResult<CreatedViewing>> {
  return request("POST", "/api/screenings", { doing: "Creating the viewing", body: input });
}

/** What a finished viewing's result says beside its summary (`resultJson` on the server). */
export interface ViewingResultJson {
  /** The viewer's verdict, 0–10, or null. */
  verdict: number | null;
  /** The verdict the viewer's personal model expects, or null when it is not active. */
  predictedVerdict: number | null;
  prediction: VerdictPrediction | null;
  /** What the rating is measured against; null until finished. */
  reference: RatingReference | null;
}

export interface FinishedViewing extends ViewingResultJson {
  screening: { id: string; film: string; state: string };
  summary: ViewingSummary | null;
}

/** `POST /api/screenings/:id/finish`: rates the viewing on what the server stored. */
export function finishViewing(id: string, token: string): Promise<ApiResult<FinishedViewing>> {
  // An empty object: accepted by every version of the route (a bodiless POST once was not).
  return request("POST", `${screening(id)}/finish`, {
    doing: "Finishing the viewing",
    body: {},
    token,
  });
}

/**
 * `PUT /api/screenings/:id/verdict` (`verdict` 0–10 in half points) or, with null, `DELETE`:
 * the viewer's own verdict on the film.
 */
export function saveVerdict(
  id: string,
  token: string,
  verdict: number | null,
): Promise<ApiResult<{ id: string; verdict: number | null }>> {
  return verdict === null
    ? request("DELETE", `${screening(id)}/verdict`, { doing: "Removing your verdict", token })
    : request("PUT", `${screening(id)}/verdict`, {
      doing: "Saving your verdict",
      body: { verdict },
      token,
    });
}

/** `DELETE /api/screenings/:id`: the viewing, its minutes and its share of the film's numbers. */
export function deleteViewing(id: string, token: string): Promise<ApiResult<unknown>> {
  return request("DELETE", screening(id), { doing: "Deleting the viewing", token });
}

/** `PUT /api/screenings/:id/minutes/:seq`: one minute document; a repeat is answered 200. */
export function putMinute(document: MinuteDocument, token: string): Promise<ApiResult<unknown>> {
  return request("PUT", `${screening(document.screeningId)}/minutes/${document.seq}`, {
    doing: `Storing minute ${document.seq + 1}`,
    body: { seconds: document.seconds },
    token,
  });
}

/**
 * `POST /api/screenings/:id/alive`: tells the server that the page recording the viewing is
 * still open while it sends nothing (paused, waiting), so that it is not finished for idleness.
 */
export function sayAlive(id: string, token: string): Promise<ApiResult<unknown>> {
  return request("POST", `${screening(id)}/alive`, { doing: "Keeping the viewing open", token });
}

/** `GET /api/screenings/:id`: every second recorded in a viewing, in order. */
export async function viewingSeconds(id: string): Promise<ApiResult<RecordedSecond[]>> {
  const doing = "Reading this viewing's seconds";
  const result = await request<{ seconds?: unknown }>("GET", screening(id), { doing });
  if (result.ok && !Array.isArray(result.data?.seconds)) {
    return failureOf(result.status, { error: "the answer holds no seconds" }, doing);
  }
  return mapData(result, (data) => data.seconds as RecordedSecond[]);
}

/** A second of the film's audience as `GET /api/films/:slug/audience` gives it. */
export type AudienceSecondJson = Pick<AudienceSecond, "t" | "viewers" | "faces" | "counts">;

/** `GET /api/films/:slug/audience`: the film's per-second audience aggregate. */
export async function audienceSeconds(slug: string): Promise<ApiResult<AudienceSecondJson[]>> {
  const doing = "Reading the audience's seconds";
  const result = await request<{ seconds?: unknown }>("GET", `${film(slug)}/audience`, { doing });
  if (result.ok && !Array.isArray(result.data?.seconds)) {
    return failureOf(result.status, { error: "the answer holds no seconds" }, doing);
  }
  return mapData(result, (data) => data.seconds as AudienceSecondJson[]);
}

/** `GET /api/screenings/:id/charts`: a finished viewing's second-by-second charts. */
export async function viewingChartsData(id: string): Promise<ApiResult<ViewingChartsData>> {
  const doing = "Reading this viewing's charts";
  const result = await request<{ charts?: ViewingChartsData }>("GET", `${screening(id)}/charts`, {
    doing,
  });
  return mapData(result, (data) => data.charts!);
}

/** `GET /api/films/:slug/chart`: the film's audience chart, second by second. */
export async function audienceChartData(slug: string): Promise<ApiResult<AudienceChartData>> {
  const doing = "Reading the audience's chart";
  const result = await request<{ chart?: AudienceChartData }>("GET", `${film(slug)}/chart`, {
    doing,
  });
  return mapData(result, (data) => data.chart!);
}

/** A catalog title a library film may be. */
export interface CatalogCandidate {
  tconst: string;
  title: string;
  year: number | null;
  rating: number | null;
  votes: number | null;
  imdb_url: string;
}

/** `GET /api/catalog/search`: the catalog titles a film may be, best first. */
export function searchCatalog(
  { title, year, limit }: { title: string; year: number | null; limit: number },
): Promise<ApiResult<{ candidates: CatalogCandidate[]; message?: string }>> {
  const query = new URLSearchParams({ title, limit: String(limit) });
  if (year) query.set("year", String(year));
  return request("GET", `/api/catalog/search?${query}`, { doing: "Searching the catalog" });
}

/** `PUT /api/films/:slug/imdb`: links a library film to its IMDb title (a viewer of it may). */
export function linkFilm(
  slug: string,
  { tconst, screeningId, token }: { tconst: string; screeningId: string; token: string },
): Promise<ApiResult<unknown>> {
  return request("PUT", `${film(slug)}/imdb`, {
    doing: "Linking the film",
    body: { tconst, screeningId },
    token,
  });
}

/** `POST /api/films/:slug/imdb-proposals`: proposes a film's IMDb title for an admin to confirm. */
export function proposeFilmLink(
  slug: string,
  { tconst, screeningId, token }: { tconst: string; screeningId: string; token: string },
): Promise<ApiResult<unknown>> {
  return request("POST", `${film(slug)}/imdb-proposals`, {
    doing: "Proposing the film's title",
    body: { tconst, screeningId },
    token,
  });
}

/** `PUT /api/films/:slug/imdb` by an admin signed in: confirms a proposed title. */
export function confirmFilmLink(slug: string, tconst: string): Promise<ApiResult<unknown>> {
  return request("PUT", `${film(slug)}/imdb`, { doing: "Linking the film", body: { tconst } });
}

/** `DELETE /api/films/:slug/imdb-proposals?tconst=`: an admin dismisses a proposed title. */
export function dismissFilmLink(slug: string, tconst: string): Promise<ApiResult<unknown>> {
  const query = new URLSearchParams({ tconst });
  return request("DELETE", `${film(slug)}/imdb-proposals?${query}`, {
    doing: "Dismissing the proposal",
  });
}

/** Where the catalog's import is, whether the catalog is still empty, and who may start it. */
export interface CatalogImportState {
  status: ImportJobStatus;
  catalogEmpty: boolean;
  mayStart: boolean;
}

/** `GET /api/catalog/import`: the catalog import's progress. */
export function catalogImportState(): Promise<ApiResult<CatalogImportState>> {
  return request("GET", "/api/catalog/import", { doing: "Reading the import's progress" });
}

/** `POST /api/catalog/import`: downloads and imports IMDb's catalog (one run at a time). */
export function startCatalogImport(): Promise<
  ApiResult<{ started: boolean; status: ImportJobStatus }>
> {
  return request("POST", "/api/catalog/import", { doing: "Starting the import", body: {} });
}

/** A passkey ceremony: signing up, signing in, or adding a passkey to the account. */
export type PasskeyPurpose = "sign-up" | "sign-in" | "add-passkey";

/** What signing in (or up) answers: the viewer, and viewings from before accounts to take. */
export interface SignedIn {
  viewer: { id: string; name: string };
  personalViewings: number;
}

/** `POST /api/auth/options`: the passkey prompt's options (its challenge kept by the server). */
export function passkeyOptions(
  purpose: PasskeyPurpose,
  name?: string,
): Promise<ApiResult<Record<string, unknown>>> {
  return request("POST", "/api/auth/options", {
    doing: purpose === "sign-in" ? "Signing in" : "Preparing the passkey",
    body: { purpose, name },
  });
}

/** `POST /api/auth/verify`: the browser's answer to the prompt. */
export function passkeyVerify<T = SignedIn>(
  purpose: PasskeyPurpose,
  response: unknown,
): Promise<ApiResult<T>> {
  return request("POST", "/api/auth/verify", {
    doing: purpose === "sign-in" ? "Signing in" : "Saving the passkey",
    body: { purpose, response },
  });
}

/** `POST /api/auth/recover`: signs in with a one-time recovery code. */
export function recoverWithCode(code: string): Promise<ApiResult<SignedIn>> {
  return request("POST", "/api/auth/recover", { doing: "Signing in", body: { code } });
}

/** `POST /api/auth/sign-out`: this session, or every session of the viewer. */
export function signOut(everywhere: boolean): Promise<ApiResult<unknown>> {
  return request("POST", "/api/auth/sign-out", { doing: "Signing out", body: { everywhere } });
}

/** `POST /api/account/personal`: the first account takes (or not) the viewings from before. */
export function answerPersonal(take: boolean): Promise<ApiResult<{ given: number }>> {
  return request("POST", "/api/account/personal", {
    doing: "Saving your answer",
    body: { take },
  });
}

const passkey = (id: string) => `/api/account/passkeys/${encodeURIComponent(id)}`;

/** `PUT /api/account/passkeys/:id`: renames one of the viewer's passkeys. */
export function renamePasskey(id: string, name: string): Promise<ApiResult<unknown>> {
  return request("PUT", passkey(id), { doing: "Renaming the passkey", body: { name } });
}

/** `DELETE /api/account/passkeys/:id`: removes one (never the last without a recovery code). */
export function removePasskey(id: string): Promise<ApiResult<unknown>> {
  return request("DELETE", passkey(id), { doing: "Removing the passkey" });
}

/** `POST /api/account/recovery-codes`: new one-time codes, shown once. */
export function makeRecoveryCodes(): Promise<ApiResult<{ codes: string[] }>> {
  return request("POST", "/api/account/recovery-codes", { doing: "Making recovery codes" });
}

/** `DELETE /api/account`: the account and everything in it. */
export function deleteAccount(): Promise<ApiResult<unknown>> {
  return request("DELETE", "/api/account", { doing: "Deleting your account" });
}
