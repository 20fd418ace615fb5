/** How moments are found, in words, from the defaults the extraction uses. */
import { DEFAULT_MOMENT_OPTIONS, type MomentSource } from "@/lib/moments/mod.ts";

export function MomentRules({ source }: { source: MomentSource }) {
  const o = DEFAULT_MOMENT_OPTIONS;
  return (
    <details class="moments-rules small">
      <summary>How moments are found</summary>
      <p class="muted">
        {source === "viewing"
          ? `A second counts when the expression most often detected in it is one you chose and stands out from this viewing as a whole: one shown most of the time (more than ${
            Math.round(Math.min(1 - o.standOut, 2 / 3) * 100)
          }% of seconds) is this viewer's resting face, not a moment. `
          : `A second counts when the share of viewers showing a chosen expression is at least ${
            Math.round(o.standOut * 100)
          } points above that expression's share over the whole film (and at least ${
            Math.round(o.audienceShare * 100)
          }% of them); seconds that fewer than half of the largest audience watched are left out. `}
        Gaps of up to {o.gapToleranceSec}{" "}
        s between counting seconds are bridged; a moment lasts at least {o.minLengthSec} s, at most
        {" "}
        {o.maxLengthSec} s, and keeps {o.padBeforeSec} s before and {o.padAfterSec}{" "}
        s after, for context. A moment where two expressions share the seconds is named by its mix.
        The percentage is {source === "viewing"
          ? "the model's mean confidence in the expression over the moment's seconds that showed it"
          : "the mean share of viewers who showed the expression"}. These are guesses about faces,
        not about what anyone felt.
      </p>
    </details>
  );
}
