import assert from "node:assert/strict";
import { filmSlug, isFilmSlug } from "@/lib/film.ts";
import { parseFilmInput } from "./film_input.ts";
import { InputError } from "./input.ts";
import { canonicalSeconds } from "@/lib/recording.ts";
import { maxSeq, parseMinuteBody, parseSeq } from "./minute_input.ts";
import { sampleSeconds } from "@/lib/demo/sample.ts";

Deno.test("film slugs: lower case, accents dropped, any script kept, year appended", () => {
  assert.equal(filmSlug("The Third Man", 1949), "the-third-man-1949");
  assert.equal(filmSlug("  Amélie!! ", null), "amelie");
  assert.equal(
    filmSlug("Crouching Tiger, Hidden Dragon", 2000),
    "crouching-tiger-hidden-dragon-2000",
  );
  assert.equal(filmSlug("七人の侍", 1954), "七人の侍-1954");
  assert.equal(filmSlug("Солярис", 1972), "солярис-1972");
  assert.match(filmSlug("?!", null), /^film--[0-9a-f]{8}$/);
  assert.equal(filmSlug("ALIEN", 1979), filmSlug("alien", 1979), "the same film");
  assert.notEqual(filmSlug("Solaris", 1972), filmSlug("Solaris", 2002), "remakes differ by year");
  const long = filmSlug("A very long title ".repeat(20), 2001);
  assert.ok(new TextEncoder().encode(long).length <= 80);
  assert.match(long, /^a-very-long-title(-[a-z]+)*--[0-9a-f]{8}-2001$/, "cut, marked, year kept");
  for (const slug of ["the-third-man-1949", "七人の侍-1954", "amelie"]) assert.ok(isFilmSlug(slug));
  for (const slug of ["", "-x", "x--y", "../x", "X Y"]) assert.ok(!isFilmSlug(slug), slug);
});

Deno.test("film input: trimmed title, integer length, optional year, nothing else", () => {
  assert.deepEqual(parseFilmInput({ title: " Ran ", durationSec: 9720 }), {
    title: "Ran",
    durationSec: 9720,
    year: null,
  });
  assert.deepEqual(parseFilmInput({ title: "Ran", durationSec: 9720, year: null }).year, null);
  const fails = (body: unknown, field: string) =>
    assert.throws(() => parseFilmInput(body), (e) => e instanceof InputError && e.field === field);
  fails({ title: "Ran", durationSec: 9720, extra: 1 }, "extra");
  fails({ title: 5, durationSec: 9720 }, "title");
  fails({ title: "x".repeat(201), durationSec: 9720 }, "title");
  fails({ title: "Ran", durationSec: 43_201 }, "durationSec");
  fails({ title: "Ran", durationSec: 9720, year: 2101 }, "year");
  fails(null, "body");
});

Deno.test("seq: a plain decimal integer up to twice the film", () => {
  assert.equal(maxSeq(7200), 241);
  assert.equal(parseSeq("0", 7200), 0);
  assert.equal(parseSeq("241", 7200), 241);
  for (const raw of ["242", "-1", "01", "1e2", "0x1", " 1", "", "1.0"]) {
    assert.throws(() => parseSeq(raw, 7200), /^InputError: seq: must be an integer from 0 to 241/);
  }
});

Deno.test("a minute body comes back canonical: replays differ only if the data differs", () => {
  const seconds = sampleSeconds(1, 100, 60);
  const expected = { screeningId: "s", seq: 2, durationSec: 200 };
  // Keys in another order, -0 movement: the same minute.
  const shuffled = seconds.map((s) => ({
    line: s.line,
    frames: s.frames,
    movement: s.movement === 0 ? -0 : s.movement,
    probs: s.probs,
    emotion: s.emotion,
    face: s.face,
    t: s.t,
  }));
  const parsed = parseMinuteBody({ seconds: shuffled }, expected);
  assert.equal(canonicalSeconds(parsed), canonicalSeconds(parseMinuteBody({ seconds }, expected)));
  assert.deepEqual(parsed, seconds);
  assert.equal(canonicalSeconds(parsed), JSON.stringify(seconds));
  const changed = structuredClone(seconds);
  changed[0].frames += 1;
  assert.notEqual(
    canonicalSeconds(parseMinuteBody({ seconds: changed }, expected)),
    canonicalSeconds(parsed),
  );
});

Deno.test("a minute body: the boundaries of each rule", () => {
  const base = sampleSeconds(2, 0, 1)[0];
  const face = { ...base, face: true, emotion: "happy", probs: [0, 0, 0, 1, 0, 0, 0], movement: 0 };
  const ok = (second: unknown, durationSec = 100) =>
    parseMinuteBody({ seconds: [second] }, { screeningId: "s", seq: 0, durationSec });
  const fails = (second: unknown, field: string) =>
    assert.throws(() => ok(second), (e) => e instanceof InputError && e.field === field, field);
  ok({ ...face, t: 100 }); // the last second of the film
  fails({ ...face, t: 101 }, "seconds[0].t");
  fails({ ...face, t: -1 }, "seconds[0].t");
  ok({ ...face, probs: [0.005, 0, 0, 1, 0, 0, 0.005] }); // 1.01
  fails({ ...face, probs: [0.006, 0, 0, 1, 0, 0, 0.006] }, "seconds[0].probs"); // 1.012
  ok({ ...face, probs: [0, 0, 0, 0.99, 0, 0, 0] });
  fails({ ...face, probs: [0, 0, 0, 0.98, 0, 0, 0] }, "seconds[0].probs");
  fails({ ...face, probs: [-0.1, 0, 0, 1.1, 0, 0, 0] }, "seconds[0].probs");
  fails({ ...face, probs: null }, "seconds[0].probs");
  fails({ ...face, emotion: null }, "seconds[0].emotion");
  fails({ ...face, face: "yes" }, "seconds[0].face");
  ok({ ...face, face: false, emotion: null, probs: null, frames: 0 });
  fails({ ...face, face: false, emotion: null, probs: [0, 0, 0, 1, 0, 0, 0] }, "seconds[0].probs");
  ok({ ...face, frames: 240 });
  fails({ ...face, frames: 241 }, "seconds[0].frames");
  fails({ ...face, movement: "1" }, "seconds[0].movement");
  ok({ ...face, line: "x".repeat(1000) });
  fails({ ...face, line: 5 }, "seconds[0].line");
  assert.throws(
    () =>
      parseMinuteBody({ seconds: [face], screeningId: "other" }, {
        screeningId: "s",
        seq: 0,
        durationSec: 9,
      }),
    /screeningId: must match the screening in the URL/,
  );
});
