/**
 * What the moments player plays: whose reactions (this viewing or the audience), which
 * expressions, and a summary of the moments they make.
 */
import { clock } from "@/lib/dashboards/format.ts";
import {
  type ExpressionCount,
  type MomentSource,
  type Segment,
  SOURCE_NAMES,
  totalLength,
} from "@/lib/moments/mod.ts";
import type { Expression } from "@/lib/recording.ts";
import { ExpressionChips, shortLength } from "./ExpressionChips.tsx";
import { MomentRules } from "./MomentRules.tsx";
import type { Tracks } from "./use_moment_tracks.ts";

interface MomentsChoiceProps {
  filmSlug: string;
  tracks: Tracks;
  source: MomentSource;
  counts: readonly ExpressionCount[];
  chosen: ReadonlySet<Expression>;
  segments: readonly Segment[];
  durationSec: number;
  onSource(source: MomentSource): void;
  onToggle(expression: Expression): void;
}

export function MomentsChoice(props: MomentsChoiceProps) {
  const { tracks, source, counts, segments } = props;
  const track = tracks[source];
  const n = segments.length;
  return (
    <div class="moments-player__controls">
      {tracks.viewing && tracks.audience && (
        <div class="moments-source" role="radiogroup" aria-label="Whose reactions">
          {(["viewing", "audience"] as const).map((s) => (
            <label class="moments-source__option">
              <input
                type="radio"
                name={`moments-source-${props.filmSlug}`}
                value={s}
                checked={source === s}
                onChange={() => props.onSource(s)}
              />
              <span>{s === "viewing" ? "This viewing" : "The audience"}</span>
            </label>
          ))}
        </div>
      )}
      <ExpressionChips counts={counts} selected={props.chosen} onToggle={props.onToggle} />
      <p class="muted small moments-player__summary" role="status">
        {n > 0
          ? `${n} moment${n === 1 ? "" : "s"} of ${SOURCE_NAMES[source]}, ${
            shortLength(totalLength(segments))
          } of ${clock(props.durationSec)}.`
          : counts.some((c) => c.segments > 0)
          ? "Choose one or more expressions to play their moments."
          : `No expression held long enough in ${SOURCE_NAMES[source]} to make a moment.`}
        {source === "audience" && track && track.minViewers > 1 &&
          ` Counting seconds at least ${track.minViewers} viewers watched.`}
        {tracks.audienceError && source === "viewing" && ` (${tracks.audienceError})`}
      </p>
      <MomentRules source={source} />
    </div>
  );
}
