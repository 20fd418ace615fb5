import assert from "node:assert/strict";
import { clock, dateTime, duration, percent, rating, signed } from "./format.ts";

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
