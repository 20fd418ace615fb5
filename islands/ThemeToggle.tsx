import { useEffect, useState } from "preact/hooks";
import { otherTheme, type Theme, THEME_COOKIE, THEME_COOKIE_MAX_AGE } from "@/lib/theme.ts";

function systemTheme(): Theme {
  return matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

/**
 * Switches between light and dark. Without JavaScript it is a form the server answers by
 * setting the cookie; hydrated, it flips the theme at once and sets the same cookie.
 */
export default function ThemeToggle({ theme }: { theme?: Theme }) {
  const [current, setCurrent] = useState<Theme>(theme ?? "light");
  useEffect(() => {
    if (!theme) setCurrent(systemTheme());
  }, []);

  const next = otherTheme(current);
  const onSubmit = (event: Event) => {
    event.preventDefault();
    document.documentElement.dataset.theme = next;
    document.cookie =
      `${THEME_COOKIE}=${next}; Path=/; Max-Age=${THEME_COOKIE_MAX_AGE}; SameSite=Lax`;
    setCurrent(next);
  };

  return (
    <form method="post" action="/theme" onSubmit={onSubmit} class="theme-toggle">
      <input type="hidden" name="theme" value={next} />
      <button
        type="submit"
        class="icon-button"
        aria-label={`Switch to ${next} theme`}
        title={`Switch to ${next} theme`}
      >
        {current === "dark"
          ? (
            <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
              <circle cx="12" cy="12" r="4.5" fill="currentColor" />
              <path
                d="M12 2v2.5M12 19.5V22M2 12h2.5M19.5 12H22M4.9 4.9l1.8 1.8M17.3 17.3l1.8 1.8M4.9 19.1l1.8-1.8M17.3 6.7l1.8-1.8"
                stroke="currentColor"
                stroke-width="2"
                stroke-linecap="round"
              />
            </svg>
          )
          : (
            <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
              <path d="M20 14.5A8.5 8.5 0 0 1 9.5 4a8.5 8.5 0 1 0 10.5 10.5Z" fill="currentColor" />
            </svg>
          )}
      </button>
    </form>
  );
}
