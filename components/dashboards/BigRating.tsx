/** A rating out of 100, large: a viewing's, or a film audience's mean. */
import { rating } from "@/lib/dashboards/format.ts";

export function BigRating({ value }: { value: number | null }) {
  return (
    <p class="big-rating" data-rating={value ?? ""}>
      <span class="big-rating__value">{rating(value)}</span>
      <span class="big-rating__scale">/100</span>
    </p>
  );
}
