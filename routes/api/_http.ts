/**
 * The API's own edge pieces: finding a viewing, its write token, downloads, and the JSON
 * shapes of films and viewings. Errors, bodies and JSON answers are the framework's
 * (`lib/framework/errors.ts`, `http.ts`); the rules are pure functions in `lib/api/`.
 */
import { HttpError, InputError } from "@/lib/framework/errors.ts";
import type { CatalogPort, CatalogTitle } from "@/lib/catalog/port.ts";
import { bearerToken, isViewingId, tokenMatches } from "@/lib/api/token.ts";
import { isFilmSlug } from "@/lib/film.ts";
import type { Film, Store, StoredViewing, Viewing } from "@/lib/store/port.ts";
import type { ViewingResult } from "@/lib/loaders/viewing_result.ts";
import { findOwnViewing, type RequestViewer } from "@/lib/viewers/own.ts";

/** The viewing `id` names, or 404 (ids have a fixed shape, so a malformed one is not found). */
export async function findViewing(store: Store, id: string): Promise<StoredViewing> {
  const viewing = isViewingId(id) ? await store.getViewing(id) : null;
  if (!viewing) throw new HttpError(404, `No screening ${JSON.stringify(id)}`);
  return viewing;
}

/**
 * The viewing `id` names if it is the viewer's, else 404: to anyone but its viewer a viewing
 * does not exist (ownership is decided in `findOwnViewing`).
 */
export async function findViewerViewing(
  store: Store,
  viewer: RequestViewer | null,
  id: string,
): Promise<StoredViewing> {
  const viewing = await findOwnViewing(store, viewer, id);
  if (!viewing) throw new HttpError(404, `No screening ${JSON.stringify(id)}`);
  return viewing;
}

/** The signed-in viewer, or 401 (shared mode without a session). */
export function requireViewer(viewer: RequestViewer | null): RequestViewer {
  if (!viewer) throw new HttpError(401, "Sign in first: this needs your account");
  return viewer;
}

/** The film `slug` names, or 404; `where` ends the message (e.g. " in the library"). */
export async function findFilm(store: Store, slug: string, where = ""): Promise<Film> {
  const film = isFilmSlug(slug) ? await store.getFilm(slug) : null;
  if (!film) throw new HttpError(404, `No film ${JSON.stringify(slug)}${where}`);
  return film;
}

/**
 * The viewer's viewing `screeningId` of `film`, opened by the request's token: what lets a
 * viewer link a film or propose its title (404 if not theirs, 401 without its token, 403 for
 * a viewing of another film).
 */
export async function requireViewingOf(
  req: Request,
  store: Store,
  viewer: RequestViewer | null,
  film: Film,
  screeningId: string | null,
): Promise<StoredViewing> {
  if (screeningId === null) {
    throw new InputError("screeningId", "must be the id of your screening of this film");
  }
  const viewing = await findViewerViewing(store, viewer, screeningId);
  requireToken(req, viewing);
  if (viewing.film !== film.slug) {
    throw new HttpError(403, `Screening ${viewing.id} is not of ${film.slug}`);
  }
  return viewing;
}

/** The catalog's card of `tconst`, or 404 saying how to find or import it. */
export async function requireCatalogTitle(
  catalog: CatalogPort,
  tconst: string,
): Promise<CatalogTitle> {
  const card = await catalog.title(tconst);
  if (!card) {
    throw new HttpError(
      404,
      `${tconst} is not in the film catalog: search it with /api/catalog/search, or import IMDb's datasets`,
    );
  }
  return card;
}

/** Checks the request's Bearer token against the viewing's (401 when missing or wrong). */
export function requireToken(req: Request, viewing: StoredViewing): void {
  const challenge = { "www-authenticate": 'Bearer realm="reelfeel"' };
  const presented = bearerToken(req.headers.get("authorization"));
  if ("error" in presented) throw new HttpError(401, presented.error, challenge);
  if (!tokenMatches(presented.token, viewing.tokenHash)) {
    throw new HttpError(401, "Authorization: this token does not open this screening", challenge);
  }
}

/**
 * `Content-Disposition` for a download named `fileName`. Header values must be Latin-1 (a
 * film slug may be in any script), so a name that is not plain ASCII is given as an ASCII
 * fallback and, in full, as RFC 5987 UTF-8.
 */
export function attachment(fileName: string): string {
  const ascii = fileName.normalize("NFKD").replace(/\p{M}/gu, "").replace(/[^\w.-]+/g, "_");
  if (ascii === fileName) return `attachment; filename="${ascii}"`;
  const utf8 = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}

/** A film as the API shows it. */
export function filmJson(film: Film) {
  const { viewings, ratingSum } = film.stats;
  return {
    slug: film.slug,
    title: film.title,
    year: film.year,
    durationSec: film.durationSec,
    viewings,
    ratingMean: viewings > 0 ? Math.round((ratingSum / viewings) * 10) / 10 : null,
  };
}

/** A viewing as the API shows it: never its token's hash. */
export function viewingJson(viewing: Viewing) {
  return {
    id: viewing.id,
    film: viewing.film,
    durationSec: viewing.durationSec,
    state: viewing.state,
    startedAt: viewing.startedAt,
    lastWriteAt: viewing.lastWriteAt,
    finishedAt: viewing.finishedAt,
    finishedBy: viewing.finishedBy,
    baseline: viewing.baseline,
  };
}

/**
 * A viewing's result beside its summary: the viewer's `verdict`, the `predictedVerdict` of
 * their personal model (null when it is not active) with its ± in `prediction`, and the
 * rating's `reference` (null until finished).
 */
export function resultJson(result: ViewingResult) {
  return {
    verdict: result.verdict,
    predictedVerdict: result.prediction?.verdict ?? null,
    prediction: result.prediction,
    reference: result.reference,
  };
}
