import assert from "node:assert/strict";
import { escapeHtml, tooltipHtml } from "./tooltip.ts";

const HOSTILE = `<img src=x onerror="alert('x')"> & </div><script>1</script>`;

/** The tags a piece of HTML opens or closes, and its text with the five entities decoded. */
function read(html: string): { tags: string[]; text: string } {
  const tags = [...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9-]*)/g)].map((m) => m[1]);
  const text = html.replace(/<[^>]*>/g, "").replace(
    /&#(\d+);/g,
    (_, n) => String.fromCharCode(Number(n)),
  );
  return { tags, text };
}

Deno.test("escapeHtml leaves no markup and loses no character", () => {
  const escaped = escapeHtml(HOSTILE);
  assert.doesNotMatch(escaped, /[<>"']/);
  assert.equal(read(escaped).text, HOSTILE);
  assert.equal(escapeHtml("plain text · 12:34"), "plain text · 12:34");
});

Deno.test("a tooltip holds only its own markup, whatever the title, labels and line", () => {
  const html = tooltipHtml(
    `Film ${HOSTILE}`,
    [{ label: HOSTILE, value: HOSTILE }, { label: "happy", value: "42.0%", tint: "happy" }],
    HOSTILE,
  );
  const { tags, text } = read(html);
  assert.ok(tags.every((tag) => ["div", "span", "b", "q", "i"].includes(tag)), tags.join(" "));
  assert.equal(text, `Film ${HOSTILE}${HOSTILE}${HOSTILE}happy42.0%${HOSTILE}`);
  assert.match(html, /<i class="swatch tint--happy" aria-hidden="true"><\/i>happy/);
  assert.match(html, /<q class="chart-tip__line">/);
});

Deno.test("a tooltip without a line or rows is just its heading", () => {
  assert.equal(
    tooltipHtml("Film 0:01", [], null),
    '<div class="chart-tip"><div class="chart-tip__heading">Film 0:01</div></div>',
  );
  assert.doesNotMatch(tooltipHtml("h", [], ""), /<q/);
});
