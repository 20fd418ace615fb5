/**
 * A film read as a whole, server-rendered SVG (no JavaScript): what each 30- or 60-second block
 * alone would rate (the line, with the 65 anchor dashed) above the shares of expressions in it
 * (the bands), on a time axis from the film's start to its end; stretches nobody watched are
 * shaded. The paths stretch to the width; text is placed in percentages, so it keeps its size.
 */
import { BOX_H, BOX_W, reactionPaths } from "@/lib/charts/reaction_paths.ts";
import { wholeFilmTicks } from "@/lib/charts/axis.ts";
import type { ReactionBlocks } from "@/lib/dashboards/blocks.ts";
import { AUDIENCE_SERIES, seriesName } from "@/lib/dashboards/film_page.ts";
import { clock, duration } from "@/lib/dashboards/format.ts";
import { ANCHOR_RATING } from "@/lib/rating/reference.ts";

const LINE_TOP = 8;
const LINE_H = 96;
const BANDS_TOP = 118;
const BANDS_H = 72;
const HEIGHT = 214;

const pct = (share: number) => `${Math.round(share * 10000) / 100}%`;

export function ReactionChart(
  { data, who, id }: {
    data: ReactionBlocks;
    /** Whose reaction, for the description: "this viewing", "the audience". */
    who: string;
    /** Names the chart for tests (`data-reaction-chart`). */
    id: string;
  },
) {
  const paths = reactionPaths(data);
  const { lo, hi } = paths.range;
  const yLine = (v: number) => LINE_TOP + LINE_H * (1 - (v - lo) / Math.max(1, hi - lo));
  const allTicks = wholeFilmTicks(data.durationSec, 5);
  // The film's end is labelled; a tick too close to it would collide on a phone.
  const step = allTicks[1] ?? data.durationSec;
  const ticks = allTicks.filter((t) => data.durationSec - t >= step);
  const tickAnchor = (t: number) => (t === 0 ? "start" : "middle");
  const unwatchedSec = Math.max(0, data.durationSec - data.watchedSec);
  const description = `${who}'s reaction in ${data.blockSec}-second blocks over the whole film (${
    duration(data.durationSec)
  }): above, what each block alone would rate; below, the share of each expression.${
    unwatchedSec > 0 ? ` ${duration(unwatchedSec)} of the film were not watched (shaded).` : ""
  } The table below holds the numbers.`;
  const stretch = { viewBox: `0 0 ${BOX_W} ${BOX_H}`, preserveAspectRatio: "none" };
  return (
    <figure class="svg-chart reaction-chart" data-reaction-chart={id}>
      <svg class="svg-chart__svg" width="100%" height={HEIGHT} role="img" aria-label={description}>
        {[lo, ANCHOR_RATING, hi].map((v) => (
          <line
            class={v === ANCHOR_RATING ? "svg-chart__anchor" : "svg-chart__grid"}
            x1="0"
            x2="100%"
            y1={yLine(v)}
            y2={yLine(v)}
          />
        ))}
        <svg x="0" y={LINE_TOP} width="100%" height={LINE_H} {...stretch}>
          {paths.unwatched.map(([x, w]) => (
            <rect class="svg-chart__unwatched" x={x} y="0" width={w} height={BOX_H} />
          ))}
          <path class="reaction-chart__line" d={paths.line} vector-effect="non-scaling-stroke" />
        </svg>
        {[lo, ANCHOR_RATING, hi].map((v) => (
          <text class="svg-chart__label" x="2" y={yLine(v) - 3}>
            {v === ANCHOR_RATING ? `${v} at rest` : v}
          </text>
        ))}
        <svg x="0" y={BANDS_TOP} width="100%" height={BANDS_H} {...stretch}>
          {paths.unwatched.map(([x, w]) => (
            <rect class="svg-chart__unwatched" x={x} y="0" width={w} height={BOX_H} />
          ))}
          {AUDIENCE_SERIES.map((s, k) =>
            paths.bands[k] && <path key={s} class={`fill tint--${s}`} d={paths.bands[k]} />
          )}
        </svg>
        {ticks.map((t) => (
          <g>
            <line
              class="svg-chart__tick"
              x1={pct(t / data.durationSec)}
              x2={pct(t / data.durationSec)}
              y1={BANDS_TOP + BANDS_H}
              y2={BANDS_TOP + BANDS_H + 4}
            />
            <text
              class="svg-chart__label"
              x={pct(t / data.durationSec)}
              y={HEIGHT - 4}
              text-anchor={tickAnchor(t)}
            >
              {clock(t)}
            </text>
          </g>
        ))}
        <text class="svg-chart__label" x="100%" y={HEIGHT - 4} text-anchor="end">
          {clock(data.durationSec)}
        </text>
      </svg>
      <figcaption>
        <ul class="legend small">
          <li>
            <i class="swatch swatch--line" aria-hidden="true"></i>
            <span>each block alone would rate</span>
          </li>
          {AUDIENCE_SERIES.map((s) => (
            <li>
              <i class={`swatch tint--${s}`} aria-hidden="true"></i>
              <span>{seriesName(s)}</span>
            </li>
          ))}
          {unwatchedSec > 0 && (
            <li>
              <i class="swatch swatch--unwatched" aria-hidden="true"></i>
              <span>not watched</span>
            </li>
          )}
        </ul>
      </figcaption>
    </figure>
  );
}
