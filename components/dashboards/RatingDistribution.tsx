/**
 * How a film's viewings rated it, as server-rendered SVG (no JavaScript): a histogram with
 * whole-number ticks from five ratings on, each rating as a dot below that, with the 65 anchor
 * marked. Positions are percentages of the width, so text keeps its size on a phone.
 */
import { distributionLayout } from "@/lib/charts/distribution.ts";
import { rating } from "@/lib/dashboards/format.ts";
import { count } from "@/lib/dashboards/wording.ts";
import { ANCHOR_RATING } from "@/lib/rating/reference.ts";

const pct = (share: number) => `${Math.round(share * 10000) / 100}%`;
const anchor = (share: number) => (share < 0.08 ? "start" : share > 0.92 ? "end" : "middle");

const PLOT_TOP = 14;
const PLOT_BOTTOM = 138;
const HEIGHT = 162;
const ROW = 24;

function AxisLabels({ y, values }: { y: number; values: number[] }) {
  return (
    <>
      {values.map((v) => (
        <text class="svg-chart__label" x={pct(v / 100)} y={y} text-anchor={anchor(v / 100)}>
          {v}
        </text>
      ))}
    </>
  );
}

export function RatingDistribution(
  { histogram, ratings }: { histogram: readonly number[]; ratings: readonly number[] | null },
) {
  const layout = distributionLayout(histogram, ratings);
  if (layout.kind === "dots") {
    const axisY = 26 + layout.rows * ROW;
    const height = axisY + 24;
    const values = layout.dots.map((d) => rating(d.rating));
    return (
      <figure class="svg-chart distribution" data-distribution="dots">
        <svg
          class="svg-chart__svg"
          width="100%"
          height={height}
          role="img"
          aria-label={`The ${count(layout.dots.length, "rating")}, one dot each: ${
            values.join(", ")
          }`}
        >
          <line
            class="svg-chart__anchor"
            x1={pct(ANCHOR_RATING / 100)}
            x2={pct(ANCHOR_RATING / 100)}
            y1="14"
            y2={axisY}
          />
          <text
            class="svg-chart__label"
            x={pct(ANCHOR_RATING / 100)}
            y="10"
            text-anchor="middle"
          >
            {ANCHOR_RATING} = at rest
          </text>
          <line class="svg-chart__axis" x1="0" x2="100%" y1={axisY} y2={axisY} />
          {layout.dots.map((dot, k) => {
            const cy = axisY - 12 - dot.row * ROW;
            const right = dot.x > 0.8;
            return (
              <g key={k}>
                <circle class="svg-chart__dot" cx={pct(dot.x)} cy={cy} r="6" />
                <text
                  class="svg-chart__value"
                  x={pct(dot.x)}
                  y={cy + 4}
                  dx={right ? -10 : 10}
                  text-anchor={right ? "end" : "start"}
                >
                  {rating(dot.rating)}
                </text>
              </g>
            );
          })}
          <AxisLabels y={axisY + 17} values={[0, 50, 100]} />
        </svg>
        <figcaption class="muted small">
          Each dot is one viewing's rating: too few for a histogram.
        </figcaption>
      </figure>
    );
  }
  const top = layout.ticks[layout.ticks.length - 1];
  const y = (v: number) => PLOT_BOTTOM - (v / top) * (PLOT_BOTTOM - PLOT_TOP);
  const total = layout.bars.reduce((sum, b) => sum + b.count, 0);
  return (
    <figure class="svg-chart distribution" data-distribution="histogram">
      <svg
        class="svg-chart__svg"
        width="100%"
        height={HEIGHT}
        role="img"
        aria-label={`How ${count(total, "viewing")} rated it, in bands of 10 points: ${
          layout.bars.filter((b) => b.count > 0).map((b) => `${b.from}–${b.to}: ${b.count}`)
            .join(", ")
        }`}
      >
        {layout.ticks.map((v) => (
          <g key={v}>
            <line class="svg-chart__grid" x1="0" x2="100%" y1={y(v)} y2={y(v)} />
            <text class="svg-chart__label" x="2" y={y(v) - 3}>{v}</text>
          </g>
        ))}
        {layout.bars.map((bar) =>
          bar.count > 0 && (
            <rect
              class="svg-chart__bar"
              x={pct((bar.from + 0.8) / 100)}
              width={pct((bar.to - bar.from - 1.6) / 100)}
              y={y(bar.count)}
              height={PLOT_BOTTOM - y(bar.count)}
            >
              <title>{`${bar.from}–${bar.to}: ${count(bar.count, "viewing")}`}</title>
            </rect>
          )
        )}
        <line
          class="svg-chart__anchor"
          x1={pct(ANCHOR_RATING / 100)}
          x2={pct(ANCHOR_RATING / 100)}
          y1={PLOT_TOP}
          y2={PLOT_BOTTOM}
        />
        <AxisLabels y={HEIGHT - 6} values={[0, 20, 40, 60, 80, 100]} />
      </svg>
      <figcaption class="muted small">
        Viewings per band of 10 points; the dashed line is {ANCHOR_RATING}, a face at rest.
      </figcaption>
    </figure>
  );
}
