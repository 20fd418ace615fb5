/**
 * The viewing page's three charts, over the time watched: the expression detected each second
 * (points coloured by what the second added to the rating), how much the head moved, and how
 * the score evolved. One island, so the three share one table of subtitle lines; hovering a
 * point shows its second's line. Drag to zoom (the three charts zoom together); the toolbar
 * pans and resets. The page's per-minute table holds the same numbers without JavaScript.
 */
import type { ComponentChildren } from "preact";
import { DataInView } from "@/components/dashboards/DataInView.tsx";
import { viewingChartsData } from "@/lib/browser/api.ts";
import {
  type ApexOptions,
  baseOptions,
  chartById,
  type ChartPalette,
  secondsAxis,
  TOOLBAR_ROOM,
  useApexChart,
  zoomOptions,
} from "@/lib/charts/apex.ts";
import { tooltipHtml } from "@/lib/charts/tooltip.ts";
import { clock, signed } from "@/lib/dashboards/format.ts";
import { MOVEMENT_THRESHOLDS } from "@/lib/rating/rules.ts";
import {
  CONTRIBUTION_BANDS,
  contributionBand,
  EXPRESSION_ROWS,
  scoreRange,
  type ViewingChartsData,
  type ViewingSeries,
} from "@/lib/dashboards/viewing_page.ts";

const GROUP = "viewing";

/** The chart types this island draws, fetched when one of its charts scrolls into view. */
const loadViewingCharts = () =>
  Promise.all([
    import("apexcharts/scatter"),
    import("apexcharts/line"),
    import("apexcharts/features/toolbar"),
  ]);
const rowLabel = (row: number) => EXPRESSION_ROWS[row] ?? "no face";

/** The range the three charts show; a chart that reports this very range is following. */
let shown = { min: NaN, max: NaN };

/** Every chart of the group follows a zoom or pan of one of them. */
function zoomTogether(id: string): NonNullable<ApexOptions["chart"]>["events"] {
  const follow = (_chart: unknown, range?: { xaxis?: { min?: number; max?: number } }) => {
    const { min, max } = range?.xaxis ?? {};
    if (typeof min !== "number" || typeof max !== "number") return;
    if (Math.abs(min - shown.min) < 1e-6 && Math.abs(max - shown.max) < 1e-6) return;
    shown = { min, max };
    for (const other of ["expression", "movement", "score"]) {
      if (other !== id) chartById(`${GROUP}-${other}`)?.zoomX(min, max);
    }
  };
  return { zoomed: follow, scrolled: follow };
}

function lineOf(data: ViewingChartsData, series: ViewingSeries, k: number): string | null {
  return series.line[k] >= 0 ? data.lines[series.line[k]] : null;
}

function timeline(palette: ChartPalette, data: ViewingChartsData, id: string, height: number) {
  const base = baseOptions(palette, height);
  return {
    base,
    chart: { ...base.chart, ...zoomOptions(), id: `${GROUP}-${id}`, events: zoomTogether(id) },
    axis: secondsAxis(palette, "Time watched", {
      min: 0,
      max: data.score.x.at(-1) ?? 0,
    }, clock),
  };
}

function ExpressionChart({ data }: { data: ViewingChartsData }) {
  const { expression } = data;
  // One chart series per contribution band that has points (ApexCharts' scatter tooltips break
  // after an empty series), each remembering which points it holds.
  const byBand: number[][] = CONTRIBUTION_BANDS.map(() => []);
  expression.c.forEach((c, k) => byBand[contributionBand(c)].push(k));
  const bands = CONTRIBUTION_BANDS.map((_, b) => b).filter((b) => byBand[b].length > 0);
  const members = bands.map((b) => byBand[b]);
  const ref = useApexChart((palette) => {
    const { base, chart, axis } = timeline(palette, data, "expression", 300);
    return {
      ...base,
      chart: { ...chart, type: "scatter" },
      series: bands.map((b) => ({
        name: CONTRIBUTION_BANDS[b].label,
        data: byBand[b].map((k) => [expression.x[k], expression.y[k]]),
      })),
      colors: bands.map((b) => palette.contrib[b]),
      markers: { size: 4, strokeWidth: 0, hover: { sizeOffset: 2 } },
      ...axis,
      yaxis: {
        min: 0,
        max: EXPRESSION_ROWS.length - 1,
        tickAmount: EXPRESSION_ROWS.length - 1,
        labels: {
          formatter: (value: number) => {
            const row = Math.round(value);
            return Math.abs(value - row) < 1e-6 ? rowLabel(row) : "";
          },
        },
      },
      grid: { ...base.grid, padding: { top: TOOLBAR_ROOM, bottom: 6 } },
      tooltip: {
        ...base.tooltip,
        intersect: true,
        shared: false,
        custom: ({ seriesIndex, dataPointIndex }) => {
          const k = members[seriesIndex]?.[dataPointIndex];
          if (k === undefined) return "";
          return tooltipHtml(`Film ${clock(expression.t[k])}`, [
            { label: "Expression", value: rowLabel(expression.y[k]) },
            { label: "Added to the rating", value: signed(expression.c[k], 2) },
          ], lineOf(data, expression, k));
        },
      },
    };
  }, loadViewingCharts);
  return (
    // A figure, not an img: an img hides its children, the zoom and pan buttons among them.
    <div
      ref={ref}
      class="chart__canvas chart__canvas--tall"
      data-chart="expression"
      role="figure"
      aria-label="The expression detected each second, coloured by what it added to the rating"
    />
  );
}

/** The two line charts over the time watched: what each draws and how. */
const LINE_CHARTS = {
  movement: {
    title: "Movement over time",
    intro:
      `How far the face moved each second, in face widths: under ${MOVEMENT_THRESHOLDS.moderate} ` +
      `is still, ${MOVEMENT_THRESHOLDS.large} or more is a large move (a laugh, a jump).`,
    label: "Movement",
    unit: " face widths/s",
    digits: 2,
    range: (_series: ViewingSeries) => ({ min: 0 }),
    colour: (palette: ChartPalette) => palette.expr.surprise,
  },
  score: {
    title: "Score evolution",
    intro: "The rating the viewing would have had, had it ended there.",
    label: "Score",
    unit: "",
    digits: 1,
    range: (series: ViewingSeries) => scoreRange(series.y),
    colour: (palette: ChartPalette) => palette.accent,
  },
} as const;

function LineChart({ data, id }: { data: ViewingChartsData; id: keyof typeof LINE_CHARTS }) {
  const { label, unit, digits, range, colour } = LINE_CHARTS[id];
  const series = data[id];
  const ref = useApexChart((palette) => {
    const { base, chart, axis } = timeline(palette, data, id, 240);
    return {
      ...base,
      chart: { ...chart, type: "line" },
      series: [{ name: label, data: series.x.map((x, k) => [x, series.y[k]]) }],
      colors: [colour(palette)],
      stroke: { width: 1.5, curve: "straight" },
      markers: { size: 0, hover: { size: 4 } },
      ...axis,
      yaxis: {
        tickAmount: 4,
        ...range(series),
        labels: { formatter: (value: number) => value.toFixed(digits > 1 ? 1 : 0) },
      },
      tooltip: {
        ...base.tooltip,
        intersect: false,
        shared: true,
        custom: ({ dataPointIndex: k }) => {
          if (series.y[k] === undefined) return "";
          return tooltipHtml(`Film ${clock(series.t[k])}`, [
            { label, value: `${series.y[k].toFixed(digits)}${unit}` },
          ], lineOf(data, series, k));
        },
      },
    };
  }, loadViewingCharts);
  return (
    // A figure, not an img: an img hides its children, the zoom and pan buttons among them.
    <div
      ref={ref}
      class="chart__canvas"
      data-chart={id}
      role="figure"
      aria-label={`${label} over the time watched`}
    />
  );
}

function Section(
  { title, intro, legend, children }: {
    title: string;
    intro: string;
    legend?: ComponentChildren;
    children: ComponentChildren;
  },
) {
  return (
    <section class="section chart-section">
      <div class="chart-section__head">
        <h3>{title}</h3>
        {legend}
      </div>
      <p class="muted small">{intro}</p>
      <div class="chart card">{children}</div>
    </section>
  );
}

function Charts({ data }: { data: ViewingChartsData }) {
  return (
    <>
      <Section
        title="Expression over time"
        intro="Each point is a second: its row is the expression detected, its colour what it added to the rating. Hover for the line said; drag to zoom."
        legend={
          <ul class="legend" aria-label="What the second added to the rating">
            {CONTRIBUTION_BANDS.map((band, k) => (
              <li>
                <i class={`swatch tint--contrib-${k}`} aria-hidden="true"></i>
                <span>{band.label}</span>
              </li>
            ))}
          </ul>
        }
      >
        <ExpressionChart data={data} />
      </Section>
      {(["movement", "score"] as const).map((id) => (
        <Section key={id} title={LINE_CHARTS[id].title} intro={LINE_CHARTS[id].intro}>
          <LineChart data={data} id={id} />
        </Section>
      ))}
    </>
  );
}

/**
 * The viewing's three second-by-second charts; their data is fetched once they come into view
 * (`GET /api/screenings/:id/charts`), so the page does not carry it.
 */
export default function ViewingCharts({ screeningId }: { screeningId: string }) {
  return (
    <DataInView load={() => viewingChartsData(screeningId)} name="viewing">
      {(data) => <Charts data={data} />}
    </DataInView>
  );
}
