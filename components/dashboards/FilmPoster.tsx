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
      {columns.map((column, k) => {
        if (!column) {
          return (
            <rect class="film-poster__unwatched" x={k * width} y={H - 4} width={width} height="4" />
          );
        }
        let top = H;
        // Stacked shares never pass the top: what is left after the column is full is cut.
        return (
          <g key={k}>
            {POSTER_SERIES.map((series, s) => {
              const h = Math.min(1, column[s] / peak) * (H - 12);
              const room = Math.min(h, top - 12);
              if (room < 0.5) return null;
              top -= room;
              return (
                <rect
                  class={`fill tint--${series}`}
                  x={(k * width + 0.6).toFixed(1)}
                  y={top.toFixed(1)}
                  width={(width - 1.2).toFixed(1)}
                  height={room.toFixed(1)}
                />
              );
            })}
          </g>
        );
      })}
    </svg>
  );
}
