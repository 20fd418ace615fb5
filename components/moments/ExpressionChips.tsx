/** The expression chips of the moments player: toggle buttons with each one's moments. */
import { clock } from "@/lib/dashboards/format.ts";
import { type ExpressionCount, expressionName } from "@/lib/moments/mod.ts";
import type { Expression } from "@/lib/recording.ts";

/** A length for a chip: "48 s", or "m:ss" from a minute on. */
export function shortLength(seconds: number): string {
  return seconds < 60 ? `${Math.round(seconds)} s` : clock(seconds);
}

export interface ExpressionChipsProps {
  counts: readonly ExpressionCount[];
  selected: ReadonlySet<Expression>;
  onToggle(expression: Expression): void;
}

export function ExpressionChips({ counts, selected, onToggle }: ExpressionChipsProps) {
  return (
    <div class="moments-chips" role="group" aria-label="Expressions to play">
      {counts.map(({ expression, segments, seconds }) => {
        const none = segments === 0;
        const pressed = !none && selected.has(expression);
        const summary = none
          ? "no moment"
          : `${segments} moment${segments === 1 ? "" : "s"}, ${shortLength(seconds)}`;
        return (
          <button
            type="button"
            class={`moments-chip tint--${expression}`}
            aria-pressed={pressed}
            disabled={none}
            data-expression={expression}
            data-segments={segments}
            title={`${expressionName(expression)}: ${summary}`}
            onClick={() => onToggle(expression)}
          >
            <i class="moments-chip__dot" aria-hidden="true"></i>
            <span class="moments-chip__name">{expressionName(expression)}</span>
            <span class="moments-chip__count">
              <span aria-hidden="true">{none ? "0" : `${segments} · ${shortLength(seconds)}`}</span>
              <span class="visually-hidden">{summary}</span>
            </span>
          </button>
        );
      })}
    </div>
  );
}
