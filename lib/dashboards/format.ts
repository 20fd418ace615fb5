/** How the dashboards write numbers, times and dates. Pure; used on the server and in islands. */

/** A playback position as "m:ss", or "h:mm:ss" from an hour on. */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

/** A length of time in words: "45 s", "12 min", "2 h 05 min". */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.round(s / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
}

/** A rating out of 100 with one decimal, or "—" when there is none. */
export function rating(value: number | null | undefined): string {
  return typeof value === "number" && Number.isFinite(value) ? value.toFixed(1) : "—";
}

/** A share (0–1) as a whole percentage, "<1%" for a small non-zero share. */
export function percent(share: number): string {
  if (share > 0 && share < 0.005) return "<1%";
  return `${Math.round(share * 100)}%`;
}

/** A signed number of points with one or two decimals, e.g. "+12.5", "−40". */
export function signed(value: number, digits = 1): string {
  const text = Math.abs(value).toFixed(digits).replace(/\.?0+$/, "");
  if (text === "0") return "0";
  return value < 0 ? `−${text}` : `+${text}`;
}

const MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(" ");

/**
 * A date (ISO 8601) as "3 Mar 2026, 20:15 UTC", the same on the server and in the browser;
 * without " UTC" when `zone` is false (a table's heading says it).
 */
export function dateTime(iso: string, zone = true): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const hh = String(date.getUTCHours()).padStart(2, "0");
  const mm = String(date.getUTCMinutes()).padStart(2, "0");
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}, ${hh}:${mm}${
    zone ? " UTC" : ""
  }`;
}
