/**
 * A film's poster, generated from its audience's reaction: the film cut into a few columns,
 * each the shares of the reactions shown in it (every expression but neutral and "no face"),
 * so a comedy reads gold, a horror film purple, a dull film nearly empty. Pure and small: the
 * library draws dozens of them.
 */
import { AUDIENCE_SERIES } from "./film_page.ts";
import type { ReactionBlocks } from "./blocks.ts";

/** The series a poster draws: the reactions, bottom to top as the bands stack them. */
export const POSTER_SERIES = AUDIENCE_SERIES.filter((s) => s !== "neutral" && s !== "none");

/** A poster: per column, the share of each `POSTER_SERIES` (null where nobody watched). */
export interface Poster {
  columns: (number[] | null)[];
}

/**
 * The poster of a film from its blocks, in `maxColumns` columns (fewer for a film of fewer
 * blocks), shares with three decimals.
 */
export function posterOf(blocks: ReactionBlocks, maxColumns = 24): Poster {
  const columns = Math.max(1, Math.min(maxColumns, blocks.blocks.length));
  const index = POSTER_SERIES.map((s) => AUDIENCE_SERIES.indexOf(s));
  const sums = Array.from({ length: columns }, () => ({
    weight: 0,
    shares: POSTER_SERIES.map(() => 0),
  }));
  const length = Math.max(1, blocks.durationSec);
  for (const block of blocks.blocks) {
    if (block.weight <= 0) continue;
    const column = Math.min(
      columns - 1,
      Math.floor(((block.start + block.end) / 2 / length) * columns),
    );
    const c = sums[column];
    c.weight += block.weight;
    index.forEach((k, s) => c.shares[s] += block.shares[k] * block.weight);
  }
  return {
    columns: sums.map((c) =>
      c.weight > 0 ? c.shares.map((v) => Math.round((v / c.weight) * 1000) / 1000) : null
    ),
  };
}
