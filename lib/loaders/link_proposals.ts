/**
 * The IMDb titles viewers proposed for a library film (shared mode), with the catalog's title
 * and year of each: what an admin confirms or dismisses, on the film page and in the API.
 */
import type { CatalogPort } from "@/lib/catalog/port.ts";

/** A proposed title and how many viewers proposed it (never who). */
export interface ProposedTitle {
  tconst: string;
  viewers: number;
  /** The catalog's title and year, null when the catalog no longer has it. */
  title: string | null;
  year: number | null;
}

/** The titles proposed for `slug`, the most proposed first. */
export async function loadLinkProposals(
  catalog: CatalogPort,
  slug: string,
): Promise<ProposedTitle[]> {
  const proposals = await catalog.filmLinkProposals(slug);
  if (proposals.length === 0) return [];
  const cards = new Map(
    (await catalog.titles(proposals.map((p) => p.tconst))).map((c) => [c.tconst, c]),
  );
  return proposals.map(({ tconst, viewers }) => {
    const card = cards.get(tconst);
    return { tconst, viewers, title: card?.title ?? null, year: card?.year ?? null };
  });
}
