/**
 * The data of `/screenings/:id`: the viewing, its film, and once finished its summary with
 * the charts and the minute table built from its seconds. Reads the store through its port.
 */
import { isViewingId } from "@/lib/api/token.ts";
import {
  type MinuteRow,
  viewingCharts,
  type ViewingChartsData,
  viewingMinutes,
} from "@/lib/dashboards/viewing_page.ts";
import type { ViewingSummary } from "@/lib/rating/types.ts";
import { libraryHistogram } from "@/lib/dashboards/library_page.ts";
import {
  MIN_OWN_RATINGS,
  placeInHistogram,
  type RatingReference,
  ratingReference,
} from "@/lib/rating/reference.ts";
import { type ReactionBlocks, viewingBlocks } from "@/lib/dashboards/blocks.ts";
import type { Film, Store, Viewing } from "@/lib/store/port.ts";
import { secondsOf } from "@/lib/store/viewing_effect.ts";

export interface ViewingPage {
  screening: Pick<Viewing, "id" | "state" | "startedAt" | "finishedAt" | "durationSec">;
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

/** The viewing page's data, or null when there is no viewing `id`. */
export async function loadViewingPage(store: Store, id: string): Promise<ViewingPage | null> {
  const viewing = isViewingId(id) ? await store.getViewing(id) : null;
  if (!viewing) return null;
  const [film, minutes, films] = await Promise.all([
    store.getFilm(viewing.film),
    store.listMinutes(viewing.id),
    store.listFilms(),
  ]);
  const seconds = secondsOf(minutes ?? []);
  const { summary } = viewing;
  let finished: ViewingPage["finished"] = null;
  if (viewing.state === "finished" && summary) {
    const { perSecond: _perSecond, ...rest } = summary;
    finished = {
      summary: rest,
      charts: viewingCharts(summary, seconds),
      minutes: viewingMinutes(summary, seconds),
      blocks: viewingBlocks(summary.perSecond, seconds, viewing.durationSec),
      reference: {
        ...ratingReference(summary, { filmHistogram: film?.stats.ratingHistogram ?? null }),
        own: placeInHistogram(summary.rating, libraryHistogram(films), MIN_OWN_RATINGS),
      },
    };
  }
  return {
    screening: {
      id: viewing.id,
      state: viewing.state,
      startedAt: viewing.startedAt,
      finishedAt: viewing.finishedAt,
      durationSec: viewing.durationSec,
    },
    film: {
      slug: viewing.film,
      title: film?.title ?? viewing.film,
      year: film?.year ?? null,
    },
    recordedSec: seconds.length,
    finished,
  };
}
