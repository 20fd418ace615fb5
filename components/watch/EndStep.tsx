/** Step 5: the rating, one line on how it was made, and the way to the viewing's dashboard. */
import { duration, rating } from "@/lib/dashboards/format.ts";
import type { ViewingSummary } from "@/lib/rating/types.ts";

interface EndStepProps {
  screeningId: string;
  title: string;
  summary: ViewingSummary | null;
  notice: string | null;
  onAgain(): void;
}

export function EndStep({ screeningId, title, summary, notice, onAgain }: EndStepProps) {
  const href = `/screenings/${encodeURIComponent(screeningId)}`;
  return (
    <section class="card watch-card watch-end" aria-labelledby="end-title" data-step-card="done">
      {notice && <p class="notice notice--warn">{notice}</p>}
      <h2 id="end-title">{title}</h2>
      <p class="watch-end__rating" data-rating={summary?.rating ?? ""}>
        <span class="watch-end__value">{rating(summary?.rating)}</span>
        <span class="watch-end__scale">/100</span>
      </p>
      <p class="watch-end__how">
        {summary
          ? `Made from ${
            duration(summary.recordedSec)
          } of your facial expressions and head movement, second by second: it starts at 50, held expressions and visible reactions add, long looks away take off.`
          : "Nothing was recorded, so there is no rating."}
      </p>
      <p class="actions">
        <a class="button" href={href} data-viewing-link>See this viewing</a>
        <button type="button" class="button button--ghost" onClick={onAgain}>
          Watch another film
        </button>
      </p>
      <p class="muted small">
        The viewing's page shows the moments, the expressions over time and the lines; you can
        delete the viewing there.
      </p>
    </section>
  );
}
