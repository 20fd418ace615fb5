import assert from "node:assert/strict";
import { packShare, unpackShare, viewingEffect } from "./viewing_effect.ts";
import { sampleSeconds, sampleSecondsV2 } from "@/lib/demo/sample.ts";
import { secondState } from "@/lib/recording.ts";

Deno.test("a viewing recorded in version 2: unknown seconds leave the share, away ones have no face", () => {
  const minutes = [
    { seq: 1, seconds: sampleSecondsV2(2, 60, 60) },
    { seq: 0, seconds: sampleSecondsV2(1, 0, 60) },
  ];
  const effect = viewingEffect(minutes, 120);
  const all = [...minutes[1].seconds, ...minutes[0].seconds];
  const rated = all.filter((s) => secondState(s) !== "unknown");
  assert.ok(rated.length < all.length, "the sample has unknown seconds");
  assert.deepEqual(effect.share.map((s) => s.t), rated.map((s) => s.t));
  for (const [k, s] of effect.share.entries()) {
    assert.equal(s.faces, secondState(rated[k]) === "watching" ? 1 : 0, `t=${s.t}`);
  }
  assert.equal(effect.summary.recordedSec, rated.length);
  assert.equal(effect.stats!.watchSec, all.length, "time watched counts every recorded second");
  assert.equal(effect.stats!.finished, 1, "it recorded the film's last minute");
  assert.deepEqual(unpackShare(packShare(effect.share)), effect.share);
});

Deno.test("a viewing whose minutes are of both versions (resumed after an update) rates as one", () => {
  const effect = viewingEffect([
    { seq: 0, seconds: sampleSeconds(3, 0, 60) },
    { seq: 1, seconds: sampleSecondsV2(4, 60, 60) },
  ], 7200);
  assert.equal(
    effect.share.length,
    120 - sampleSecondsV2(4, 60, 60).filter((s) => s.state === "unknown").length,
  );
  assert.ok(effect.summary.rating >= 0 && effect.summary.rating <= 100);
  assert.equal(effect.stats!.finished, 0);
});
