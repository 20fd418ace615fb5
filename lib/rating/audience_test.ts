/** Audience functions: a viewing's share of the aggregate, and the film-level insights. */
import assert from "node:assert/strict";
import type { AudienceSecond } from "@/lib/recording.ts";
import {
  applyAudienceShare,
  audienceExpressionShares,
  audienceFavourite,
  audienceShare,
  contributions,
  filmRatingStats,
  SHARE_QUANTUM,
} from "./mod.ts";
import { viewing } from "@/lib/demo/hand_made.ts";
import { syntheticViewing } from "@/lib/demo/synthetic.ts";
import { seededRandom } from "@/lib/random.ts";

Deno.test("share: one entry per playback second, from its first recording", () => {
  const seconds = [
    ...viewing([{ emotion: "neutral", count: 3, t: 10, movement: 0.1 }]),
    ...viewing([{ emotion: null, count: 1 }]).map((s) => ({ ...s, t: 13 })),
    // Rewatched 11–12 laughing: the share keeps the first recordings (neutral).
    ...viewing([{ emotion: "happy", count: 2, t: 11, movement: 1.5 }]),
  ];
  const share = audienceShare(seconds);
  // Contributions in recording order: neutral run of 3 (12 each), a 1-second gap (0), happy
  // run of 2: the first is large after a no-face second (no spike): (95 − 50) / 1.25 = 36.
  assert.deepEqual(contributions(seconds), [12, 12, 12, 0, 36, 36]);
  assert.deepEqual(share, [
    {
      t: 10,
      viewers: 1,
      faces: 1,
      counts: [0, 0, 0, 0, 0, 0, 1],
      contribution: 12,
      movement: 0.099609375,
    },
    {
      t: 11,
      viewers: 1,
      faces: 1,
      counts: [0, 0, 0, 0, 0, 0, 1],
      contribution: 12,
      movement: 0.099609375,
    },
    {
      t: 12,
      viewers: 1,
      faces: 1,
      counts: [0, 0, 0, 0, 0, 0, 1],
      contribution: 12,
      movement: 0.099609375,
    },
    { t: 13, viewers: 1, faces: 0, counts: [0, 0, 0, 0, 0, 0, 0], contribution: 0, movement: 0 },
  ]);
});

Deno.test("share: contributions and movements are exact multiples of 2^-10", () => {
  const share = audienceShare(syntheticViewing({ seconds: 2000, seed: 11, seek: 0.01 }));
  for (const s of share) {
    assert.ok(Number.isInteger(s.contribution / SHARE_QUANTUM));
    assert.ok(Number.isInteger(s.movement / SHARE_QUANTUM));
  }
});

Deno.test("share: adding and subtracting viewings restores the aggregate bit for bit, in any order", () => {
  const random = seededRandom(12);
  const shares = Array.from(
    { length: 40 },
    (_, k) =>
      audienceShare(
        syntheticViewing({ seconds: 300 + Math.floor(random() * 900), seed: 100 + k, seek: 0.01 }),
      ),
  );
  let aggregate: AudienceSecond[] = [];
  for (const share of shares) aggregate = applyAudienceShare(aggregate, share, 1);
  // Delete every third viewing, in reverse order of finishing.
  let afterDeletes = aggregate;
  for (let k = shares.length - 1; k >= 0; k--) {
    if (k % 3 === 0) afterDeletes = applyAudienceShare(afterDeletes, shares[k], -1);
  }
  // The same aggregate built only from the viewings kept, added in another order.
  let kept: AudienceSecond[] = [];
  for (let k = shares.length - 1; k >= 0; k--) {
    if (k % 3 !== 0) kept = applyAudienceShare(kept, shares[k], 1);
  }
  assert.deepEqual(afterDeletes, kept);
  // And removing all of them leaves nothing.
  let empty = aggregate;
  for (const share of shares) empty = applyAudienceShare(empty, share, -1);
  assert.deepEqual(empty, []);
  // The aggregate's contribution is the sum of the viewers' first-recording contributions.
  const t = aggregate[Math.floor(aggregate.length / 2)].t;
  const expected = shares.reduce(
    (sum, share) => sum + (share.find((s) => s.t === t)?.contribution ?? 0),
    0,
  );
  assert.equal(aggregate.find((s) => s.t === t)!.contribution, expected);
});

Deno.test("film ratings: mean and a histogram of ten 10-point bins", () => {
  const stats = filmRatingStats([0, 9.9, 10, 55, 64.9, 65, 99.9, 100, NaN]);
  assert.equal(stats.count, 8);
  // (0 + 9.9 + 10 + 55 + 64.9 + 65 + 99.9 + 100) / 8 = 404.7 / 8 = 50.5875 → 50.6.
  assert.equal(stats.mean, 50.6);
  assert.deepEqual(stats.histogram, [2, 1, 0, 0, 0, 1, 2, 0, 0, 2]);
  assert.deepEqual(filmRatingStats([]), { count: 0, mean: null, histogram: new Array(10).fill(0) });
});

function audienceSecond(
  t: number,
  viewers: number,
  faces: number,
  counts: number[],
  contribution: number,
): AudienceSecond {
  return { t, viewers, faces, counts, contribution, movement: 0 };
}

Deno.test("audience expression shares: per label among faces, and the share without a face", () => {
  const shares = audienceExpressionShares([
    audienceSecond(1, 4, 0, [0, 0, 0, 0, 0, 0, 0], 0),
    audienceSecond(0, 4, 3, [0, 0, 0, 2, 0, 0, 1], 40),
    audienceSecond(2, 0, 0, [0, 0, 0, 0, 0, 0, 0], 0),
  ]);
  assert.deepEqual(shares, [
    { t: 0, viewers: 4, shares: [0, 0, 0, 0.6667, 0, 0, 0.3333], noFace: 0.25 },
    { t: 1, viewers: 4, shares: [0, 0, 0, 0, 0, 0, 0], noFace: 1 },
  ]);
});

Deno.test("audience favourite: highest mean contribution per viewer, ignoring thinly watched seconds", () => {
  // 10 viewers watched 0–59 (15 each per second: 150 summed); only 2 reached 60–79, where
  // they laughed (45 each: 90 summed). Those seconds fall under half the peak (5) and do not
  // count, though their mean per viewer (45) is the highest.
  const aggregate: AudienceSecond[] = [];
  for (let t = 0; t < 60; t++) {
    aggregate.push(
      audienceSecond(t, 10, 10, [0, 0, 0, 0, 0, 0, 10], t >= 30 && t < 35 ? 300 : 150),
    );
  }
  for (let t = 60; t < 80; t++) aggregate.push(audienceSecond(t, 2, 2, [0, 0, 0, 2, 0, 0, 0], 90));
  const best = audienceFavourite(aggregate);
  // Seconds 30–34 have a mean of 30, the others 15: any section holding 30–34 sums
  // 5 × 30 + 15 × 15 = 375; the earliest starts at 15.
  assert.deepEqual(best, { start: 15, end: 35, contribution: 375, minViewers: 5 });
  assert.equal(audienceFavourite([]), null);
  // With a single viewer every second counts.
  assert.equal(
    audienceFavourite([audienceSecond(5, 1, 1, [0, 0, 0, 1, 0, 0, 0], 45)])!.minViewers,
    1,
  );
});
