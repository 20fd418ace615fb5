import assert from "node:assert/strict";
import {
  correlation,
  correlationWords,
  scatterLayout,
  verdictPairs,
  verdictSummary,
  verdictText,
} from "./verdicts.ts";
import { DEMO_FILMS, demoVerdict, demoViewings } from "@/lib/demo/library.ts";
import { summarizeViewing } from "@/lib/rating/mod.ts";

Deno.test("correlation: a perfect line is 1, its mirror −1, a flat verdict has none", () => {
  const line = [60, 65, 70, 75].map((rating) => ({ rating, verdict: (rating - 55) / 2 }));
  assert.equal(correlation(line), 1);
  assert.equal(correlation(line.map((p) => ({ ...p, verdict: 10 - p.verdict }))), -1);
  assert.equal(correlation(line.map((p) => ({ ...p, verdict: 7 }))), null);
  assert.equal(correlation(line.slice(0, 1)), null);
  // x = 1, 2, 3; y = 1, 3, 2: sxy = 1, sxx = 2, syy = 2 → r = 0.5.
  assert.equal(correlation([1, 2, 3].map((r, k) => ({ rating: r, verdict: [1, 3, 2][k] }))), 0.5);
  assert.equal(correlationWords(0.5), "a moderate positive link");
  assert.equal(correlationWords(-0.7), "a strong negative link");
  assert.equal(correlationWords(0.05), "no clear link");
});

Deno.test("a film's verdicts: mean always, correlation only from five viewings with a verdict", () => {
  const four = [
    { rating: 60, verdict: 5 },
    { rating: 70, verdict: 7 },
    { rating: 65, verdict: null },
    { rating: 75, verdict: 8 },
    { rating: 80, verdict: 9 },
  ];
  assert.deepEqual(verdictSummary(four), { n: 4, mean: 7.3, correlation: null });
  const five = [...four, { rating: 55, verdict: 4.5 }];
  const summary = verdictSummary(five);
  assert.equal(summary.n, 5);
  assert.ok(summary.correlation! > 0.9, `${summary.correlation}`);
  // Viewings without verdict fields (before verdicts existed) show nothing.
  assert.deepEqual(verdictSummary([{ rating: 70 }, { rating: 60 }]), {
    n: 0,
    mean: null,
    correlation: null,
  });
});

Deno.test("the demo viewer's verdicts follow their reactions: a positive correlation", () => {
  // The comedy's ten viewings, rated and given the demo viewer's verdicts.
  const viewings = demoViewings(DEMO_FILMS[0]).map((v) => {
    const summary = summarizeViewing(v.seconds);
    return { rating: summary.rating, verdict: demoVerdict(summary, v.seed) };
  });
  const pairs = verdictPairs(viewings);
  assert.ok(pairs.length >= 5, `${pairs.length} verdicts`);
  const r = correlation(pairs)!;
  assert.ok(r > 0.3, `r = ${r}`);
});

Deno.test("scatter: ratings on round tens holding 65, verdicts 0–10 from the bottom", () => {
  const layout = scatterLayout([{ rating: 72.5, verdict: 7.5 }, { rating: 48, verdict: 2 }]);
  assert.deepEqual(layout.x, { lo: 40, hi: 80, ticks: [40, 50, 60, 70, 80] });
  assert.deepEqual(layout.points.map((p) => [p.x, p.y]), [[0.8125, 0.75], [0.2, 0.2]]);
  assert.equal(verdictText(7.5), "7.5");
  assert.equal(verdictText(null), "—");
});
