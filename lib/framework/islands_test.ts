import assert from "node:assert/strict";
import { h } from "preact";
import { renderToString } from "preact-render-to-string";
import { collectIslands, IslandPropsError, registerIslands, serializeIslands } from "./islands.ts";
import { islandScripts } from "./render.ts";
import type { BuildAssets } from "./types.ts";

function Counter({ start }: { start: number; label?: string }) {
  return h("button", null, `count ${start}`);
}
function Chart({ points }: { points: unknown }) {
  return h("figure", null, h(Counter, { start: 0 }), JSON.stringify(points).length);
}
function Unused() {
  return h("p", null, "never rendered");
}
registerIslands({ Counter, Chart, Unused });

const assets: BuildAssets = {
  client: "client-C.js",
  islands: { Counter: "Counter-1.js", Chart: "Chart-2.js", Unused: "Unused-3.js" },
  chunks: {
    "client-C.js": ["chunk-P.js"],
    "Counter-1.js": ["chunk-P.js"],
    "Chart-2.js": ["chunk-P.js", "chunk-A.js"],
    "chunk-A.js": ["chunk-B.js"],
    "chunk-P.js": [],
    "chunk-B.js": [],
    "Unused-3.js": ["chunk-U.js"],
  },
  entries: {},
  css: "styles.css",
};

Deno.test("an island renders inside a marker and its props are recorded", () => {
  const { result, islands } = collectIslands(() =>
    renderToString(h("main", null, h(Counter, { start: 3 }), h(Counter, { start: 4 })))
  );
  assert.equal(
    result,
    '<main><div data-island="0"><button>count 3</button></div>' +
      '<div data-island="1"><button>count 4</button></div></main>',
  );
  assert.deepEqual(islands, [
    { name: "Counter", props: { start: 3 } },
    { name: "Counter", props: { start: 4 } },
  ]);
});

Deno.test("an island inside an island is hydrated by its parent, not marked again", () => {
  const { result, islands } = collectIslands(() => renderToString(h(Chart, { points: [1] })));
  assert.equal(islands.length, 1);
  assert.equal(islands[0].name, "Chart");
  assert.equal(result.match(/data-island/g)?.length, 1);
});

Deno.test("outside a page render, island components render plainly", () => {
  assert.equal(renderToString(h(Counter, { start: 1 })), "<button>count 1</button>");
});

Deno.test("props that cannot cross as JSON are refused with their path", () => {
  const render = (props: Record<string, unknown>) =>
    collectIslands(() => renderToString(h(Chart, props as { points: unknown })));
  assert.throws(() => render({ points: [{ at: new Date(0) }] }), {
    name: "IslandPropsError",
    message: "Chart props.points[0].at is a Date, not JSON",
  });
  assert.throws(() => render({ points: () => 1 }), IslandPropsError);
  assert.throws(() => render({ points: [NaN] }), /points\[0\] is NaN/);
  assert.doesNotThrow(() => render({ points: { a: [1, "x", null, true], b: undefined } }));
  // Children would be lost on hydration (the browser renders the island from its props alone).
  assert.throws(
    () => collectIslands(() => renderToString(h(Counter, { start: 1 }, h("i", null, "x")))),
    {
      name: "IslandPropsError",
      message: "Counter was given children; an island takes only JSON props",
    },
  );
});

Deno.test("serialised props cannot close the script or open a comment", () => {
  const hostile = "</script><script>alert(1)</script><!--";
  const json = serializeIslands([{ name: "Counter", props: { label: hostile } }]);
  assert.doesNotMatch(json, /</);
  assert.deepEqual(JSON.parse(json)[0].props.label, hostile);
});

Deno.test("a page imports only the islands it rendered, and preloads their chunks", () => {
  const html = islandScripts([{ name: "Chart", props: {} }], assets, "n0nce");
  assert.match(html, /import i0 from "\/_build\/Chart-2\.js"/);
  assert.doesNotMatch(html, /Counter-1|Unused-3|chunk-U/);
  for (const chunk of ["chunk-P.js", "chunk-A.js", "chunk-B.js"]) {
    assert.match(html, new RegExp(`<link rel="modulepreload" href="/_build/${chunk}">`));
  }
  assert.equal(html.match(/<script type="module"/g)?.length, 1);
  assert.match(html, /<script type="module" nonce="n0nce">/);
});

Deno.test("a page with no islands gets no script at all", () => {
  assert.equal(islandScripts([], assets, "n0nce"), "");
});

Deno.test("an island missing from the build fails with the command to run", () => {
  assert.throws(
    () => islandScripts([{ name: "Ghost", props: {} }], assets, "n"),
    /island Ghost is not in the build; run `deno task build`/,
  );
});
