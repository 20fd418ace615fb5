/**
 * Suggests the catalog title a library film is, from its title and year: candidates found by
 * normalised title are ranked by how well a title matches, then by year, then by popularity.
 * The user confirms the link; this only orders the choices. Pure.
 */
import { titleKey } from "./normalize.ts";
import type { TitleMatch } from "./port.ts";

export type MatchKind = "exact" | "prefix" | "partial";

export interface Suggestion extends TitleMatch {
  match: MatchKind;
  /** Years between the film's year and the title's, or null when either is unknown. */
  yearDelta: number | null;
  /** 0–1: how confident the suggestion is; the list is sorted by it. */
  confidence: number;
}

function words(key: string): string[] {
  return key.split(" ").filter((w) => w !== "");
}

/** Share of the query's words found in the key (Dice coefficient over word sets). */
function wordOverlap(query: string, key: string): number {
  const a = new Set(words(query));
  const b = new Set(words(key));
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  for (const w of a) if (b.has(w)) common++;
  return (2 * common) / (a.size + b.size);
}

function bestMatch(query: string, keys: readonly string[]): { kind: MatchKind; score: number } {
  let best: { kind: MatchKind; score: number } = { kind: "partial", score: 0 };
  for (const key of keys) {
    let m: { kind: MatchKind; score: number };
    if (key === query) m = { kind: "exact", score: 1 };
    else if (key.startsWith(query)) {
      // "paper lanterns" → "paper lanterns 2": close, but less than exact; shorter is closer.
      m = { kind: "prefix", score: 0.6 + 0.3 * (query.length / key.length) };
    } else m = { kind: "partial", score: 0.6 * wordOverlap(query, key) };
    if (m.score > best.score) best = m;
  }
  return best;
}

function yearScore(delta: number | null): number {
  if (delta === null) return 0.5;
  if (delta === 0) return 1;
  // Release years differ by a year between countries and festival runs.
  if (delta === 1) return 0.7;
  return Math.max(0, 0.4 - 0.05 * delta);
}

/**
 * Ranks candidates for a film with `title` and, if known, `year`. Title match weighs most,
 * then year, then votes (a well-known title is likelier to be the one on the viewer's disk).
 */
export function rankSuggestions(
  title: string,
  year: number | null,
  candidates: readonly TitleMatch[],
  limit = 10,
): Suggestion[] {
  const query = titleKey(title);
  const maxVotes = Math.max(1, ...candidates.map((c) => c.votes));
  return candidates
    .map((c) => {
      const match = bestMatch(query, [...c.keys, titleKey(c.title), titleKey(c.originalTitle)]);
      const yearDelta = year !== null && c.year !== null ? Math.abs(year - c.year) : null;
      const popularity = Math.log1p(c.votes) / Math.log1p(maxVotes);
      const confidence = year === null
        ? 0.85 * match.score + 0.15 * popularity
        : 0.6 * match.score + 0.3 * yearScore(yearDelta) + 0.1 * popularity;
      return {
        ...c,
        match: match.kind,
        yearDelta,
        confidence: Math.round(confidence * 1000) / 1000,
      };
    })
    .sort((a, b) => b.confidence - a.confidence || b.votes - a.votes)
    .slice(0, limit);
}
