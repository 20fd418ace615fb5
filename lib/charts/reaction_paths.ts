/**
 * SVG paths of the reaction chart (`components/dashboards/ReactionChart.tsx`) in a 1000 × 100
 * box stretched to the chart's width: the engagement line over each run of watched blocks, the
 * expression bands stacked as steps, and the unwatched stretches. Pure.
 */
import { type ReactionBlocks, watchedRuns } from "@/lib/dashboards/blocks.ts";

/** The box's width and height (user units). */
export const BOX_W = 1000;
export const BOX_H = 100;

const fixed = (v: number) => String(Math.round(v * 10) / 10);

/** The engagement axis: tens around the blocks' values, always holding 50 and 65. */
export function engagementRange(values: readonly (number | null)[]): { lo: number; hi: number } {
  let lo = 50;
  let hi = 70;
  for (const v of values) {
    if (v === null) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return {
    lo: Math.max(0, Math.floor(lo / 10) * 10),
    hi: Math.min(100, Math.ceil(hi / 10) * 10),
  };
}

export interface ReactionPaths {
  /** The engagement line, one sub-path per run of watched blocks (through block middles). */
  line: string;
  /** One path per series of `AUDIENCE_SERIES`, stacked bottom to top; "" when never shown. */
  bands: string[];
  /** The unwatched stretches as [x, width] in box units. */
  unwatched: [number, number][];
  range: { lo: number; hi: number };
}

/** The paths of `data`'s blocks. */
export function reactionPaths(data: ReactionBlocks): ReactionPaths {
  const { blocks, durationSec } = data;
  const x = (t: number) => (t / Math.max(1, durationSec)) * BOX_W;
  const range = engagementRange(blocks.map((b) => b.engagement));
  const y = (v: number) => BOX_H - ((v - range.lo) / Math.max(1, range.hi - range.lo)) * BOX_H;
  const runs = watchedRuns(blocks);

  const line = runs.map(([first, last]) => {
    const points = last === first
      ? [[x(blocks[first].start), blocks[first].engagement!], [
        x(blocks[first].end),
        blocks[first].engagement!,
      ]]
      : blocks.slice(first, last + 1).map((b) => [x((b.start + b.end) / 2), b.engagement!]);
    return points.map(([px, v], k) => `${k === 0 ? "M" : "L"}${fixed(px)} ${fixed(y(v))}`).join(
      "",
    );
  }).join("");

  const series = blocks[0]?.shares.length ?? 0;
  const below = blocks.map(() => 0);
  const bands: string[] = [];
  for (let s = 0; s < series; s++) {
    let path = "";
    let any = false;
    for (const [first, last] of runs) {
      const run = blocks.slice(first, last + 1);
      const bottoms = run.map((_, k) => below[first + k]);
      const tops = run.map((b, k) => bottoms[k] + b.shares[s]);
      if (run.some((b) => b.shares[s] > 0)) any = true;
      const top = run.map((b, k) =>
        `${k === 0 ? "M" : "L"}${fixed(x(b.start))} ${fixed(BOX_H * (1 - tops[k]))}H${
          fixed(x(b.end))
        }`
      ).join("");
      const bottom = [...run].reverse().map((b, k) => {
        const i = run.length - 1 - k;
        return `L${fixed(x(b.end))} ${fixed(BOX_H * (1 - bottoms[i]))}H${fixed(x(b.start))}`;
      }).join("");
      path += `${top}${bottom}Z`;
      run.forEach((_, k) => below[first + k] = tops[k]);
    }
    bands.push(any ? path : "");
  }

  const unwatched: [number, number][] = [];
  let from = -1;
  blocks.forEach((b, k) => {
    if (b.weight <= 0 && from < 0) from = k;
    if (from >= 0 && (b.weight > 0 || k === blocks.length - 1)) {
      const to = b.weight > 0 ? k - 1 : k;
      unwatched.push([x(blocks[from].start), x(blocks[to].end) - x(blocks[from].start)]);
      from = -1;
    }
  });
  return { line, bands, unwatched, range };
}
