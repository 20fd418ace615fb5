import { EXPRESSIONS, type RecordedSecond } from "@/lib/recording.ts";
import assert from "node:assert/strict";
import {
  AUDIENCE_SERIES,
  audienceChart,
  audienceMinutes,
  audienceOverall,
  inSeriesOrder,
  linesBetween,
  seriesName,
} from "./film_page.ts";

import { syntheticViewing } from "@/lib/demo/synthetic.ts";
import { applyAudienceShare, audienceShare } from "@/lib/rating/mod.ts";
import { type AudienceSecond } from "@/lib/recording.ts";

function audienceOf(viewers: number, seconds: number): AudienceSecond[] {
  let aggregate: AudienceSecond[] = [];
  for (let v = 0; v < viewers; v++) {
    const viewing = syntheticViewing({ seconds, seed: 100 + v });
    aggregate = applyAudienceShare(aggregate, audienceShare(viewing), 1);
  }
  return aggregate;
}

Deno.test("audience chart: shares of all viewers stack to 100 %, at most 1,000 seconds", () => {
  const aggregate = audienceOf(12, 7200);
  const chart = audienceChart(aggregate);
  assert.ok(chart.t.length <= 1000 && chart.t.length > 500, `${chart.t.length}`);
  assert.equal(chart.percent.length, AUDIENCE_SERIES.length);
  chart.t.forEach((t, i) => {
    const sum = chart.percent.reduce((acc, series) => acc + series[i], 0);
    assert.ok(Math.abs(sum - 100) < 0.5, `at ${t}: ${sum}`);
    const second = aggregate.find((s) => s.t === t)!;
    assert.equal(chart.viewers[i], second.viewers);
    const happy = AUDIENCE_SERIES.indexOf("happy");
    const expected = second.counts[EXPRESSIONS.indexOf("happy")] / second.viewers;
    assert.ok(Math.abs(chart.percent[happy][i] - expected * 100) <= 0.06);
  });
  for (let i = 1; i < chart.t.length; i++) assert.ok(chart.t[i] > chart.t[i - 1]);
});

Deno.test("audience minutes: shares of the minute's viewer-seconds", () => {
  const aggregate = audienceOf(3, 600);
  const rows = audienceMinutes(aggregate);
  assert.ok(rows.length >= 10);
  for (const row of rows) {
    const sum = row.shares.reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(sum - 1) < 1e-9);
    assert.ok(row.viewers >= 1 && row.viewers <= 3);
  }
  const minute0 = aggregate.filter((s) => s.t < 60);
  const viewerSeconds = minute0.reduce((a, s) => a + s.viewers, 0);
  const none = minute0.reduce((a, s) => a + s.viewers - s.faces, 0);
  assert.equal(rows[0].shares[AUDIENCE_SERIES.indexOf("none")], none / viewerSeconds);
  assert.deepEqual(inSeriesOrder([1, 2, 3, 4, 5, 6, 7], 8), [4, 6, 3, 5, 1, 2, 7, 8]);
});

Deno.test("the whole film's shares: every viewer-second counted once, across its minutes", () => {
  const aggregate = audienceOf(4, 900);
  const overall = audienceOverall(aggregate);
  assert.equal(overall.length, AUDIENCE_SERIES.length);
  assert.ok(Math.abs(overall.reduce((a, b) => a + b, 0) - 1) < 1e-9);
  // The same shares from the minutes' rows, each weighted by its viewer-seconds.
  const weight = (minute: number) =>
    aggregate.filter((s) => Math.floor(s.t / 60) === minute).reduce((a, s) => a + s.viewers, 0);
  const rows = audienceMinutes(aggregate);
  const total = rows.reduce((sum, row) => sum + weight(row.minute), 0);
  AUDIENCE_SERIES.forEach((id, k) => {
    const fromMinutes = rows.reduce((sum, row) => sum + row.shares[k] * weight(row.minute), 0);
    assert.ok(Math.abs(overall[k] - fromMinutes / total) < 1e-9, id);
  });
  assert.deepEqual(audienceOverall([]), AUDIENCE_SERIES.map(() => 0));
  assert.equal(seriesName("none"), "no face");
  assert.equal(seriesName("happy"), "happy");
});

Deno.test("lines between two playback seconds: distinct, in playback order, first recording", () => {
  const second = (t: number, line: string | null): RecordedSecond => ({
    t,
    face: false,
    emotion: null,
    probs: null,
    movement: 0,
    frames: 0,
    line,
  });
  const seconds = [
    second(10, "a"),
    second(11, "b"),
    second(12, "b"),
    second(5, "early"),
    second(13, null),
    second(11, "rewatched"),
    second(14, "c"),
    second(30, "late"),
  ];
  assert.deepEqual(linesBetween(seconds, 10, 30), ["a", "b", "c"]);
  assert.deepEqual(linesBetween(seconds, 0, 6), ["early"]);
  assert.deepEqual(linesBetween(seconds, 40, 60), []);
  // Two cues sharing second 21: each quoted once, whole, in order.
  const shared = [
    second(20, "Hello."),
    second(21, "Hello. / Who is it?"),
    second(22, "Who is it?"),
  ];
  assert.deepEqual(linesBetween(shared, 20, 23), ["Hello.", "Who is it?"]);
});
