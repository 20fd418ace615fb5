/**
 * The viewer's verdict and the calibration's baseline over HTTP: `PUT`/`DELETE
 * /api/screenings/:id/verdict` (validation, idempotence, removal, authorisation), the verdict in
 * the JSON and CSV exports, the baseline sent when the viewing is created and given back, and
 * the personal model (`GET /api/viewer/model`, a finished viewing's `predictedVerdict`).
 */
import assert from "node:assert/strict";
import type { Hono } from "hono";
import { CSV_HEADER } from "@/lib/api/csv.ts";
import { sampleMinutes } from "@/lib/demo/sample.ts";
import { fitPersonalModel, predictedVerdict } from "@/lib/rating/personal_model.ts";
import { roundVerdict } from "@/lib/rating/verdict.ts";
import { PERSONAL_VIEWER } from "@/lib/store/port.ts";
import {
  apiFixture,
  type Created,
  createViewing,
  JSON_TYPE,
  minuteBody,
  putMinute,
  viewingSnapshot,
} from "./_api.ts";

const putVerdict = (app: Hono, viewing: Created, body: unknown, token = viewing.token) =>
  Promise.resolve(app.request(`/api/screenings/${viewing.id}/verdict`, {
    method: "PUT",
    headers: { ...JSON_TYPE, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === "string" ? body : JSON.stringify(body),
  }));

const deleteVerdict = (app: Hono, viewing: Created, token = viewing.token) =>
  Promise.resolve(app.request(`/api/screenings/${viewing.id}/verdict`, {
    method: "DELETE",
    headers: { authorization: `Bearer ${token}` },
  }));

const finish = (app: Hono, viewing: Created) =>
  Promise.resolve(app.request(`/api/screenings/${viewing.id}/finish`, {
    method: "POST",
    headers: { authorization: `Bearer ${viewing.token}` },
  }));

const exported = async (app: Hono, viewing: Created) =>
  await (await app.request(`/api/screenings/${viewing.id}`)).json();

/** A viewing with `minutes` sample minutes (seeded by `seed`), finished. */
async function finishedViewing(app: Hono, seed: number, minutes = 2): Promise<Created> {
  const viewing = await createViewing(app);
  for (const [seq, seconds] of sampleMinutes(seed, minutes).entries()) {
    assert.equal((await putMinute(app, viewing, seq, minuteBody(seconds))).status, 201);
  }
  assert.equal((await finish(app, viewing)).status, 200);
  return viewing;
}

Deno.test("a verdict is stored, repeated harmlessly, changed, exported and removed", async () => {
  const { app, store } = await apiFixture();
  try {
    const viewing = await finishedViewing(app, 1);
    assert.equal((await exported(app, viewing)).verdict, null, "no verdict yet");
    for (let i = 0; i < 2; i++) {
      const res = await putVerdict(app, viewing, { verdict: 7.5 });
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { id: viewing.id, verdict: 7.5 });
    }
    assert.equal((await exported(app, viewing)).verdict, 7.5);
    assert.equal((await putVerdict(app, viewing, { verdict: 0 })).status, 200);
    assert.equal((await exported(app, viewing)).verdict, 0, "0 replaces 7.5; it is a verdict");
    const csv = await (await app.request(`/api/screenings/${viewing.id}.csv`)).text();
    const rows = csv.trimEnd().split("\r\n");
    assert.equal(rows[0].split(",").at(-1), "verdict");
    assert.equal(rows.length, 121, "a header and 120 seconds");
    assert.ok(rows.slice(1).every((row) => row.endsWith(",0")), "the verdict on every row");
    assert.equal(CSV_HEADER.at(-1), "verdict");
    for (let i = 0; i < 2; i++) {
      const res = await deleteVerdict(app, viewing);
      assert.equal(res.status, 200, "removing it again is harmless");
      assert.deepEqual(await res.json(), { id: viewing.id, verdict: null });
    }
    assert.equal((await exported(app, viewing)).verdict, null);
    assert.equal((await store.getViewing(viewing.id))!.verdict, null);
  } finally {
    await store.close();
  }
});

Deno.test("a verdict that is not 0–10 in half points is refused, naming the field", async () => {
  const { app, store } = await apiFixture();
  try {
    const viewing = await finishedViewing(app, 2, 1);
    await putVerdict(app, viewing, { verdict: 6 });
    const before = await viewingSnapshot(store, viewing.id);
    const refused: [unknown, string][] = [
      [{ verdict: 10.5 }, "verdict"],
      [{ verdict: -0.5 }, "verdict"],
      [{ verdict: 7.3 }, "verdict"],
      [{ verdict: "7" }, "verdict"],
      [{ verdict: null }, "verdict"],
      [{}, "verdict"],
      [{ verdict: 7, note: "great" }, "note"],
      [[7], "body"],
    ];
    for (const [body, field] of refused) {
      const res = await putVerdict(app, viewing, body);
      assert.equal(res.status, 400, JSON.stringify(body));
      const answer = await res.json();
      assert.equal(answer.field, field, JSON.stringify(body));
      if (field === "verdict") assert.match(answer.error, /0 to 10 in steps of 0\.5/);
    }
    assert.equal((await putVerdict(app, viewing, "{not json")).status, 400);
    assert.deepEqual(await viewingSnapshot(store, viewing.id), before, "nothing changed");
  } finally {
    await store.close();
  }
});

Deno.test("only the viewing's token sets or removes its verdict", async () => {
  const { app, store } = await apiFixture();
  try {
    const viewing = await finishedViewing(app, 3, 1);
    const other = await createViewing(app, { title: "Solaris", durationSec: 9960 });
    await putVerdict(app, viewing, { verdict: 4 });
    const res = await putVerdict(app, viewing, { verdict: 9 }, other.token);
    assert.equal(res.status, 401);
    assert.equal(res.headers.get("www-authenticate"), 'Bearer realm="reelfeel"');
    assert.equal((await putVerdict(app, viewing, { verdict: 9 }, "")).status, 401);
    assert.equal((await deleteVerdict(app, viewing, other.token)).status, 401);
    assert.equal((await exported(app, viewing)).verdict, 4, "unchanged");
    const unknown = { ...viewing, id: "A".repeat(22) };
    assert.equal((await putVerdict(app, unknown, { verdict: 9 })).status, 404);
  } finally {
    await store.close();
  }
});

Deno.test("the calibration's baseline is stored with the viewing and given back", async () => {
  const { app, store } = await apiFixture();
  try {
    const baseline = { probs: [0.05, 0.02, 0.03, 0.1, 0.5, 0.25, 0.05], yaw: -12.5, pitch: 4 };
    const viewing = await createViewing(app, { title: "Stalker", durationSec: 9720, baseline });
    assert.deepEqual((await exported(app, viewing)).screening.baseline, baseline);
    const plain = await createViewing(app);
    assert.equal((await exported(app, plain)).screening.baseline, null);
    const before = await store.listViewings({ limit: 100 });
    const bad: [unknown, string][] = [
      [{ ...baseline, probs: [1, 0, 0] }, "baseline.probs"],
      [{ ...baseline, probs: [0.5, 0.5, 0.5, 0, 0, 0, 0] }, "baseline.probs"],
      [{ ...baseline, yaw: 120 }, "baseline.yaw"],
      [{ probs: baseline.probs, yaw: 0 }, "baseline.pitch"],
      ["neutral", "baseline"],
    ];
    for (const [value, field] of bad) {
      const res = await app.request("/api/screenings", {
        method: "POST",
        headers: JSON_TYPE,
        body: JSON.stringify({ title: "Stalker", durationSec: 9720, baseline: value }),
      });
      assert.equal(res.status, 400, JSON.stringify(value));
      assert.equal((await res.json()).field, field);
    }
    assert.deepEqual(await store.listViewings({ limit: 100 }), before, "no viewing created");
  } finally {
    await store.close();
  }
});

Deno.test("the personal model: inactive below 5 verdicts, then it predicts finished viewings", async () => {
  const { app, store } = await apiFixture();
  try {
    const model = async () => await (await app.request("/api/viewer/model")).json();
    assert.deepEqual(await model(), {
      n: 0,
      features: [],
      looMae: null,
      baselineMae: null,
      active: false,
    });
    // Verdicts that follow the reaction rating exactly: a model worth its name learns that.
    const viewings: { viewing: Created; rating: number }[] = [];
    for (let seed = 10; seed < 24; seed++) {
      const viewing = await finishedViewing(app, seed, 1);
      viewings.push({ viewing, rating: (await exported(app, viewing)).summary.rating });
    }
    const low = Math.min(...viewings.map((v) => v.rating));
    const high = Math.max(...viewings.map((v) => v.rating));
    const verdictOf = (rating: number) => roundVerdict(1 + (8 * (rating - low)) / (high - low));
    for (const [i, { viewing, rating }] of viewings.entries()) {
      if (i === 4) {
        const four = await model();
        assert.equal(four.n, 4);
        assert.equal(four.active, false, "four verdicts fit nothing");
        assert.equal((await exported(app, viewing)).predictedVerdict, null);
      }
      assert.equal((await putVerdict(app, viewing, { verdict: verdictOf(rating) })).status, 200);
    }
    const report = await model();
    assert.equal(report.n, viewings.length);
    assert.deepEqual(Object.keys(report).sort(), [
      "active",
      "baselineMae",
      "features",
      "looMae",
      "n",
    ]);
    assert.ok(report.features.length > 0);
    assert.ok(report.looMae < report.baselineMae, `${report.looMae} < ${report.baselineMae}`);
    assert.equal(report.active, true);
    // A finished viewing's JSON carries what the model, fitted on the same verdicts, expects.
    const fitted = fitPersonalModel(await store.listVerdictExamples(PERSONAL_VIEWER));
    const { viewing } = viewings[3];
    const json = await exported(app, viewing);
    const expected = predictedVerdict(fitted, { id: viewing.id, summary: json.summary });
    assert.equal(typeof expected, "number");
    assert.equal(json.predictedVerdict, expected);
    assert.equal(json.prediction.verdict, expected);
    assert.equal(json.prediction.plusMinus, Math.round(report.looMae * 10) / 10);
    // The finish answers the same result, with the rating's reference.
    const again = await (await finish(app, viewing)).json();
    assert.equal(again.predictedVerdict, expected);
    assert.equal(again.reference.anchor.rating, 65);
    assert.equal(again.reference.own.n, viewings.length);
  } finally {
    await store.close();
  }
});
