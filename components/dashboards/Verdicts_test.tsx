import assert from "node:assert/strict";
import { renderToString } from "preact-render-to-string";
import { LibraryViewings } from "./LibraryViewings.tsx";
import { VerdictScatter } from "./VerdictScatter.tsx";
import { VerdictSummary } from "./VerdictSummary.tsx";
import { verdictPairs } from "@/lib/dashboards/verdicts.ts";
import type { LibraryViewing } from "@/lib/loaders/library_page.ts";

const viewing = (
  id: string,
  rating: number,
  verdict?: number | null,
  predictedVerdict?: number | null,
): LibraryViewing => ({
  id,
  film: "f",
  title: "A film",
  state: "finished",
  startedAt: "2026-03-01T20:00:00Z",
  finishedAt: "2026-03-01T22:00:00Z",
  rating,
  recordedSec: 3600,
  verdict: verdict ?? null,
  ...(predictedVerdict !== undefined ? { predictedVerdict } : {}),
});

const cells = (html: string) =>
  [...html.matchAll(/<tr data-screening="[^"]+">(.*?)<\/tr>/g)].map((row) =>
    [...row[1].matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1].replace(/<[^>]+>/g, "|"))
  );

Deno.test("library viewings: rating, predicted and actual verdict side by side", () => {
  const html = renderToString(
    <LibraryViewings
      viewings={[viewing("a", 70.5, 7.5, 6.5), viewing("b", 61, null, 5)]}
      histogram={[0, 0, 0, 0, 0, 0, 1, 1, 0, 0]}
    />,
  );
  assert.match(html, /<th scope="col" class="num">Predicted<\/th>/);
  const rows = cells(html);
  assert.deepEqual(rows.map((r) => r.slice(-2)), [["6.5", "7.5"], ["5", "—"]]);
  assert.match(rows[0][2], /^70\.5\|[^|]*percentile/);
});

Deno.test("without verdict fields the library shows no verdict columns and no scatter", () => {
  const html = renderToString(
    <LibraryViewings viewings={[viewing("a", 70.5)]} histogram={new Array(10).fill(0)} />,
  );
  assert.doesNotMatch(html, /Predicted|Your verdict/);
  assert.equal(renderToString(<VerdictScatter pairs={[]} />), "");
  assert.equal(renderToString(<VerdictSummary viewings={[viewing("a", 70.5)]} />), "");
});

Deno.test("the scatter says its correlation and n; a film's mean verdict, r from five", () => {
  const five = [
    viewing("a", 55, 4),
    viewing("b", 60, 5),
    viewing("c", 65, 6.5),
    viewing("d", 70, 6),
    viewing("e", 75, 8),
  ];
  const scatter = renderToString(<VerdictScatter pairs={verdictPairs(five)} />);
  // sxy = 45, sxx = 250, syy = 9.2: r = 45 / √2300 = 0.94.
  assert.equal([...scatter.matchAll(/<circle/g)].length, 5);
  assert.match(scatter, /Correlation r = 0\.94 over n = 5 viewings: a strong positive link/);
  const summary = renderToString(<VerdictSummary viewings={five} />);
  assert.match(summary, /data-verdict-mean="5.9"/);
  assert.match(summary, /r = 0\.94 \(n = 5\)/);
  const four = renderToString(<VerdictSummary viewings={five.slice(0, 4)} />);
  assert.match(four, /shows from 5 verdicts/);
});
