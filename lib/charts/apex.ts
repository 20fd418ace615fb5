/**
 * Shared browser code of the chart islands: the lean ApexCharts core, loaded only when a chart
 * scrolls into view (dynamic import; each island loads only the chart types it draws), colours
 * read from the stylesheet's CSS variables so charts follow the light or dark theme, common
 * options and axes, and a Preact hook that draws a chart and redraws it when the theme changes.
 * Tooltips' HTML is `tooltip.ts`.
 */
import type ApexCharts from "apexcharts/core";
import type { ApexOptions } from "apexcharts/core";
import { useEffect, useRef } from "preact/hooks";
import { type Expression, EXPRESSIONS } from "@/lib/recording.ts";

export type { ApexOptions };

/** Concrete colours (#rrggbb) of the current theme, read from the CSS variables. */
export interface ChartPalette {
  mode: "light" | "dark";
  text: string;
  muted: string;
  border: string;
  accent: string;
  /** Expression colours (`--expr-*`), "none" for no face. */
  expr: Record<Expression | "none", string>;
  /** Contribution band colours (`--contrib-0` … `--contrib-4`), low to high. */
  contrib: string[];
}

let canvas: CanvasRenderingContext2D | null = null;

/** Any CSS colour (light-dark(), color-mix(), …) as #rrggbb, through a one-pixel canvas. */
function toHex(color: string): string {
  canvas ??= document.createElement("canvas").getContext("2d", { willReadFrequently: true });
  if (!canvas) return color;
  canvas.clearRect(0, 0, 1, 1);
  canvas.fillStyle = "#000";
  canvas.fillStyle = color;
  canvas.fillRect(0, 0, 1, 1);
  const [r, g, b] = canvas.getImageData(0, 0, 1, 1).data;
  return "#" + [r, g, b].map((v) => v.toString(16).padStart(2, "0")).join("");
}

/** Reads the palette as it applies at `el` (custom properties resolve there). */
export function readPalette(el: Element): ChartPalette {
  const probe = document.createElement("span");
  probe.hidden = true;
  el.appendChild(probe);
  const resolve = (variable: string) => {
    probe.style.color = `var(${variable})`;
    return toHex(getComputedStyle(probe).color);
  };
  try {
    const scheme = getComputedStyle(document.documentElement).colorScheme;
    const mode = scheme === "dark" || scheme === "light"
      ? scheme
      : matchMedia("(prefers-color-scheme: dark)").matches
      ? "dark"
      : "light";
    return {
      mode,
      text: resolve("--text"),
      muted: resolve("--text-muted"),
      border: resolve("--border"),
      accent: resolve("--accent"),
      expr: Object.fromEntries(
        [...EXPRESSIONS, "none" as const].map((label) => [label, resolve(`--expr-${label}`)]),
      ) as ChartPalette["expr"],
      contrib: [0, 1, 2, 3, 4].map((k) => resolve(`--contrib-${k}`)),
    };
  } finally {
    probe.remove();
  }
}

/** Pixels kept free above a chart's plot for its toolbar (zoom, pan, reset). */
export const TOOLBAR_ROOM = 16;

/** Options every chart shares: theme colours, no stylesheet injection, no animation. */
export function baseOptions(palette: ChartPalette, height: number): ApexOptions {
  return {
    chart: {
      height,
      fontFamily: "inherit",
      foreColor: palette.muted,
      background: "transparent",
      // The CSP allows no inline <style>: apexcharts.css is bundled into our stylesheet.
      injectStyleSheet: false,
      animations: { enabled: false },
      parentHeightOffset: 0,
      toolbar: { show: false },
      zoom: { enabled: false },
    },
    theme: { mode: palette.mode },
    // Room above the plot for the zoom toolbar, which would otherwise sit on the data.
    grid: { borderColor: palette.border, strokeDashArray: 3, padding: { top: TOOLBAR_ROOM } },
    dataLabels: { enabled: false },
    legend: { show: false },
    // Each chart draws its tooltip with `tooltipHtml`; ApexCharts would still write the
    // category (a film's title) into its own, detached title element as HTML: off.
    tooltip: { theme: palette.mode, x: { show: false } },
  };
}

/** Zoom by dragging along x, and the toolbar's zoom, pan and reset buttons. */
export function zoomOptions(): ApexOptions["chart"] {
  return {
    zoom: { enabled: true, type: "x", autoScaleYaxis: false },
    toolbar: {
      show: true,
      autoSelected: "zoom",
      tools: {
        download: false,
        selection: false,
        zoom: true,
        zoomin: true,
        zoomout: true,
        pan: true,
        reset: true,
      },
    },
  };
}

type ApexChartsClass = typeof ApexCharts;
let core: Promise<ApexChartsClass> | null = null;
/** The ApexCharts class once loaded (for `chartById`). */
let loaded: ApexChartsClass | null = null;

/** Loads the ApexCharts core once (a chunk of its own, fetched on first use). */
function loadCore(): Promise<ApexChartsClass> {
  core ??= import("apexcharts/core").then((m) => loaded = m.default);
  return core;
}

/**
 * Draws an ApexCharts chart in the returned element once it scrolls into view (within 200 px):
 * only then are the core and the chart types (`loadTypes`, e.g. `() => import("apexcharts/area")`)
 * fetched, so a page whose charts are folded away or below the fold ships no chart code at first.
 * Draws again with the new colours when the theme changes (the switch in the header, or the
 * system's preference). The chart is destroyed when the island goes away.
 */
export function useApexChart(
  build: (palette: ChartPalette) => ApexOptions,
  loadTypes: () => Promise<unknown>,
) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let chart: ApexCharts | null = null;
    let drawn = "";
    let gone = false;
    let Apex: ApexChartsClass | null = null;
    const draw = () => {
      if (!Apex || gone) return;
      const palette = readPalette(el);
      const key = JSON.stringify(palette);
      if (key === drawn) return;
      drawn = key;
      chart?.destroy();
      el.replaceChildren();
      chart = new Apex(el, build(palette));
      chart.render().then(() => {
        el.dataset.chartReady = "";
      });
    };
    const start = async () => {
      el.dataset.chartLoading = "";
      Apex = await loadCore();
      await loadTypes();
      draw();
    };
    const inView = new IntersectionObserver((entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      inView.disconnect();
      start().catch((error) => console.error("chart failed to load:", error));
    }, { rootMargin: "200px" });
    inView.observe(el);
    const observer = new MutationObserver(draw);
    observer.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ["data-theme"],
    });
    const media = matchMedia("(prefers-color-scheme: dark)");
    media.addEventListener("change", draw);
    return () => {
      gone = true;
      inView.disconnect();
      observer.disconnect();
      media.removeEventListener("change", draw);
      chart?.destroy();
    };
  }, []);
  return ref;
}

/** Round steps for a time axis, in seconds: ticks fall on whole minutes or hours. */
const TIME_STEPS = [10, 15, 30, 60, 120, 300, 600, 900, 1200, 1800, 3600, 7200];

/** A time axis' range widened to round ticks: at most `most` steps of a round length. */
export function timeTicks(
  min: number,
  max: number,
  most: number,
): { min: number; max: number; tickAmount: number } {
  const span = Math.max(1, max - min);
  const step = TIME_STEPS.find((s) => span / s <= most) ?? 3600 * Math.ceil(span / 3600 / most);
  const from = Math.floor(min / step) * step;
  const ticks = Math.max(1, Math.ceil((max - from) / step));
  return { min: from, max: from + ticks * step, tickAmount: ticks };
}

/**
 * A numeric x axis of seconds labelled as clock times ("1:02:03"), with ticks on round times,
 * and the fewer ticks a phone gets (as `responsive`, to spread into the chart's options).
 */
export function secondsAxis(
  palette: ChartPalette,
  title: string,
  range: { min: number; max: number },
  clock: (seconds: number) => string,
): Pick<ApexOptions, "xaxis" | "responsive"> {
  return {
    xaxis: {
      type: "numeric",
      ...timeTicks(range.min, range.max, 8),
      labels: {
        formatter: (value: string) => clock(Math.round(Number(value))),
        hideOverlappingLabels: true,
        rotate: 0,
      },
      title: { text: title, style: { color: palette.muted, fontWeight: 500 } },
      tooltip: { enabled: false },
      axisBorder: { color: palette.border },
      axisTicks: { color: palette.border },
    },
    responsive: [{ breakpoint: 600, options: { xaxis: timeTicks(range.min, range.max, 4) } }],
  };
}

/** The chart drawn with this `chart.id`, if any. */
export function chartById(id: string): ApexCharts | undefined {
  return loaded?.getChartByID(id);
}
