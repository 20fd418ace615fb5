import assert from "node:assert/strict";
import { filmSlug, isFilmSlug } from "./film.ts";

const bytes = (text: string) => new TextEncoder().encode(text).length;

/** Two films whose titles agree on their first 80 bytes: cut there, they used to be one. */
const PART_ONE =
  "The Extraordinary and Entirely True Story of the Man Who Walked to the Sea, Part One";
const PART_TWO =
  "The Extraordinary and Entirely True Story of the Man Who Walked to the Sea, Part Two";
/** 26 characters of three UTF-8 bytes each are 78 bytes: the first 26 are all that fitted. */
const JAPANESE_PREFIX = "東京の夜に消えた少女と最後の列車を待つ男たちの長い話";
const JAPANESE_ONE = `${JAPANESE_PREFIX}第一部`;
const JAPANESE_TWO = `${JAPANESE_PREFIX}第二部`;

Deno.test("titles that share their first 80 bytes keep two slugs, each within 80 bytes", () => {
  assert.equal([...JAPANESE_PREFIX].length, 26);
  for (
    const [a, b, year] of [[PART_ONE, PART_TWO, 2004], [JAPANESE_ONE, JAPANESE_TWO, null]] as const
  ) {
    const one = filmSlug(a, year);
    const two = filmSlug(b, year);
    assert.notEqual(one, two, `${a} / ${b}`);
    for (const slug of [one, two]) {
      assert.ok(bytes(slug) <= 80, `${slug}: ${bytes(slug)} bytes`);
      assert.ok(isFilmSlug(slug), slug);
      // Cut, then marked with 8 hex digits of a hash of the whole title: "--" + 8 + year.
      assert.match(slug, year === null ? /--[0-9a-f]{8}$/ : /--[0-9a-f]{8}-2004$/);
    }
  }
  assert.ok(filmSlug(PART_ONE, 2004).startsWith("the-extraordinary-and-entirely-true-story-of"));
  assert.ok(filmSlug(JAPANESE_ONE, null).startsWith("東京の夜に消えた少女と"));
});

Deno.test("a long title keeps one slug however it is spelled, and per year", () => {
  assert.equal(filmSlug(PART_ONE, 2004), filmSlug(PART_ONE.toUpperCase(), 2004));
  assert.equal(filmSlug(PART_ONE, 2004), filmSlug(`  ${PART_ONE}!`, 2004));
  assert.notEqual(filmSlug(PART_ONE, 2004), filmSlug(PART_ONE, 2005));
  assert.notEqual(filmSlug(PART_ONE, 2004), filmSlug(PART_ONE, null));
});

Deno.test("titles of punctuation alone are told apart; slugs that fit are what they were", () => {
  assert.notEqual(filmSlug("?!", null), filmSlug("!!!", null));
  assert.equal(filmSlug("?!", null), filmSlug("?!", null));
  assert.match(filmSlug("?!", 1999), /^film--[0-9a-f]{8}-1999$/);
  // Slugs that fit in 80 bytes did not change: links to them still work.
  assert.equal(filmSlug("The Third Man", 1949), "the-third-man-1949");
  assert.equal(filmSlug("七人の侍", 1954), "七人の侍-1954");
  // A plain slug never holds "--", so a typed title cannot take a marked slug.
  assert.ok(!filmSlug("The Man -- 1a2b3c4d", null).includes("--"));
  assert.ok(!isFilmSlug("x--y") && !isFilmSlug("x--1a2b3c4d-") && !isFilmSlug("--1a2b3c4d"));
});
