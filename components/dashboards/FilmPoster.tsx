/**
 * A film's generated poster (server-rendered SVG): its audience's reactions across the film as
 * columns of colour rising from the bottom, over a band of the title's initial. Decorative:
 * the card beside it says the numbers.
 */
import { type Poster, POSTER_SERIES } from "@/lib/dashboards/poster.ts";

const W = 240;
const PEAK_SHARE = 0.6;
const H = 135;

export function FilmPoster({ poster, title }: { poster: Poster | null; title: string }) {
  const columns = poster?.columns ?? [];
  // One scale for every poster, so a film that moved nobody looks it: a column of
  // PEAK_SHARE reactions or more fills the poster.
  const peak = PEAK_SHARE;
  const width = columns.length > 0 ? W / columns.length : W;
  // One path per expression (a few elements per poster, not one per column and expression):
  // each column's shares stacked from the bottom, cut at the top.
  const paths = POSTER_SERIES.map(() => "");
  let unwatched = "";
  columns.forEach((column, k) => {
    if (!column) {
      unwatched += `M${(k * width).toFixed(1)} ${H - 4}h${width.toFixed(1)}v4h${
        (-width).toFixed(1)
      }z`;
      return;
    }
    let top = H;
    POSTER_SERIES.forEach((_, s) => {
      const h = Math.min(Math.min(1, column[s] / peak) * (H - 12), top - 12);
      if (h < 0.5) return;
      top -= h;
      paths[s] += `M${(k * width + 0.6).toFixed(1)} ${top.toFixed(1)}h${(width - 1.2).toFixed(1)}v${
        h.toFixed(1)
      }h${(-(width - 1.2)).toFixed(1)}z`;
    });
  });
  return (
    <svg
      class="film-poster"
      viewBox={`0 0 ${W} ${H}`}
      preserveAspectRatio="none"
      aria-hidden="true"
      focusable="false"
    >
      <rect class="film-poster__ground" x="0" y="0" width={W} height={H} />
      <text class="film-poster__initial" x="12" y="62">{title.trim().charAt(0).toUpperCase()}</text>
      {POSTER_SERIES.map((series, s) => {
        const d = paths[s];
        return d ? <path key={series} class={`fill tint--${series}`} d={d} /> : null;
      })}
      {unwatched && <path class="film-poster__unwatched" d={unwatched} />}
    </svg>
  );
}
