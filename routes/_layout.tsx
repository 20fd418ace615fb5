import { Footer } from "@/components/Footer.tsx";
import { Header } from "@/components/Header.tsx";
import ThemeToggle from "@/islands/ThemeToggle.tsx";
import { define } from "@/lib/state.ts";

/** The document around every page. */
export default define.layout(function Layout({ Component, state, url, error }) {
  const title = state.title
    ? `${state.title} · Reelfeel`
    : "Reelfeel — rate films by how they move you";
  return (
    <html lang="en" data-theme={state.theme}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content={state.theme ?? "light dark"} />
        <meta
          name="description"
          content="Reelfeel rates a film by your own reaction: your webcam reads your facial expressions in the browser while you watch."
        />
        <title>{title}</title>
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href={state.stylesheet} />
      </head>
      <body>
        <a class="skip-link" href="#main">Skip to content</a>
        <Header
          path={url.pathname}
          account={state.accounts?.mode === "passkeys" ? { signedIn: state.viewer !== null } : null}
        >
          {/* Error pages ship no JavaScript: they must render even if the island bundle is broken. */}
          {error ? null : <ThemeToggle theme={state.theme} />}
        </Header>
        <main id="main" class="site-main">
          <Component />
        </main>
        <Footer />
      </body>
    </html>
  );
});
