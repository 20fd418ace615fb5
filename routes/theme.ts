/** The theme switch without JavaScript: remember the choice, go back to the page. */
import { HttpError } from "@/lib/framework/errors.ts";
import { define } from "@/lib/state.ts";
import { parseTheme, THEME_COOKIE, THEME_COOKIE_MAX_AGE } from "@/lib/theme.ts";

/**
 * Only a path on this site is a safe place to go back to. A path starting "//" or "/\\" would
 * be read by the browser as another host, so it is refused like any other origin.
 */
function backTo(req: Request): string {
  const referer = URL.parse(req.headers.get("referer") ?? "");
  if (!referer || referer.origin !== new URL(req.url).origin) return "/";
  const path = referer.pathname + referer.search;
  return /^\/[\/\\]/.test(path) ? "/" : path;
}

export const handler = define.handlers({
  async POST(req) {
    // The body is bounded by the framework before this reads it; a malformed one has no theme.
    const form = await req.formData().catch(() => null);
    const theme = parseTheme(form?.get("theme"));
    if (!theme) throw new HttpError(400, 'theme: must be "light" or "dark"');
    const headers = new Headers({ location: backTo(req) });
    headers.append(
      "set-cookie",
      `${THEME_COOKIE}=${theme}; Path=/; Max-Age=${THEME_COOKIE_MAX_AGE}; SameSite=Lax`,
    );
    return new Response(null, { status: 303, headers });
  },
});
