import assert from "node:assert/strict";
import {
  AUDIENCE_SERIES,
  audienceChart,
  audienceMinutes,
  audienceOverall,
  inSeriesOrder,
  linesBetween,
  seriesName,
} from "../../lib/dashboards/film.ts";
import { clock, dateTime, duration, percent, rating, signed } from "../../lib/dashboards/format.ts";
import { libraryOverview } from "../../lib/dashboards/library.ts";
import {
  contributionBand,
  EXPRESSION_ROWS,
  scoreRange,
  sectionRating,
  viewingCharts,
  viewingMinutes,
} from "../../lib/dashboards/viewing.ts";
import {
  applyAudienceShare,
  audienceShare,
  summarizeViewing,
  syntheticViewing,
} from "../../lib/rating/mod.ts";
import { type AudienceSecond, EXPRESSIONS, type RecordedSecond } from "../../lib/recording.ts";
import type { Film } from "../../lib/store/port.ts";

const threeHours = syntheticViewing({ seconds: 10_800, seed: 7, seek: 0.002 });
const summary = summarizeViewing(threeHours);

Deno.test("viewing charts: at most 2,000 real seconds a series, each with its own line", () => {
  const charts = viewingCharts(summary, threeHours);
  for (const series of [charts.expression, charts.movement, charts.score]) {
    assert.ok(series.x.length <= 2000 && series.x.length > 1000, `${series.x.length} points`);
    assert.equal(series.x[0], 0);
    assert.equal(series.x.at(-1), threeHours.length - 1);
    series.x.forEach((i, k) => {
      const second = threeHours[i];
      assert.equal(series.t[k], second.t);
      const line = series.line[k] >= 0 ? charts.lines[series.line[k]] : null;
      assert.equal(line, second.line, `the line of point ${k}`);
    });
  }
  assert.equal(new Set(charts.lines).size, charts.lines.length, "lines are listed once");
  const { expression, movement, score } = charts;
  expression.x.forEach((i, k) => {
    assert.equal(EXPRESSION_ROWS[expression.y[k]], threeHours[i].emotion);
    assert.equal(expression.c[k], summary.perSecond[i].contribution);
  });
  // The peaks survive: the largest move, the lowest and highest score, the extreme contributions.
  const allMoves = threeHours.map((s) => s.movement);
  assert.equal(
    Math.max(...movement.y),
    Math.max(...allMoves.map((m) => Math.round(m * 1000) / 1000)),
  );
  const scores = summary.perSecond.map((p) => p.score);
  assert.equal(Math.min(...score.y), Math.min(...scores));
  assert.equal(Math.max(...score.y), Math.max(...scores));
  const contributions = summary.perSecond.map((p) => p.contribution);
  assert.equal(Math.min(...expression.c), Math.min(...contributions));
  assert.equal(Math.max(...expression.c), Math.max(...contributions));
});

Deno.test("viewing charts: a short viewing is drawn whole", () => {
  const seconds = syntheticViewing({ seconds: 300, seed: 3 });
  const charts = viewingCharts(summarizeViewing(seconds), seconds);
  assert.deepEqual(charts.movement.x, seconds.map((_, i) => i));
});

Deno.test("viewing minutes: one row a minute whose contributions add up to the rating", () => {
  const rows = viewingMinutes(summary, threeHours);
  assert.equal(rows.length, 180);
  const total = rows.reduce((sum, row) => sum + row.contribution, 0);
  const expected = 50 + total / summary.countedSec;
  assert.ok(Math.abs(expected - summary.rating) < 0.1, `${expected} vs ${summary.rating}`);
  assert.equal(rows.at(-1)!.score, summary.rating);
  assert.equal(rows.reduce((sum, row) => sum + row.faceSec, 0), summary.faceSec);
  const first = threeHours.slice(0, 60);
  const counts = EXPRESSIONS.map((e) => first.filter((s) => s.emotion === e).length);
  assert.equal(rows[0].top, EXPRESSIONS[counts.indexOf(Math.max(...counts))]);
  assert.equal(
    rows[0].movementMax,
    Math.max(...first.filter((s) => s.face).map((s) => s.movement)),
  );
});

Deno.test("contribution bands and section ratings", () => {
  assert.equal(contributionBand(-40), 0);
  assert.equal(contributionBand(0), 1);
  assert.equal(contributionBand(12), 2);
  assert.equal(contributionBand(29.99), 3);
  assert.equal(contributionBand(50), 4);
  assert.equal(sectionRating({ start: 100, end: 120, contribution: 600 }), 80);
  assert.equal(sectionRating({ start: 0, end: 20, contribution: -2000 }), 0);
  assert.deepEqual(scoreRange([61.2, 68.4]), { min: 55, max: 75, tickAmount: 4 });
  assert.deepEqual(scoreRange([52, 75]), { min: 45, max: 80, tickAmount: 7 });
  assert.deepEqual(scoreRange([40, 75.5]), { min: 30, max: 90, tickAmount: 6 });
  assert.deepEqual(scoreRange([2, 99]), { min: 0, max: 100, tickAmount: 5 });
  assert.deepEqual(scoreRange([]), { min: 0, max: 100, tickAmount: 5 });
  // Ticks fall on whole steps of 5, 10 or 20 points, however wide the range.
  for (let lo = 0; lo <= 95; lo += 7) {
    for (let hi = lo; hi <= 100; hi += 9) {
      const { min, max, tickAmount } = scoreRange([lo, hi]);
      assert.ok(min <= lo && max >= hi && tickAmount >= 1, `${lo}–${hi}`);
      const step = (max - min) / tickAmount;
      assert.ok([5, 10, 20].includes(step) && min % step === 0, `${lo}–${hi}: ${min}–${max}`);
      assert.ok(tickAmount <= 8 && min >= 0 && max <= 100);
    }
  }
});

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
});

function film(slug: string, viewings: number, ratingSum: number, watchSec = 0): Film {
  return {
    slug,
    title: slug.toUpperCase(),
    year: null,
    durationSec: 100,
    createdAt: "2026-01-01T00:00:00.000Z",
    stats: {
      viewings,
      finished: viewings,
      ratingSum,
      ratingHistogram: new Array(10).fill(0),
      watchSec,
      lastWatchedAt: null,
    },
  };
}

Deno.test("library: rated films by mean rating, then the unrated; totals over every viewing", () => {
  const overview = libraryOverview([
    film("b", 2, 130, 100),
    film("unrated", 0, 0),
    film("a", 1, 70, 50),
    film("c", 4, 260, 400),
  ]);
  assert.deepEqual(overview.films.map((f) => f.slug), ["a", "c", "b", "unrated"]);
  assert.deepEqual(overview.films.map((f) => f.mean), [70, 65, 65, null]);
  assert.equal(overview.viewings, 7);
  assert.equal(overview.watchSec, 550);
  assert.equal(overview.meanRating, 65.7);
  assert.equal(libraryOverview([]).meanRating, null);
});

Deno.test("formats: clock, durations, ratings, shares, signed points, dates", () => {
  assert.equal(clock(0), "0:00");
  assert.equal(clock(754), "12:34");
  assert.equal(clock(3723), "1:02:03");
  assert.equal(duration(45), "45 s");
  assert.equal(duration(720), "12 min");
  assert.equal(duration(7500), "2 h 05 min");
  assert.equal(rating(64.25), "64.3");
  assert.equal(rating(null), "—");
  assert.equal(percent(0.004), "<1%");
  assert.equal(percent(0.4567), "46%");
  assert.equal(percent(0), "0%");
  assert.equal(signed(-40), "−40");
  assert.equal(signed(12.5), "+12.5");
  assert.equal(signed(0), "0");
  assert.equal(dateTime("2026-03-01T20:05:00.000Z"), "1 Mar 2026, 20:05 UTC");
  assert.equal(dateTime("2026-12-31T09:00:00.000Z", false), "31 Dec 2026, 09:00");
});
