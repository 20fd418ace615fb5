/** A section of the film (a favourite 20 seconds): when, what it alone would rate, its lines. */
import { clock, rating } from "@/lib/dashboards/format.ts";
import { sectionRating } from "@/lib/dashboards/viewing_page.ts";
import { quoteCues } from "@/lib/subtitles/quotes.ts";

export interface FavouriteSectionProps {
  title: string;
  section: { start: number; end: number; contribution: number; lines: readonly string[] };
}

export function FavouriteSection({ title, section }: FavouriteSectionProps) {
  // Summaries stored before quotes were split into cues still hold "A / B" lines.
  const cues = quoteCues(section.lines);
  return (
    <article class="moment">
      <header class="moment__header">
        <h3>{title}</h3>
        <p class="moment__time">
          <span>{clock(section.start)}–{clock(section.end)}</span>
          <span class="pill">{rating(sectionRating(section))} on its own</span>
        </p>
      </header>
      {cues.length > 0
        ? (
          <ul class="moment__lines">
            {cues.map((line) => (
              <li>
                <q>{line}</q>
              </li>
            ))}
          </ul>
        )
        : <p class="muted small">No subtitle line was recorded in these seconds.</p>}
    </article>
  );
}
