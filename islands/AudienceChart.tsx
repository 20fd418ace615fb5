/**
 * The film's audience, second by second: the share of viewers showing each expression (and
 * without a face), stacked to 100 %. Hovering shows the shares at that second; drag to zoom,
 * the toolbar pans and resets. The page's per-minute table holds the numbers without JavaScript.
 */
import { baseOptions, secondsAxis, useApexChart, zoomOptions } from "@/lib/charts/apex.ts";
import { tooltipHtml } from "@/lib/charts/tooltip.ts";
import { DataInView } from "@/components/dashboards/DataInView.tsx";
import { audienceChartData } from "@/lib/browser/api.ts";
import { AUDIENCE_SERIES, type AudienceChartData, seriesName } from "@/lib/dashboards/film_page.ts";
import { clock } from "@/lib/dashboards/format.ts";

/** The chart types this island draws, fetched when it scrolls into view. */
const loadAreaChart = () =>
  Promise.all([import("apexcharts/area"), import("apexcharts/features/toolbar")]);

function Chart({ data }: { data: AudienceChartData }) {
  const ref = useApexChart((palette) => {
    const base = baseOptions(palette, 300);
    return {
      ...base,
      chart: { ...base.chart, ...zoomOptions(), id: "audience", type: "area", stacked: true },
      series: AUDIENCE_SERIES.map((id, k) => ({
        name: seriesName(id),
        data: data.t.map((t, i) => [t, data.percent[k][i]]),
      })),
      colors: AUDIENCE_SERIES.map((id) => palette.expr[id]),
      fill: { type: "solid", opacity: 0.9 },
      stroke: { width: 0, curve: "straight" },
      ...secondsAxis(palette, "Film time", {
        min: data.t[0] ?? 0,
        max: data.t.at(-1) ?? 0,
      }, clock),
      yaxis: {
        min: 0,
        max: 100,
        tickAmount: 4,
        labels: { formatter: (value: number) => `${Math.round(value)}%` },
      },
      tooltip: {
        ...base.tooltip,
        intersect: false,
        shared: true,
        custom: ({ dataPointIndex: i }) => {
          if (data.t[i] === undefined) return "";
          const viewers = data.viewers[i];
          const rows = AUDIENCE_SERIES.map((id, k) => ({ id, value: data.percent[k][i] }))
            .filter((row) => row.value > 0)
            .sort((a, b) => b.value - a.value)
            .map((row) => ({
              label: seriesName(row.id),
              value: `${row.value.toFixed(1)}%`,
              tint: row.id,
            }));
          return tooltipHtml(
            `Film ${clock(data.t[i])} · ${viewers} viewer${viewers === 1 ? "" : "s"}`,
            rows,
          );
        },
      },
    };
  }, loadAreaChart);
  return (
    // A figure, not an img: an img hides its children, the zoom and pan buttons among them.
    <div
      ref={ref}
      class="chart__canvas chart__canvas--tall"
      data-chart="audience"
      role="figure"
      aria-label="Share of the audience showing each expression, second by second"
    />
  );
}

/**
 * The audience chart; its data is fetched once it comes into view
 * (`GET /api/films/:slug/chart`), so the page does not carry it.
 */
export default function AudienceChart({ filmSlug }: { filmSlug: string }) {
  return (
    <DataInView load={() => audienceChartData(filmSlug)} name="audience">
      {(data) => <Chart data={data} />}
    </DataInView>
  );
}
