/** What a rating is measured against, beside it: anchor, interval, places, provisional. */
import { referenceWords } from "@/lib/dashboards/reference_words.ts";
import type { RatingReference } from "@/lib/rating/reference.ts";

export function RatingReferenceNote(
  { reference, compact = false }: { reference: RatingReference; compact?: boolean },
) {
  const words = referenceWords(reference);
  const lines = compact
    ? [words.own ?? words.audience ?? words.anchor]
    : [words.anchor, words.interval, words.own, words.audience].filter((w): w is string => !!w);
  return (
    <div class={`rating-ref${compact ? " rating-ref--compact" : ""}`} data-rating-ref="">
      <ul class="rating-ref__list">
        {lines.map((line) => <li key={line}>{line}</li>)}
      </ul>
      {words.provisional && <p class="rating-ref__provisional">{words.provisional}</p>}
    </div>
  );
}
