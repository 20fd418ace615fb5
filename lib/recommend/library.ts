/**
 * "Films in your library that drew this expression from other viewers": ranks library films
 * by the share of their audience's recorded seconds with a chosen predominant expression.
 * Pure; the store supplies the per-film totals.
 *
 * A share from a few seconds of one viewing is noisy, so it is shrunk toward the library-wide
 * share the same way the catalog's weighted rating is (ranking.ts):
 *
 *   score = (n_e + m · C_e) / (n + m)
 *
 * n_e = the film's seconds with expression e, n = its seconds with a face, C_e = the share of e
 * over all films' face seconds, m = LIBRARY_PRIOR_SECONDS.
 */
import { type AudienceSecond, type Expression, EXPRESSIONS } from "@/lib/recording.ts";

/** m: five minutes of audience footage weigh as much as the library-wide share. */
export const LIBRARY_PRIOR_SECONDS = 300;

/** A library film's audience totals, summed over its finished viewings. */
export interface FilmExpressionTotals {
  slug: string;
  title: string;
  year?: number | null;
  /** Finished viewings. */
  viewers: number;
  /** Recorded seconds with a face, over all viewings. */
  faceSeconds: number;
  /** Of those, the seconds whose predominant expression was each label, in EXPRESSIONS order. */
  counts: readonly number[];
}

export interface LibraryPick {
  slug: string;
  title: string;
  year: number | null;
  viewers: number;
  /** The film's raw share of seconds with the expression (0–1). */
  share: number;
  /** The shrunk share it is ranked by (0–1). */
  score: number;
}

/**
 * Library films that drew `expression`, best first: only films where at least one second had
 * it, and with at least `minViewers` finished viewings.
 */
export function rankLibraryFilms(
  films: readonly FilmExpressionTotals[],
  expression: Expression,
  options: { limit?: number; minViewers?: number; priorSeconds?: number } = {},
): LibraryPick[] {
  const e = EXPRESSIONS.indexOf(expression);
  const m = options.priorSeconds ?? LIBRARY_PRIOR_SECONDS;
  const usable = films.filter((f) => f.faceSeconds > 0 && f.counts.length === EXPRESSIONS.length);
  const totalSeconds = usable.reduce((sum, f) => sum + f.faceSeconds, 0);
  const totalWithExpression = usable.reduce((sum, f) => sum + f.counts[e], 0);
  const prior = totalSeconds > 0 ? totalWithExpression / totalSeconds : 0;
  return usable
    .filter((f) => f.counts[e] > 0 && f.viewers >= (options.minViewers ?? 1))
    .map((f) => ({
      slug: f.slug,
      title: f.title,
      year: f.year ?? null,
      viewers: f.viewers,
      share: f.counts[e] / f.faceSeconds,
      score: (f.counts[e] + m * prior) / (f.faceSeconds + m),
    }))
    .sort((a, b) => b.score - a.score || b.viewers - a.viewers || a.slug.localeCompare(b.slug))
    .slice(0, options.limit ?? 6);
}

/** A film's totals from its per-second audience aggregate (the store's `readAudience`). */
export function totalsFromAudience(
  film: { slug: string; title: string; year?: number | null; viewers: number },
  audience: readonly AudienceSecond[],
): FilmExpressionTotals {
  const counts = EXPRESSIONS.map(() => 0);
  let faceSeconds = 0;
  for (const second of audience) {
    faceSeconds += second.faces;
    second.counts.forEach((n, i) => counts[i] += n);
  }
  return { ...film, faceSeconds, counts };
}
