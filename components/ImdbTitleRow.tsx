/**
 * One IMDb title offered for a film, in a `.film-linker__list`: its title and year, a detail,
 * a link to its IMDb page, and the actions the list offers on it (its children).
 */
import type { ComponentChildren } from "preact";

export interface ImdbTitleRowProps {
  title: string;
  year: number | null;
  /** Shown small after the title, e.g. its IMDb rating. */
  detail?: string | null;
  imdbUrl: string;
  children: ComponentChildren;
}

export function ImdbTitleRow({ title, year, detail, imdbUrl, children }: ImdbTitleRowProps) {
  return (
    <li>
      <span>
        <strong>{title}</strong>
        {year ? ` (${year})` : ""}
        {detail && <span class="muted small">{` · ${detail}`}</span>}
      </span>
      <span class="actions">
        <a class="small" href={imdbUrl} rel="noopener noreferrer" target="_blank">
          IMDb page
        </a>
        {children}
      </span>
    </li>
  );
}
