/** The personal model on synthetic viewings whose verdicts are known functions of their features. */
import assert from "node:assert/strict";
import {
  FEATURES,
  fitPersonalModel,
  MODEL_MIN_VERDICTS,
  modelReport,
  predictedVerdict,
  predictVerdict,
  summarizeViewing,
  type VerdictExample,
  viewingFeatures,
  type ViewingSummary,
} from "./mod.ts";
import { clearlyBetter, judgeLeaveOneOut, MODEL_LAMBDA } from "./personal_model.ts";
import { fitRidge } from "./ridge.ts";
import { roundVerdict } from "./verdict.ts";
import { syntheticViewing } from "@/lib/demo/synthetic.ts";
import { gaussianFrom, seededRandom } from "@/lib/random.ts";

/** 80 viewings of 10–25 minutes, from viewers who look away rarely to often. */
const POOL: ViewingSummary[] = Array.from({ length: 80 }, (_, i) => {
  const random = seededRandom(7000 + i);
  return summarizeViewing(syntheticViewing({
    seconds: 600 + Math.floor(random() * 900),
    seed: 7000 + i,
    lookAway: 0.001 + random() * 0.03,
  }));
});

/** Each pool viewing's features in standard deviations from the pool's mean. */
const Z = (() => {
  const x = POOL.map(viewingFeatures);
  const p = FEATURES.length;
  const mean = Array.from({ length: p }, (_, j) => x.reduce((a, row) => a + row[j], 0) / x.length);
  const sd = mean.map((m, j) =>
    Math.sqrt(x.reduce((a, row) => a + (row[j] - m) ** 2, 0) / x.length)
  );
  return x.map((row) => row.map((v, j) => (sd[j] > 0 ? (v - mean[j]) / sd[j] : 0)));
})();
const at = (name: string) => FEATURES.findIndex((f) => f.name === name);
const RATING = at("rating");
const FEAR = at("fearShare");
const AWAY = at("distractedShare");

/** verdict = 6 + 1.2·z(rating) + 0.6·z(fear) − 0.5·z(looking away) + noise (σ 0.8), in half points. */
const followsFeatures = (i: number, random: () => number) =>
  roundVerdict(
    6 + 1.2 * Z[i][RATING] + 0.6 * Z[i][FEAR] - 0.5 * Z[i][AWAY] + 0.8 * gaussianFrom(random),
  );
/** verdict = 6 + noise (σ 1.5), whatever the viewing. */
const pureNoise = (_: number, random: () => number) => roundVerdict(6 + 1.5 * gaussianFrom(random));

function examples(
  n: number,
  seed: number,
  verdictOf: (i: number, random: () => number) => number,
): VerdictExample[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, (_, k) => {
    const i = Math.floor(random() * POOL.length);
    return { id: `v${k}`, summary: POOL[i], verdict: verdictOf(i, random) };
  });
}

Deno.test("fewer than five verdicts: no model, nothing predicted, n says how many there are", () => {
  const model = fitPersonalModel(examples(MODEL_MIN_VERDICTS - 1, 1, followsFeatures));
  assert.deepEqual(modelReport(model), {
    n: 4,
    features: [],
    looMae: null,
    baselineMae: null,
    active: false,
  });
  assert.equal(predictVerdict(model, { summary: POOL[0] }), null);
  assert.equal(predictedVerdict(model, { summary: POOL[0] }), null);
});

Deno.test("30 verdicts = 6 + 1.2·z(rating) + 0.6·z(fear) − 0.5·z(looking away) + noise: the model learns them", () => {
  const model = fitPersonalModel(examples(30, 2, followsFeatures));
  assert.equal(model.n, 30);
  assert.equal(model.active, true);
  // The mean baseline misses by the spread of the signal and noise (about 1.3 points); the
  // model by little more than the noise (σ 0.8, a mean absolute error of about 0.64).
  assert.ok(model.looMae! < 0.75 * model.baselineMae!, `${model.looMae} vs ${model.baselineMae}`);
  assert.ok(model.looMae! < 1.1, `looMae ${model.looMae}`);
  const weight = (name: string) => model.features.find((f) => f.name === name)!.weight;
  assert.ok(weight("rating") > 0.3, `rating weight ${weight("rating")}`);
  assert.deepEqual(model.features.map((f) => f.name), FEATURES.map((f) => f.name));
  const prediction = predictVerdict(model, { summary: POOL[0] })!;
  assert.equal(prediction.plusMinus, Math.round(model.looMae! * 10) / 10);
  assert.equal(prediction.verdict % 0.5, 0);
});

Deno.test("property: 40 sets of 20 verdicts that follow the features turn the model on at least 32 times", () => {
  let active = 0;
  for (let set = 0; set < 40; set++) {
    const model = fitPersonalModel(examples(20, 100 + set, followsFeatures));
    if (model.active) active++;
    if (model.active) assert.ok(model.looMae! < model.baselineMae!);
  }
  assert.ok(active >= 32, `active ${active} of 40`);
});

Deno.test("property: 40 sets of 20 verdicts of pure noise leave the model off at least 36 times", () => {
  // The activation test is one-sided at 95 %: about 2 in 100 noise sets of 20 pass it.
  let active = 0;
  for (let set = 0; set < 40; set++) {
    const model = fitPersonalModel(examples(20, 200 + set, pureNoise));
    if (model.active) active++;
    assert.equal(predictedVerdict(model, { summary: POOL[0] }) === null, !model.active);
  }
  assert.ok(active <= 4, `active ${active} of 40`);
});

Deno.test("clearly better means a mean gain of at least 1.645 standard errors: gains 1, 1, 1, 0, 0 pass, 1, 0, 0, 0, 0 do not", () => {
  // Gains 1, 1, 1, 0, 0: mean 0.6, sd √(0.3) = 0.548, se 0.245; 0.6 ≥ 1.645 × 0.245 = 0.403.
  assert.equal(clearlyBetter([1, 1, 1, 1, 1], [0, 0, 0, 1, 1]), true);
  // Gains 1, 0, 0, 0, 0: mean 0.2, sd 0.447, se 0.2; 0.2 < 0.329.
  assert.equal(clearlyBetter([1, 1, 1, 1, 1], [0, 1, 1, 1, 1]), false);
  assert.equal(clearlyBetter([1, 1], [1, 1]), false); // no gain is no gain
  assert.equal(clearlyBetter([2, 2, 2], [1, 1, 1]), true); // the same gain every time
});

Deno.test("a fitted viewing is predicted from the others: its own verdict never predicts itself", () => {
  const data = examples(30, 3, followsFeatures);
  const model = fitPersonalModel(data);
  assert.equal(model.active, true);
  const first = data[0];
  assert.equal(predictedVerdict(model, first), roundVerdict(model.leaveOneOut[first.id]));
  // The same summary as a new viewing uses the fit on all 30, which has seen that verdict.
  assert.equal(
    predictVerdict(model, { summary: first.summary })!.verdict,
    roundVerdict(model.fit!.fitted[0]),
  );
});

Deno.test("predictions are clamped to 0–10 in half points", () => {
  // Verdicts that rise 2.5 points per standard deviation of the rating reach 10 quickly.
  const data = examples(40, 4, (i) => roundVerdict(5 + 2.5 * Z[i][RATING]));
  const model = fitPersonalModel(data);
  assert.equal(model.active, true);
  const ecstatic = { ...POOL[0], rating: 100, peakScore: 100, endScore: 100 };
  const bored = { ...POOL[0], rating: 0, peakScore: 0, endScore: 0 };
  assert.equal(predictVerdict(model, { summary: ecstatic })!.verdict, 10);
  assert.equal(predictVerdict(model, { summary: bored })!.verdict, 0);
});

Deno.test("verdicts that are not 0–10 in half points are left out of the fit", () => {
  const data = examples(6, 5, followsFeatures);
  const bad = [11, 7.3, NaN, -0.5].map((verdict, k) => ({ ...data[k], id: `bad${k}`, verdict }));
  assert.equal(fitPersonalModel([...data, ...bad]).n, 6);
  assert.equal(fitPersonalModel([...data.slice(0, 3), ...bad]).n, 3);
});

Deno.test("the same verdicts always give the same model", () => {
  const data = examples(25, 6, followsFeatures);
  assert.deepEqual(modelReport(fitPersonalModel(data)), modelReport(fitPersonalModel(data)));
});

Deno.test("the report is exactly what GET /api/viewer/model answers", () => {
  const report = modelReport(fitPersonalModel(examples(30, 2, followsFeatures)));
  assert.deepEqual(Object.keys(report), ["n", "features", "looMae", "baselineMae", "active"]);
  assert.deepEqual(Object.keys(report.features[0]), ["name", "label", "weight"]);
  assert.deepEqual(JSON.parse(JSON.stringify(report)), report);
});

Deno.test("worked example of docs/rating.md: ratings 55–75, verdicts 4–8, one feature, λ = 4", () => {
  // Standardised, the ratings are z = (r − 65) / √50; Σz² = 5 and Σz(v − 6) = √50, so the
  // weight is √50 / (5 + 4) per standard deviation: 1/9 of a point per rating point, not 0.2.
  assert.equal(MODEL_LAMBDA, 4);
  const fit = fitRidge([[55], [60], [65], [70], [75]], [4, 5, 6, 7, 8], MODEL_LAMBDA);
  assert.ok(Math.abs(fit.coefficients[0] / fit.scales[0] - 1 / 9) < 1e-12);
  assert.ok(Math.abs(fit.fitted[4] - (6 + 10 / 9)) < 1e-12); // 7.11, shown as 7
  // Leave 75 out: leverage 1/5 + 2/9 = 0.422, residual 8 − 7.11 = 0.89, so 8 − 0.89 / 0.578.
  assert.ok(Math.abs(fit.leaveOneOut[4] - (8 - (8 - 6 - 10 / 9) / (1 - 1 / 5 - 2 / 9))) < 1e-12);
  assert.deepEqual(fit.leaveOneOut.map((v) => roundVerdict(v)), [5.5, 5.5, 6, 6.5, 6.5]);
  // Model errors 1.5, 0.5, 0, 0.5, 1.5 → 0.8. The baseline answers the mean of the other four:
  // 6.5, 6.25 → 6.5, 6, 5.75 → 6, 5.5; errors 2.5, 1.5, 0, 1, 2.5 → 1.5. Gains 1, 1, 0, 0.5, 1:
  // mean 0.7, standard error √(0.8 / 4) / √5 = 0.2, and 0.7 ≥ 1.645 × 0.2: active.
  assert.deepEqual(judgeLeaveOneOut([4, 5, 6, 7, 8], fit.leaveOneOut), {
    looMae: 0.8,
    baselineMae: 1.5,
    active: true,
  });
});
