/**
 * What a viewing's result says beside its rating, read from the store: its reference (the
 * anchor, its place among the viewer's own viewings and in the film's audience, its interval)
 * and the viewer's personal model (its report, and the verdict it expects for a viewing).
 * The one place where a viewer's viewings are read for these, always the viewing's own viewer's;
 * the film's audience is referred to only where its numbers may be shown (`audienceOpen`).
 */
import {
  fitPersonalModel,
  type PersonalModel,
  predictVerdict,
  type VerdictPrediction,
} from "@/lib/rating/personal_model.ts";
import { type RatingReference, ratingReference } from "@/lib/rating/reference.ts";
import type { Film, Store, Viewing } from "@/lib/store/port.ts";
import type { AccountsConfig } from "@/lib/viewers/config.ts";
import { audienceShown } from "./film_page.ts";

/** Own viewings a reference compares with, at most (the most recent). */
export const OWN_RATINGS_LIMIT = 10_000;

/** A viewer's personal model, fitted on their viewings with a verdict (milliseconds). */
export async function loadViewerModel(store: Store, viewer: string): Promise<PersonalModel> {
  return fitPersonalModel(await store.listVerdictExamples(viewer));
}

/** A finished viewing's result beyond its summary; all null before it is finished. */
export interface ViewingResult {
  reference: RatingReference | null;
  /** The viewer's verdict, or null. */
  verdict: number | null;
  /** The verdict the personal model expects, with its ±; null when the model is not active. */
  prediction: VerdictPrediction | null;
}

/** The viewing's film when the caller has read it (or is reading it) already. */
export type FilmRead = Film | null | Promise<Film | null>;

/**
 * A finished viewing's reference: the anchor, its interval, its place among its viewer's own
 * viewings and, where the film's audience may be shown, in that audience; null before it is
 * finished. `film` saves reading the film again where the caller reads it too.
 */
export async function loadRatingReference(
  store: Store,
  viewing: Viewing,
  mode: AccountsConfig["mode"],
  film?: FilmRead,
): Promise<RatingReference | null> {
  const { summary } = viewing;
  if (viewing.state !== "finished" || !summary) return null;
  const [ratings, filmRead, shown] = await Promise.all([
    store.listOwnRatings(viewing.viewer, OWN_RATINGS_LIMIT),
    film === undefined ? store.getFilm(viewing.film) : film,
    audienceShown(store, mode, viewing.film),
  ]);
  // Below the audience's minimum its histogram would tell the other viewers' ratings.
  const filmHistogram = shown ? filmRead?.stats.ratingHistogram ?? null : null;
  return ratingReference(summary, { ownRatings: ratings, filmHistogram });
}

/**
 * The result of `viewing` (its reference and its viewer's model's prediction), read now;
 * `film` as for loadRatingReference.
 */
export async function loadViewingResult(
  store: Store,
  viewing: Viewing,
  mode: AccountsConfig["mode"],
  film?: FilmRead,
): Promise<ViewingResult> {
  const { summary } = viewing;
  if (viewing.state !== "finished" || !summary) {
    return { reference: null, verdict: viewing.verdict, prediction: null };
  }
  const [reference, model] = await Promise.all([
    loadRatingReference(store, viewing, mode, film),
    loadViewerModel(store, viewing.viewer),
  ]);
  return {
    reference,
    verdict: viewing.verdict,
    prediction: predictVerdict(model, { id: viewing.id, summary }),
  };
}
