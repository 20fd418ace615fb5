/**
 * The data of `/films/:slug`: the film, its IMDb card, the requesting viewer's own viewings of
 * it, and the audience: its per-second aggregate (O(film length), whatever the audience), its
 * rating distribution and the lines of its favourite 20 seconds, only when at least
 * `MIN_AUDIENCE` viewers contributed (always in personal mode: its one viewer's own). Never
 * another viewer's viewings. Reads the store and the catalog through their ports.
 */
import type { CatalogPort, CatalogTitle } from "@/lib/catalog/port.ts";
import {
  audienceChart,
  type AudienceChartData,
  type AudienceMinuteRow,
  audienceMinutes,
  audienceOverall,
  linesBetween,
} from "@/lib/dashboards/film_page.ts";
import { filmMean } from "@/lib/dashboards/library_page.ts";
import { isFilmSlug } from "@/lib/film.ts";
import { audienceFavourite } from "@/lib/rating/audience.ts";
import type { AudienceMoment } from "@/lib/rating/types.ts";
import type { Film, Store, ViewingListing } from "@/lib/store/port.ts";
import { secondsOf } from "@/lib/store/viewing_effect.ts";
import { ownFilmStats } from "@/lib/dashboards/library_page.ts";
import type { AccountsConfig } from "@/lib/viewers/config.ts";
import type { RequestViewer } from "@/lib/viewers/own.ts";

/** Distinct viewers a film's audience numbers need before a shared installation shows them. */
export const MIN_AUDIENCE = 3;

/** The viewings listed on the page, most recent first. */
export const LISTED_VIEWINGS = 20;
/** How many viewings' seconds are searched for the lines of the audience's favourite. */
export const LINE_SOURCES = 3;
/** Films whose favourite's lines are kept in memory. */
export const CACHED_FILMS = 1000;

export interface FilmPage {
  film: Film;
  /** IMDb data, when the film is linked to a catalog title. */
  imdb: CatalogTitle | null;
  mean: number | null;
  chart: AudienceChartData;
  minutes: AudienceMinuteRow[];
  /** Shares of all viewer-seconds per series of AUDIENCE_SERIES. */
  overall: number[];
  favourite: (AudienceMoment & { lines: string[] }) | null;
  /** The requesting viewer's own viewings of the film, newest first. */
  viewings: ViewingListing[];
  /**
   * Distinct viewers counted in the audience, and whether their numbers are shown (`open`);
   * when not, `film.stats`, the charts and the favourite are the viewer's own or empty.
   */
  audience: { viewers: number; open: boolean; needed: number };
}

/**
 * The lines of each film's audience favourite, kept while the window and the audience stay the
 * same (the film's stats change with every finished or deleted viewing), so that a film page
 * reads a viewing's seconds only when its favourite may have changed. One cache per store,
 * bounded to CACHED_FILMS films (the least recently stored go first).
 */
const favouriteLinesByStore = new WeakMap<Store, Map<string, { key: string; lines: string[] }>>();

async function linesOfFavourite(
  store: Store,
  film: Film,
  window: { start: number; end: number },
  viewings: ViewingListing[],
): Promise<string[]> {
  const { viewings: count, ratingSum, lastWatchedAt } = film.stats;
  const key = [window.start, window.end, count, ratingSum, lastWatchedAt].join(":");
  let favouriteLines = favouriteLinesByStore.get(store);
  if (!favouriteLines) favouriteLinesByStore.set(store, favouriteLines = new Map());
  const cached = favouriteLines.get(film.slug);
  if (cached?.key === key) return cached.lines;
  // The aggregate holds no text: the lines come from the seconds of a few viewings.
  let lines: string[] = [];
  const sources = viewings.filter((v) => v.state === "finished").slice(0, LINE_SOURCES);
  for (const viewing of sources) {
    const minutes = await store.listMinutes(viewing.id);
    lines = linesBetween(secondsOf(minutes ?? []), window.start, window.end);
    if (lines.length > 0) break;
  }
  favouriteLines.delete(film.slug);
  if (favouriteLines.size >= CACHED_FILMS) {
    favouriteLines.delete(favouriteLines.keys().next().value!);
  }
  favouriteLines.set(film.slug, { key, lines });
  return lines;
}

/** The IMDb title the film is linked to, if any (the catalog may be empty or unreachable). */
async function catalogTitle(catalog: CatalogPort, slug: string): Promise<CatalogTitle | null> {
  try {
    const tconst = await catalog.filmLink(slug);
    return tconst ? await catalog.title(tconst) : null;
  } catch (error) {
    // The audience's numbers matter more than the card: show the page without it.
    console.error(`catalog lookup for ${slug} failed:`, error);
    return null;
  }
}

/** Whether a film's audience numbers may be shown to its viewers (see `MIN_AUDIENCE`). */
export function audienceOpen(mode: AccountsConfig["mode"], viewers: number): boolean {
  return mode === "personal" || viewers >= MIN_AUDIENCE;
}

/** The film page's data for `viewer` (null: nobody signed in), or null when there is no film. */
export async function loadFilmPage(
  store: Store,
  catalog: CatalogPort,
  slug: string,
  viewer: RequestViewer | null,
  mode: AccountsConfig["mode"] = "personal",
): Promise<FilmPage | null> {
  const found = isFilmSlug(slug) ? await store.getFilm(slug) : null;
  if (!found) return null;
  const [viewers, viewings, imdb] = await Promise.all([
    store.countFilmViewers(found.slug),
    viewer
      ? store.listViewings({ viewer: viewer.id, film: found.slug, limit: LISTED_VIEWINGS })
      : [],
    catalogTitle(catalog, found.slug),
  ]);
  const open = audienceOpen(mode, viewers);
  const audience = { viewers, open, needed: Math.max(0, MIN_AUDIENCE - viewers) };
  // Closed: nothing of the other viewers, not even their sums; the viewer's own totals only.
  const film = open ? found : { ...found, stats: ownFilmStats(viewings) };
  const aggregate = open ? await store.readAudience(film.slug) : [];
  const best = audienceFavourite(aggregate);
  const sources = best ? await store.listViewings({ film: film.slug, limit: LISTED_VIEWINGS }) : [];
  const favourite = best
    ? { ...best, lines: await linesOfFavourite(store, film, best, sources) }
    : null;
  return {
    film,
    imdb,
    mean: filmMean(film),
    chart: audienceChart(aggregate),
    minutes: audienceMinutes(aggregate),
    overall: audienceOverall(aggregate),
    favourite,
    viewings,
    audience,
  };
}
