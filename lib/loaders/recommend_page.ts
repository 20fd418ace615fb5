/**
 * The data of `/recommend`: the form as the query filled it, and for a valid query the
 * catalog's films for the mood and the library's films that drew the expression. A query that
 * breaks a rule is not an error page: the form is shown again with the message (status 400).
 */
import { parseRecommendQuery } from "@/lib/api/recommend_input.ts";
import type { ImportJobStatus } from "@/lib/catalog/import_status.ts";
import type { CatalogPort } from "@/lib/catalog/port.ts";
import { HttpError, InputError } from "@/lib/framework/errors.ts";
import { type LibraryPick, rankLibraryFilms, totalsFromAudience } from "@/lib/recommend/library.ts";
import { isRecommendationType, type RecommendationType } from "@/lib/recommend/moods.ts";
import {
  type Recommendation,
  recommendFilms,
  type RecommendRequest,
} from "@/lib/recommend/recommend.ts";
import { type Expression, isExpression } from "@/lib/recording.ts";
import type { Store } from "@/lib/store/port.ts";
import { type AccountsConfig, PERSONAL } from "@/lib/viewers/config.ts";
import type { RequestViewer } from "@/lib/viewers/own.ts";
import { audienceShown } from "./film_page.ts";
import { loadOwnFilms } from "./own_films.ts";

/** Films shown when the query does not say. */
export const PAGE_FILMS = 12;
export const LIBRARY_FILMS = 6;

export interface RecommendPage {
  form: { emotion: Expression | null; type: RecommendationType; language: string; actor: string };
  /** Why the query was refused. */
  error: string | null;
  catalogEmpty: boolean;
  /**
   * The catalog's import, offered while the catalog is empty and shown while one runs or after
   * one failed; null when the catalog is there and nothing is under way.
   */
  catalogImport: { status: ImportJobStatus; mayStart: boolean } | null;
  result:
    | { request: RecommendRequest; recommendation: Recommendation; library: LibraryPick[] }
    | null;
}

/**
 * The viewer's own films that drew the expression, from the store's per-film audience
 * aggregates: only films whose audience numbers are shown (`audienceShown`; in personal mode
 * all, as its one viewer's own).
 */
async function libraryPicks(
  store: Store,
  expression: Expression,
  viewer: RequestViewer | null,
  mode: AccountsConfig["mode"],
): Promise<LibraryPick[]> {
  if (!viewer) return [];
  const own = await loadOwnFilms(store, viewer.id);
  const shown = await Promise.all(own.map((f) => audienceShown(store, mode, f.slug)));
  const films = own.filter((_, k) => shown[k]);
  const totals = await Promise.all(films.map(async (f) =>
    totalsFromAudience(
      { slug: f.slug, title: f.title, year: f.year, viewers: f.stats.viewings },
      await store.readAudience(f.slug),
    )
  ));
  return rankLibraryFilms(totals, expression, { limit: LIBRARY_FILMS });
}

/** The recommend page's data for a query, and the status to answer with. */
export async function loadRecommendPage(
  store: Store,
  catalog: CatalogPort,
  query: URLSearchParams,
  importing: { status: ImportJobStatus; mayStart: boolean } | null = null,
  who: { viewer: RequestViewer | null; mode: AccountsConfig["mode"] } = {
    viewer: PERSONAL,
    mode: "personal",
  },
): Promise<{ page: RecommendPage; status: 200 | 400 }> {
  const params = new URLSearchParams(query);
  const emotion = params.get("emotion");
  const type = params.get("type");
  const form: RecommendPage["form"] = {
    emotion: isExpression(emotion) ? emotion : null,
    type: isRecommendationType(type) ? type : "improve",
    language: params.get("language")?.trim().toLowerCase() ?? "",
    actor: params.get("actor")?.trim() ?? "",
  };
  const catalogEmpty = await catalog.isEmpty();
  const shown = importing &&
    (catalogEmpty || importing.status.state === "running" || importing.status.state === "failed");
  const page = {
    form,
    error: null,
    catalogEmpty,
    catalogImport: shown ? importing : null,
    result: null,
  };
  if (!params.has("emotion") && !params.has("type")) return { page, status: 200 };
  if (!params.get("n")) params.set("n", String(PAGE_FILMS));
  let request: RecommendRequest;
  try {
    request = parseRecommendQuery(params);
  } catch (error) {
    if (!(error instanceof HttpError || error instanceof InputError)) throw error;
    return { page: { ...page, error: error.message }, status: 400 };
  }
  const [recommendation, library] = await Promise.all([
    recommendFilms(catalog, request),
    libraryPicks(store, request.emotion, who.viewer, who.mode),
  ]);
  return { page: { ...page, result: { request, recommendation, library } }, status: 200 };
}
