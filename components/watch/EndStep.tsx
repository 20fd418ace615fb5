/**
 * Step 5: the result. The rating with what it is measured against (`lib/rating/reference.ts`:
 * the anchor, the interval, its place among the viewer's viewings, "provisional"), the
 * favourite 20 seconds with their lines, the score's evolution as a small line, the verdict
 * the viewer's personal model expects (only when it predicts better than their mean), then the
 * question "How much did you like it?" and the way to the viewing's page.
 */
import { VerdictControl } from "@/components/VerdictControl.tsx";
import { FavouriteSection } from "@/components/dashboards/FavouriteSection.tsx";
import { duration, rating } from "@/lib/dashboards/format.ts";
import { provisionalNote, referenceLines } from "@/lib/dashboards/reference_text.ts";
import { sparkline } from "@/lib/dashboards/sparkline.ts";
import type { ViewingSummary } from "@/lib/rating/types.ts";
import type { WatchResult } from "@/lib/watch/watch_state.ts";

interface EndStepProps {
  result: WatchResult;
  notice: string | null;
  onAgain(): void;
}

const SPARK = { width: 240, height: 48 };

/** The score after each recorded second, as a small line with the 65 anchor dotted. */
function ScoreLine({ summary }: { summary: ViewingSummary }) {
  const line = sparkline(summary.perSecond.map((p) => p.score), SPARK);
  if (!line.path) return null;
  const label = `The score over the viewing: from ${rating(summary.perSecond[0].score)} to ${
    rating(line.last)
  }, lowest ${rating(line.min)}, highest ${rating(line.max)}.`;
  return (
    <figure class="watch-end__spark">
      <svg
        viewBox={`0 0 ${SPARK.width} ${SPARK.height}`}
        width={SPARK.width}
        height={SPARK.height}
        role="img"
        aria-label={label}
      >
        <line
          class="watch-end__anchor"
          x1="0"
          x2={SPARK.width}
          y1={line.anchorY}
          y2={line.anchorY}
        />
        <path class="watch-end__line" d={line.path} />
      </svg>
      <figcaption class="muted small">Score over the viewing (dotted: 65)</figcaption>
    </figure>
  );
}

export function EndStep({ result, notice, onAgain }: EndStepProps) {
  const { screeningId, title, summary, reference, prediction } = result;
  const href = `/screenings/${encodeURIComponent(screeningId)}`;
  const provisional = reference && provisionalNote(reference);
  return (
    <section class="card watch-card watch-end" aria-labelledby="end-title" data-step-card="done">
      {notice && <p class="notice notice--warn">{notice}</p>}
      <h2 id="end-title">{title}</h2>
      <div class="watch-end__head">
        <p class="watch-end__rating" data-rating={summary?.rating ?? ""}>
          <span class="watch-end__value">{rating(summary?.rating)}</span>
          <span class="watch-end__scale">/100</span>
        </p>
        {reference?.provisional && <span class="pill" data-provisional>provisional</span>}
        {summary && <ScoreLine summary={summary} />}
      </div>
      {reference && (
        <ul class="watch-end__reference" data-reference>
          {referenceLines(reference).map((line) => <li key={line}>{line}</li>)}
        </ul>
      )}
      {provisional && <p class="muted small">{provisional}</p>}
      <p class="watch-end__how">
        {summary
          ? `Made from ${
            duration(summary.recordedSec)
          } of your facial expressions and head movement, second by second: it starts at 50, held expressions and visible reactions add, long looks away take off. Seconds with too poor a picture are left out.`
          : "Nothing was recorded, so there is no rating."}
      </p>
      {summary?.favourite && (
        <FavouriteSection title="Your favourite 20 seconds" section={summary.favourite} />
      )}
      {prediction && (
        <p class="watch-end__prediction" data-prediction={prediction.verdict}>
          Reelfeel expects you'd give it {prediction.verdict.toFixed(1)}, ±{" "}
          {prediction.plusMinus.toFixed(1)}{" "}
          <span class="muted small">(learned from your earlier verdicts)</span>
        </p>
      )}
      {summary && (
        <VerdictControl
          screeningId={screeningId}
          token={result.token}
          initial={result.verdict}
          skippable
        />
      )}
      <p class="actions">
        <a class="button" href={href} data-viewing-link>See this viewing</a>
        <button type="button" class="button button--ghost" onClick={onAgain}>
          Watch another film
        </button>
      </p>
      <p class="muted small">
        The viewing's page shows the moments, the expressions over time and the lines; you can
        change your verdict or delete the viewing there.
      </p>
    </section>
  );
}
