/**
 * What a viewing's result says beside its rating, read from the store: its reference (the
 * anchor, its place among the viewer's own viewings and in the film's audience, its interval)
 * and the viewer's personal model (its report, and the verdict it expects for a viewing).
 * The one place where the viewer's viewings are read for these: with accounts, the lead
 * narrows `listVerdictExamples` and `ownRatings` to the viewer here.
 */
import {
  fitPersonalModel,
  type PersonalModel,
  predictVerdict,
  type VerdictPrediction,
} from "@/lib/rating/personal_model.ts";
import { type RatingReference, ratingReference } from "@/lib/rating/reference.ts";
import type { Store, Viewing } from "@/lib/store/port.ts";

/** Own viewings a reference compares with, at most (the most recent). */
export const OWN_RATINGS_LIMIT = 10_000;

/** The viewer's personal model, fitted on their viewings with a verdict (milliseconds). */
export async function loadViewerModel(store: Store): Promise<PersonalModel> {
  return fitPersonalModel(await store.listVerdictExamples());
}

/** The ratings of the viewer's finished viewings, most recent first. */
export async function ownRatings(store: Store): Promise<number[]> {
  const listed = await store.listViewings({ limit: OWN_RATINGS_LIMIT });
  return listed.flatMap((viewing) => viewing.rating === null ? [] : [viewing.rating]);
}

/** A finished viewing's result beyond its summary; all null before it is finished. */
export interface ViewingResult {
  reference: RatingReference | null;
  /** The viewer's verdict, or null. */
  verdict: number | null;
  /** The verdict the personal model expects, with its ±; null when the model is not active. */
  prediction: VerdictPrediction | null;
}

/** The result of `viewing` (its reference and the model's prediction), read now. */
export async function loadViewingResult(store: Store, viewing: Viewing): Promise<ViewingResult> {
  const { summary } = viewing;
  if (viewing.state !== "finished" || !summary) {
    return { reference: null, verdict: viewing.verdict, prediction: null };
  }
  const [ratings, film, model] = await Promise.all([
    ownRatings(store),
    store.getFilm(viewing.film),
    loadViewerModel(store),
  ]);
  return {
    reference: ratingReference(summary, {
      ownRatings: ratings,
      filmHistogram: film?.stats.ratingHistogram ?? null,
    }),
    verdict: viewing.verdict,
    prediction: predictVerdict(model, { id: viewing.id, summary }),
  };
}
