/**
 * `/watch`: the viewer's side. Everything happens in the browser (islands/Watch.tsx): the film
 * plays from the viewer's disk and the camera's frames are analysed on the device; only the
 * per-second labels reach the server. `?classifier=fer` picks the other expression model.
 */
import Watch from "@/islands/Watch.tsx";
import { type ClassifierName, CLASSIFIERS } from "@/lib/emotion/types.ts";
import { define } from "@/lib/state.ts";

export const title = "Watch a film";

/** In shared mode a viewing is an account's: nobody signed in is sent to sign in first. */
export const handler = define.handlers({
  GET(_req, ctx) {
    if (!ctx.state.viewer) {
      return new Response(null, { status: 303, headers: { location: "/sign-in" } });
    }
    return ctx.render();
  },
});

function classifierOf(url: URL): ClassifierName {
  const asked = url.searchParams.get("classifier");
  return (CLASSIFIERS as readonly string[]).includes(asked ?? "")
    ? asked as ClassifierName
    : "face-api";
}

export default define.page(function WatchPage({ url }) {
  return (
    <div class="watch-page">
      <header class="watch-page__head">
        <h1>Watch a film</h1>
        <p class="muted">
          While you watch, a model on this device guesses your facial expression from the camera.
          The film stays on your disk; only a few numbers per second are sent.
        </p>
      </header>
      <noscript>
        <p class="notice notice--warn">
          Watching needs JavaScript: the film plays and your expressions are analysed in the
          browser.
        </p>
      </noscript>
      <Watch classifier={classifierOf(url)} />
    </div>
  );
});
