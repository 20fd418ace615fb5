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
import { audienceBlocks, type ReactionBlocks } from "@/lib/dashboards/blocks.ts";
import { MIN_HISTOGRAM_RATINGS } from "@/lib/charts/distribution.ts";
import { isFilmSlug } from "@/lib/film.ts";
import { audienceFavourite } from "@/lib/rating/audience.ts";
import type { AudienceMoment } from "@/lib/rating/types.ts";
import type { Film, Store, ViewingListing } from "@/lib/store/port.ts";
import { secondsOf } from "@/lib/store/viewing_effect.ts";
import { ownFilmStats } from "@/lib/store/viewing_effect.ts";
import type { AccountsConfig } from "@/lib/viewers/config.ts";
import type { RequestViewer } from "@/lib/viewers/own.ts";

/** Distinct viewers a film's audience numbers need before a shared installation shows them. */
export const MIN_AUDIENCE = 3;
import { storeCache } from "./store_cache.ts";

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
  /** The whole film in 30- or 60-second blocks: the default chart. */
  blocks: ReactionBlocks;
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
  /**
   * The counted viewings' ratings, one each, when there are fewer than `MIN_HISTOGRAM_RATINGS`
   * (a histogram of so few says less than the ratings themselves); else null.
   */
  ratings: number[] | null;
}

/** What the page derives from the film's aggregate: computed once per version of the film. */
interface AudienceView {
  chart: AudienceChartData;
  blocks: ReactionBlocks;
  minutes: AudienceMinuteRow[];
  overall: number[];
  best: AudienceMoment | null;
}

/**
 * The version of a film's aggregates: its stats change with every finished or deleted viewing,
 * and the blocks with its length.
 */
export function filmVersion(film: Film): string {
  const { viewings, ratingSum, lastWatchedAt, watchSec } = film.stats;
  return [viewings, ratingSum, watchSec, lastWatchedAt, film.durationSec].join(":");
}

const audienceViews = storeCache<AudienceView>(CACHED_FILMS);
/**
 * The lines of each film's audience favourite, kept while the window and the audience stay the
 * same, so that a film page reads a viewing's seconds only when its favourite may have changed.
 */
const favouriteLines = storeCache<string[]>(CACHED_FILMS);

/** What a film page shows of an audience it may not show: its frame, nothing of anyone. */
function emptyAudienceView(film: Film): AudienceView {
  return {
    chart: audienceChart([]),
    blocks: audienceBlocks([], film.durationSec),
    minutes: audienceMinutes([]),
    overall: audienceOverall([]),
    best: null,
  };
}

/** The film's audience view, from the cache or from its aggregate (read once per version). */
async function audienceView(store: Store, film: Film): Promise<AudienceView> {
  const version = filmVersion(film);
  const cached = audienceViews.get(store, film.slug, version);
  if (cached) return cached;
  const aggregate = await store.readAudience(film.slug);
  const view = {
    chart: audienceChart(aggregate),
    blocks: audienceBlocks(aggregate, film.durationSec),
    minutes: audienceMinutes(aggregate),
    overall: audienceOverall(aggregate),
    best: audienceFavourite(aggregate),
  };
  audienceViews.set(store, film.slug, version, view);
  return view;
}

async function linesOfFavourite(
  store: Store,
  film: Film,
  window: { start: number; end: number },
  viewings: ViewingListing[],
): Promise<string[]> {
  const key = [window.start, window.end, filmVersion(film)].join(":");
  const cached = favouriteLines.get(store, film.slug, key);
  if (cached) return cached;
  // The aggregate holds no text: the lines come from the seconds of a few viewings.
  let lines: string[] = [];
  const sources = viewings.filter((v) => v.state === "finished").slice(0, LINE_SOURCES);
  for (const viewing of sources) {
    const minutes = await store.listMinutes(viewing.id);
    lines = linesBetween(secondsOf(minutes ?? []), window.start, window.end);
    if (lines.length > 0) break;
  }
  favouriteLines.set(store, film.slug, key, lines);
  return lines;
}

/** The film's audience chart, second by second (from its cached audience view). */
export async function loadAudienceChart(store: Store, film: Film): Promise<AudienceChartData> {
  return (await audienceView(store, film)).chart;
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

/** Whether film `slug`'s audience numbers may be shown; its viewers are counted only in shared mode. */
export async function audienceShown(
  store: Store,
  mode: AccountsConfig["mode"],
  slug: string,
): Promise<boolean> {
  return mode === "personal" || audienceOpen(mode, await store.countFilmViewers(slug));
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
  const view = open ? await audienceView(store, film) : emptyAudienceView(film);
  const { best } = view;
  const sources = best ? await store.listViewings({ film: film.slug, limit: LISTED_VIEWINGS }) : [];
  const favourite = best
    ? { ...best, lines: await linesOfFavourite(store, film, best, sources) }
    : null;
  return {
    film,
    imdb,
    mean: filmMean(film),
    chart: view.chart,
    blocks: view.blocks,
    minutes: view.minutes,
    overall: view.overall,
    favourite,
    viewings,
    audience,
    // Each rating as a dot: the viewer's own, or everyone's only in personal mode (in shared
    // mode a few viewers' exact ratings would say too much about each of them).
    ratings: open && mode !== "personal" ? null : fewRatings(film, viewings),
  };
}

/** The ratings of a film with fewer than MIN_HISTOGRAM_RATINGS counted viewings, or null. */
function fewRatings(film: Film, viewings: readonly ViewingListing[]): number[] | null {
  if (film.stats.viewings >= MIN_HISTOGRAM_RATINGS) return null;
  const ratings = viewings.flatMap((v) =>
    v.state === "finished" && v.rating !== null ? [v.rating] : []
  );
  return ratings.length === film.stats.viewings ? ratings : null;
}
