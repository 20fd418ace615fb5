/** The theme switch without JavaScript: remember the choice, go back to the page. */
import { parseTheme, THEME_COOKIE, THEME_COOKIE_MAX_AGE } from "@/lib/theme.ts";
import type { Handlers } from "@/lib/framework/types.ts";

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

export const handler: Handlers = {
  async POST(req) {
    const form = await req.formData().catch(() => null);
    const theme = parseTheme(form?.get("theme"));
    if (!theme) return Response.json({ error: 'theme must be "light" or "dark"' }, { status: 400 });
    const headers = new Headers({ location: backTo(req) });
    headers.append(
      "set-cookie",
      `${THEME_COOKIE}=${theme}; Path=/; Max-Age=${THEME_COOKIE_MAX_AGE}; SameSite=Lax`,
    );
    return new Response(null, { status: 303, headers });
  },
};
