/**
 * The latest viewings as a table: the film, when, the reaction rating with its place among the
 * viewer's viewings, and — once viewings carry them — the predicted verdict and the viewer's
 * own, side by side.
 */
import { dateTime, rating } from "@/lib/dashboards/format.ts";
import { verdictText } from "@/lib/dashboards/verdicts.ts";
import { ordinal } from "@/lib/dashboards/reference_words.ts";
import type { LibraryViewing } from "@/lib/loaders/library_page.ts";
import { MIN_OWN_RATINGS, placeInHistogram } from "@/lib/rating/reference.ts";

export function LibraryViewings(
  { viewings, histogram }: { viewings: readonly LibraryViewing[]; histogram: readonly number[] },
) {
  // The columns appear once the viewer has given a verdict or their model predicts one.
  const verdicts = viewings.some((v) => v.verdict != null || v.predictedVerdict != null);
  return (
    <div class="table-scroll">
      <table class="viewings library-viewings">
        <caption class="visually-hidden">
          The latest viewings: film, start, reaction rating{verdicts
            ? ", predicted verdict and your verdict"
            : ""}
        </caption>
        <thead>
          <tr>
            <th scope="col">Film</th>
            <th scope="col" class="wide-only">Started (UTC)</th>
            <th scope="col" class="num">Reaction rating</th>
            {verdicts && <th scope="col" class="num">Predicted</th>}
            {verdicts && <th scope="col" class="num">Your verdict</th>}
          </tr>
        </thead>
        <tbody>
          {viewings.map((v) => {
            const place = v.rating === null
              ? null
              : placeInHistogram(v.rating, histogram, MIN_OWN_RATINGS);
            return (
              <tr data-screening={v.id}>
                <td>
                  <a class="recent__title" href={`/screenings/${v.id}`}>{v.title}</a>
                  <span class="narrow-only muted small">{dateTime(v.startedAt, false)}</span>
                </td>
                <td class="wide-only">{dateTime(v.startedAt, false)}</td>
                <td class="num">
                  {v.state === "finished"
                    ? (
                      <>
                        {rating(v.rating)}
                        {place && (
                          <span class="muted small library-viewings__place">
                            {ordinal(place.percentile)} percentile
                          </span>
                        )}
                      </>
                    )
                    : <span class="pill">recording</span>}
                </td>
                {verdicts && <td class="num">{verdictText(v.predictedVerdict)}</td>}
                {verdicts && <td class="num">{verdictText(v.verdict)}</td>}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
