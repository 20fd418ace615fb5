/** How catalog figures read on a film card. Pure. */

const compact = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 });
const full = new Intl.NumberFormat("en");

/** "45 min", "2 h", "1 h 35 min"; null when unknown. */
export function formatRuntime(minutes: number | null): string | null {
  if (minutes === null || minutes <= 0) return null;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** Votes, short: "40", "9K", "760K", "2.1M". */
export function formatVotes(votes: number): string {
  return compact.format(votes);
}

/** Votes in full, for screen readers and titles: "760,000 votes", "1 vote". */
export function formatVotesLong(votes: number): string {
  return `${full.format(votes)} vote${votes === 1 ? "" : "s"}`;
}

/** An IMDb rating with one decimal: "8.3", "7.0". */
export function formatRating(rating: number): string {
  return rating.toFixed(1);
}

/** Cast as "Name (Character)" or "Name", joined with commas. */
export function formatCast(
  cast: readonly { name: string; characters: readonly string[] }[],
): string {
  return cast
    .map((c) => (c.characters.length > 0 ? `${c.name} (${c.characters.join(", ")})` : c.name))
    .join(", ");
}
