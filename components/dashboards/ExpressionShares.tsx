/**
 * Shares of expressions as one stacked bar and a legend with the percentages: plain HTML and
 * SVG, coloured by the `tint--*` classes, readable without JavaScript.
 */
import { percent } from "@/lib/dashboards/format.ts";

export interface Share {
  /** An expression label, or "none" for no face. */
  id: string;
  name: string;
  share: number;
}

export function ExpressionShares({ shares, label }: { shares: Share[]; label: string }) {
  const shown = shares.filter((s) => s.share > 0);
  let x = 0;
  return (
    <figure class="shares">
      <svg
        class="shares__bar"
        viewBox="0 0 1000 24"
        preserveAspectRatio="none"
        role="img"
        aria-label={label}
      >
        {shown.map((s) => {
          const width = s.share * 1000;
          const rect = (
            <rect
              class={`fill tint--${s.id}`}
              x={x.toFixed(1)}
              y="0"
              width={width.toFixed(1)}
              height="24"
            >
              <title>{`${s.name}: ${percent(s.share)}`}</title>
            </rect>
          );
          x += width;
          return rect;
        })}
      </svg>
      <figcaption>
        <ul class="legend">
          {shares.map((s) => (
            <li key={s.id}>
              <i class={`swatch tint--${s.id}`} aria-hidden="true"></i>
              <span>{s.name}</span> <b>{percent(s.share)}</b>
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
