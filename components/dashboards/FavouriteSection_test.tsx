import assert from "node:assert/strict";
import { renderToString } from "preact-render-to-string";
import { FavouriteSection } from "./FavouriteSection.tsx";

Deno.test("a stored favourite with joined cues is quoted cue by cue, each once", () => {
  const html = renderToString(
    <FavouriteSection
      title="The favourite"
      section={{ start: 40, end: 60, contribution: 300, lines: ["A.", "A. / B.", "B."] }}
    />,
  );
  const quotes = [...html.matchAll(/<q>([^<]*)<\/q>/g)].map((m) => m[1]);
  assert.deepEqual(quotes, ["A.", "B."]);
});
