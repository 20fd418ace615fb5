/**
 * A bar chart: the library's favourite films (horizontal bars that open the film) or a film's
 * rating distribution (columns). The page shows the same numbers in a table.
 */
import { baseOptions, useApexChart } from "@/lib/charts/apex.ts";
import { tooltipHtml } from "@/lib/charts/tooltip.ts";

export interface BarChartProps {
  /** Names the chart (`data-chart`). */
  id: string;
  categories: string[];
  values: number[];
  /** What a value is, for the tooltip and the axis, e.g. "Mean rating". */
  valueLabel: string;
  horizontal: boolean;
  /** Where clicking each bar goes, if anywhere. */
  links?: string[];
  /** The value axis' maximum (e.g. 100 for ratings). */
  max?: number;
  /** Decimals shown for the values. */
  digits: number;
  /** An accessible summary of the chart. */
  description: string;
}

/** The chart type this island draws, fetched when it scrolls into view. */
const loadBarChart = () => import("apexcharts/bar");

export default function BarChart(
  { id, categories, values, valueLabel, horizontal, links, max, digits, description }:
    BarChartProps,
) {
  const height = horizontal ? Math.max(160, 40 + categories.length * 34) : 240;
  const ref = useApexChart((palette) => {
    const base = baseOptions(palette, height);
    const format = (value: number) => value.toFixed(digits);
    return {
      ...base,
      chart: {
        ...base.chart,
        id: `bar-${id}`,
        type: "bar",
        events: links
          ? {
            dataPointSelection: (_event, _chart, options) => {
              const href = links[options?.dataPointIndex ?? -1];
              if (href) location.assign(href);
            },
          }
          : {},
      },
      series: [{ name: valueLabel, data: values }],
      colors: [palette.accent],
      plotOptions: {
        bar: { horizontal, borderRadius: 4, barHeight: "70%", columnWidth: "70%" },
      },
      dataLabels: {
        enabled: horizontal,
        formatter: (value: number) => format(value),
        style: { colors: ["#fff"], fontWeight: 600 },
      },
      xaxis: {
        categories,
        max: horizontal ? max : undefined,
        tickAmount: horizontal ? 5 : undefined,
        labels: {
          trim: !horizontal,
          maxHeight: 60,
          rotate: 0,
          hideOverlappingLabels: false,
          // The value axis of horizontal bars.
          formatter: horizontal ? (value: string) => String(Math.round(Number(value))) : undefined,
        },
        axisBorder: { color: palette.border },
        axisTicks: { color: palette.border },
        // Its text would be a category (a film's title) written as HTML.
        tooltip: { enabled: false },
      },
      grid: { ...base.grid, padding: { top: horizontal ? -16 : 0, right: 16 } },
      yaxis: {
        max: horizontal ? undefined : max,
        labels: {
          maxWidth: horizontal ? 260 : 60,
          style: { fontSize: horizontal ? "13px" : "12px", colors: palette.text },
          formatter: (value: number | string) =>
            typeof value === "number" ? format(value) : String(value),
        },
      },
      states: { hover: { filter: { type: "darken" } } },
      responsive: [{
        breakpoint: 600,
        options: {
          yaxis: { labels: { maxWidth: horizontal ? 130 : 40 } },
          xaxis: { labels: { rotate: 0, style: { fontSize: "9px" } } },
        },
      }],
      tooltip: {
        ...base.tooltip,
        custom: ({ dataPointIndex: k }) =>
          categories[k] === undefined
            ? ""
            : tooltipHtml(categories[k], [{ label: valueLabel, value: format(values[k]) }]),
      },
    };
  }, loadBarChart);
  return (
    <div
      ref={ref}
      class={`chart__canvas ${horizontal ? "chart__canvas--bars" : ""}`}
      data-chart={id}
      data-bars={categories.length}
      role="img"
      aria-label={description}
    />
  );
}
