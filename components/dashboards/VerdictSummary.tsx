/** A film's viewers' verdicts beside its reaction rating: their mean and, from 5, correlation. */
import {
  correlationWords,
  MIN_CORRELATION_PAIRS,
  verdictSummary,
  verdictText,
  type WithVerdict,
} from "@/lib/dashboards/verdicts.ts";
import { count } from "@/lib/dashboards/wording.ts";

export function VerdictSummary({ viewings }: { viewings: readonly WithVerdict[] }) {
  const summary = verdictSummary(viewings);
  if (summary.n === 0 || summary.mean === null) return null;
  return (
    <div class="verdict-summary" data-verdict-mean={summary.mean}>
      <p class="verdict-summary__mean">
        <b>{verdictText(summary.mean)}</b>
        <span class="muted">/10</span>
      </p>
      <p class="muted small">
        The viewers' own verdict, on average over {count(summary.n, "viewing")}.{" "}
        {summary.correlation === null
          ? `Its link with the reaction rating shows from ${MIN_CORRELATION_PAIRS} verdicts.`
          : `Reaction rating and verdict: r = ${
            summary.correlation.toFixed(2)
          } (n = ${summary.n}), ${correlationWords(summary.correlation)}.`}
      </p>
    </div>
  );
}
