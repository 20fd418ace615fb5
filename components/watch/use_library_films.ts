/** The library's films, fetched once, to offer while the viewer confirms the title. */
import { useEffect, useState } from "preact/hooks";
import { listFilms } from "@/lib/browser/api.ts";
import type { LibraryFilm } from "@/lib/watch/title.ts";

export function useLibraryFilms(): LibraryFilm[] {
  const [films, setFilms] = useState<LibraryFilm[]>([]);
  useEffect(() => {
    listFilms().then((result) => {
      // Without the list the viewer can still type the title; nothing to report.
      if (result.ok) setFilms(result.data);
    });
  }, []);
  return films;
}
