/** The viewer's colour theme, remembered in a cookie so the server renders it without a flash. */

export type Theme = "light" | "dark";

export const THEME_COOKIE = "theme";

/** One year: the choice is remembered across visits. */
export const THEME_COOKIE_MAX_AGE = 60 * 60 * 24 * 365;

/** The theme a toggle switches to. */
export function otherTheme(theme: Theme): Theme {
  return theme === "dark" ? "light" : "dark";
}

/** Parses a submitted or stored theme; anything else is undefined (follow the system). */
export function parseTheme(value: unknown): Theme | undefined {
  return value === "light" || value === "dark" ? value : undefined;
}
