import assert from "node:assert/strict";
import { isoTime } from "./iso_time.ts";
import { seededRandom } from "./random.ts";

Deno.test("isoTime writes what toISOString writes: the epoch, leap days, the year's edges", () => {
  for (
    const ms of [
      0,
      -1, // 1969-12-31T23:59:59.999Z
      Date.UTC(2024, 1, 29, 23, 59, 59, 999), // a leap day
      Date.UTC(2000, 1, 29), // 2000 is a leap year (divisible by 400)
      Date.UTC(2100, 2, 1), // 2100 is not
      Date.UTC(2026, 11, 31, 23, 59, 59, 5),
      -62_167_219_200_000, // 0000-01-01T00:00:00.000Z
      253_402_300_799_999, // 9999-12-31T23:59:59.999Z
    ]
  ) assert.equal(isoTime(ms), new Date(ms).toISOString(), String(ms));
});

Deno.test("isoTime agrees with toISOString on 100,000 random times between years 0 and 9999", () => {
  const random = seededRandom(7);
  for (let i = 0; i < 100_000; i++) {
    const ms = Math.floor(
      -62_167_219_200_000 + random() * (253_402_300_799_999 + 62_167_219_200_000),
    );
    assert.equal(isoTime(ms), new Date(ms).toISOString(), String(ms));
  }
});

Deno.test("outside years 0 to 9999, or between milliseconds, isoTime leaves it to Date", () => {
  for (const ms of [-62_167_219_200_001, 253_402_300_800_000, 1.5, 8.64e15]) {
    assert.equal(isoTime(ms), new Date(ms).toISOString());
  }
  assert.throws(() => isoTime(NaN), RangeError);
});
