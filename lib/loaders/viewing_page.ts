/**
 * The data of `/screenings/:id`: the viewing, its film, and once finished its summary with
 * the charts and the minute table built from its seconds. Reads the store through its port.
 */
import { findOwnViewing, type RequestViewer } from "@/lib/viewers/own.ts";
import {
  type MinuteRow,
  viewingCharts,
  type ViewingChartsData,
  viewingMinutes,
} from "@/lib/dashboards/viewing_page.ts";
import type { ViewingSummary } from "@/lib/rating/types.ts";
import { type RatingReference, ratingReference } from "@/lib/rating/reference.ts";
import type { AccountsConfig } from "@/lib/viewers/config.ts";
import { loadRatingReference } from "./viewing_result.ts";
import { type ReactionBlocks, viewingBlocks } from "@/lib/dashboards/blocks.ts";
import type { Film, Store, Viewing } from "@/lib/store/port.ts";
import { secondsOf } from "@/lib/store/viewing_effect.ts";
import { storeCache } from "./store_cache.ts";

export interface ViewingPage {
  screening: Pick<
    Viewing,
    "id" | "state" | "startedAt" | "finishedAt" | "durationSec" | "verdict"
  >;
  film: Pick<Film, "slug" | "title" | "year">;
  /** Recorded seconds so far (all of them once finished). */
  recordedSec: number;
  finished: {
    summary: Omit<ViewingSummary, "perSecond">;
    charts: ViewingChartsData;
    minutes: MinuteRow[];
    /** The whole film in 30- or 60-second blocks: the default chart. */
    blocks: ReactionBlocks;
    /** What the rating is measured against: anchor, interval, own and audience places. */
    reference: RatingReference;
  } | null;
}

/** Viewings whose derived page data is kept in memory (a 3-hour one holds about 100 KB). */
export const CACHED_VIEWINGS = 64;

/** What a finished viewing's page derives from its seconds: computed once, at finish or first. */
interface FinishedView {
  charts: ViewingChartsData;
  minutes: MinuteRow[];
  blocks: ReactionBlocks;
  recordedSec: number;
}

const finishedViews = storeCache<FinishedView>(CACHED_VIEWINGS);

/** A finished viewing's version: a finished viewing's seconds never change once finished. */
const viewingVersion = (viewing: Viewing) => `${viewing.finishedAt}:${viewing.durationSec}`;

/** `viewing` may have been read without its per-second points: they are read when needed. */
async function finishedView(store: Store, viewing: Viewing): Promise<FinishedView> {
  const version = viewingVersion(viewing);
  const cached = finishedViews.get(store, viewing.id, version);
  if (cached) return cached;
  const [minutes, full] = await Promise.all([
    store.listMinutes(viewing.id),
    store.getViewing(viewing.id),
  ]);
  const seconds = secondsOf(minutes ?? []);
  const summary = full?.summary ?? viewing.summary!;
  const view = {
    charts: viewingCharts(summary, seconds),
    minutes: viewingMinutes(summary, seconds),
    blocks: viewingBlocks(summary.perSecond, seconds, viewing.durationSec),
    recordedSec: seconds.length,
  };
  finishedViews.set(store, viewing.id, version, view);
  return view;
}

/**
 * A finished viewing's second-by-second charts, or null (not `viewer`'s viewing, or not
 * finished).
 */
export async function loadViewingCharts(
  store: Store,
  viewer: RequestViewer | null,
  id: string,
): Promise<ViewingChartsData | null> {
  const viewing = await findOwnViewing(store, viewer, id, { perSecond: false });
  if (viewing?.state !== "finished" || !viewing.summary) return null;
  return (await finishedView(store, viewing)).charts;
}

/** The viewing page's data, or null when `viewer` has no viewing `id`. */
export async function loadViewingPage(
  store: Store,
  viewer: RequestViewer | null,
  id: string,
  mode: AccountsConfig["mode"] = "personal",
): Promise<ViewingPage | null> {
  // Without the per-second points: what the page shows of them is computed once (finishedView).
  const viewing = await findOwnViewing(store, viewer, id, { perSecond: false });
  if (!viewing) return null;
  const done = viewing.state === "finished" && viewing.summary !== null;
  const filmRead = store.getFilm(viewing.film);
  const [film, view, reference, minutes] = await Promise.all([
    filmRead,
    done ? finishedView(store, viewing) : null,
    done ? loadRatingReference(store, viewing, mode, filmRead) : null,
    done ? null : store.listMinutes(viewing.id),
  ]);
  const { summary } = viewing;
  let finished: ViewingPage["finished"] = null;
  if (view && summary) {
    const { perSecond: _perSecond, ...rest } = summary;
    finished = {
      summary: rest,
      charts: view.charts,
      minutes: view.minutes,
      blocks: view.blocks,
      // Among the viewer's own viewings, and in the film's audience only where it may be shown.
      reference: reference ?? ratingReference(summary),
    };
  }
  return {
    screening: {
      id: viewing.id,
      state: viewing.state,
      startedAt: viewing.startedAt,
      finishedAt: viewing.finishedAt,
      durationSec: viewing.durationSec,
      verdict: viewing.verdict,
    },
    film: {
      slug: viewing.film,
      title: film?.title ?? viewing.film,
      year: film?.year ?? null,
    },
    recordedSec: view ? view.recordedSec : secondsOf(minutes ?? []).length,
    finished,
  };
}
