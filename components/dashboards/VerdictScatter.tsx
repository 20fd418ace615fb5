/**
 * The reaction rating against the viewer's verdict, one dot per viewing (server-rendered SVG),
 * with their correlation and how many viewings it rests on. Nothing without verdicts.
 */
import {
  correlation,
  correlationWords,
  scatterLayout,
  type VerdictPair,
  verdictText,
} from "@/lib/dashboards/verdicts.ts";
import { rating } from "@/lib/dashboards/format.ts";
import { count } from "@/lib/dashboards/wording.ts";
import { ANCHOR_RATING } from "@/lib/rating/reference.ts";

const TOP = 10;
const PLOT_H = 170;
const HEIGHT = TOP + PLOT_H + 24;
const LEFT = 6; // percent kept for the verdict labels
const pct = (share: number) => `${Math.round((LEFT + share * (100 - LEFT - 2)) * 100) / 100}%`;

export function VerdictScatter({ pairs }: { pairs: readonly VerdictPair[] }) {
  if (pairs.length === 0) return null;
  const layout = scatterLayout(pairs);
  const r = correlation(pairs);
  const y = (share: number) => TOP + PLOT_H * (1 - share);
  const xOf = (value: number) => (value - layout.x.lo) / (layout.x.hi - layout.x.lo);
  const summary = r === null
    ? `${count(pairs.length, "viewing")} with your verdict: too few or too alike for a correlation.`
    : `Correlation r = ${r.toFixed(2)} over n = ${pairs.length} viewings: ${correlationWords(r)}.`;
  return (
    <figure class="svg-chart verdict-scatter" data-verdict-scatter={pairs.length}>
      <svg
        class="svg-chart__svg"
        width="100%"
        height={HEIGHT}
        role="img"
        aria-label={`Reaction rating against your verdict, one dot per viewing. ${summary}`}
      >
        {layout.yTicks.map((v) => (
          <g>
            <line class="svg-chart__grid" x1={pct(0)} x2="100%" y1={y(v / 10)} y2={y(v / 10)} />
            <text class="svg-chart__label" x="0" y={y(v / 10) + 4}>{v}</text>
          </g>
        ))}
        {ANCHOR_RATING > layout.x.lo && ANCHOR_RATING < layout.x.hi && (
          <line
            class="svg-chart__anchor"
            x1={pct(xOf(ANCHOR_RATING))}
            x2={pct(xOf(ANCHOR_RATING))}
            y1={TOP}
            y2={TOP + PLOT_H}
          />
        )}
        {layout.points.map((p) => (
          <circle class="svg-chart__dot verdict-scatter__dot" cx={pct(p.x)} cy={y(p.y)} r="5">
            <title>{`Rating ${rating(p.rating)}, your verdict ${verdictText(p.verdict)}`}</title>
          </circle>
        ))}
        {layout.x.ticks.map((t, k) => (
          <text
            class="svg-chart__label"
            x={pct(xOf(t))}
            y={HEIGHT - 4}
            text-anchor={k === layout.x.ticks.length - 1 ? "end" : "middle"}
          >
            {t}
          </text>
        ))}
      </svg>
      <figcaption class="small">
        <b>{summary}</b>{" "}
        <span class="muted">
          Across: the reaction rating (dashed:{" "}
          {ANCHOR_RATING}, a face at rest). Up: your verdict, 0–10.
        </span>
      </figcaption>
    </figure>
  );
}
