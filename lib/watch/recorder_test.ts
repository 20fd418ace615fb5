import assert from "node:assert/strict";
import { type RecordedSecond, secondState } from "@/lib/recording.ts";
import { faceFrame, noFaceFrame } from "@/lib/emotion/sample_frames.ts";
import { type PlaybackSample, SecondRecorder } from "./recorder.ts";

const HAPPY = [0, 0, 0, 0.9, 0.04, 0.03, 0.03];
const SAD = [0.05, 0, 0.05, 0, 0.8, 0.05, 0.05];

/** A film's playback as a function of wall time (ms): where it is, and whether it plays. */
type Timeline = (now: number) => { time: number; playing: boolean };

/**
 * Simulates the browser: the playback observed every 100 ms; a frame grabbed every 66 ms and
 * its result delivered `latency` ms later (observed first, as the recording session does).
 */
function simulate(
  recorder: SecondRecorder,
  timeline: Timeline,
  {
    until,
    latency = 30,
    face = (_t: number) => true,
    probs = (_t: number) => HAPPY,
    rate = 1,
    starved = [],
  }: {
    until: number;
    latency?: number;
    face?: (playbackTime: number) => boolean;
    probs?: (playbackTime: number) => number[];
    rate?: number;
    /**
     * Wall-time windows [from, to) in which the page's main thread is blocked: no observation
     * and no frame grab happens in them; results due then arrive at the window's end, and the
     * timer's observation fires once, at the end.
     */
    starved?: [number, number][];
  },
): RecordedSecond[] {
  type Event = { at: number; kind: "observe" } | { at: number; kind: "frame"; grab: number };
  const blockedAt = (at: number) => starved.find(([from, to]) => at >= from && at < to);
  const events: Event[] = [];
  for (let at = 0; at <= until; at += 100) {
    const block = blockedAt(at);
    if (!block) events.push({ at, kind: "observe" });
    else if (at + 100 >= block[1]) events.push({ at: block[1], kind: "observe" });
  }
  for (let grab = 5; grab + latency <= until; grab += 66) {
    if (blockedAt(grab)) continue;
    const at = grab + latency;
    events.push({ at: blockedAt(at)?.[1] ?? at, kind: "frame", grab });
  }
  events.sort((a, b) => a.at - b.at);
  const out: RecordedSecond[] = [];
  const sample = (now: number): PlaybackSample => ({ now, rate, ...timeline(now) });
  for (const event of events) {
    out.push(...recorder.observe(sample(event.at)));
    if (event.kind === "frame") {
      const { time } = timeline(event.grab);
      const hasFace = face(time);
      const p = probs(time);
      out.push(...recorder.frame({
        time: event.grab,
        ...(hasFace ? faceFrame(p, { movement: 0.01 }) : noFaceFrame()),
      }));
    }
  }
  out.push(...recorder.end());
  return out;
}

const lines = ["zero", null, "two", "three", null, "five"];

Deno.test("normal playback: one second per playback second, frames of that second, its line", () => {
  const recorder = new SecondRecorder({ lines, durationSec: 100 });
  const seconds = simulate(recorder, (now) => ({ time: now / 1000, playing: true }), {
    until: 4000,
  });
  // Second 4 began just as the recording ended: a sliver with no frame, not recorded.
  assert.deepEqual(seconds.map((s) => s.t), [0, 1, 2, 3]);
  assert.deepEqual(seconds.map((s) => s.line), ["zero", null, "two", "three"]);
  for (const s of seconds.slice(0, 4)) {
    assert.ok(s.frames >= 14 && s.frames <= 16, `second ${s.t}: ${s.frames} frames`);
    assert.equal(secondState(s), "watching");
    assert.equal(s.emotion, "happy");
    assert.ok(Math.abs(s.probs!.reduce((a, b) => a + b, 0) - 1) < 1e-9);
  }
  // Every frame landed in exactly one second.
  const total = seconds.reduce((n, s) => n + s.frames, 0);
  assert.equal(total, Math.floor((4000 - 30 - 5) / 66) + 1);
});

Deno.test("a frame belongs to the second it was grabbed in, even when its result is late", () => {
  // Faces are sad in second 0 and happy from second 1: a late result must not move a sad
  // frame into second 1.
  const recorder = new SecondRecorder({ lines: [], durationSec: 100 });
  const seconds = simulate(recorder, (now) => ({ time: now / 1000, playing: true }), {
    until: 3000,
    latency: 90,
    probs: (t) => t < 1 ? SAD : HAPPY,
  });
  assert.equal(seconds[0].emotion, "sad");
  assert.ok(Math.abs(seconds[0].probs![4] - SAD[4]) < 1e-9);
  assert.equal(seconds[1].emotion, "happy");
  assert.ok(Math.abs(seconds[1].probs![3] - HAPPY[3]) < 1e-9);
});

Deno.test("pausing records nothing: frames while paused are dropped, the second continues", () => {
  const recorder = new SecondRecorder({ lines, durationSec: 100 });
  // Plays 0–1.5 s of film, pauses 5 s of wall time, plays on to 3.5 s of film.
  const timeline: Timeline = (now) => {
    if (now < 1500) return { time: now / 1000, playing: true };
    if (now < 6500) return { time: 1.5, playing: false };
    return { time: 1.5 + (now - 6500) / 1000, playing: true };
  };
  const seconds = simulate(recorder, timeline, { until: 8500 });
  assert.deepEqual(seconds.map((s) => s.t), [0, 1, 2, 3]);
  const second1 = seconds[1];
  assert.ok(second1.frames >= 14 && second1.frames <= 16, `${second1.frames} frames`);
});

Deno.test("seeking records the seconds actually played, by playback time", () => {
  const recorder = new SecondRecorder({ lines, durationSec: 100 });
  // 0–2.5 s, a seek to 50.2 (taking 200 ms), then on to 52.5.
  const timeline: Timeline = (now) => {
    if (now < 2500) return { time: now / 1000, playing: true };
    if (now < 2700) return { time: 50.2, playing: false };
    return { time: 50.2 + (now - 2700) / 1000, playing: true };
  };
  const seconds = simulate(recorder, timeline, { until: 5000 });
  assert.deepEqual(seconds.map((s) => s.t), [0, 1, 2, 50, 51, 52]);
  assert.deepEqual(seconds.slice(0, 3).map((s) => s.line), ["zero", null, "two"]);
  assert.equal(seconds[3].line, null);
  // Second 2 was played for half a second: about half its frames.
  assert.ok(seconds[2].frames >= 6 && seconds[2].frames <= 9, `${seconds[2].frames}`);
});

Deno.test("seeking back records a second again (a rewatch)", () => {
  const recorder = new SecondRecorder({ lines, durationSec: 100 });
  const timeline: Timeline = (now) =>
    now < 3000
      ? { time: now / 1000, playing: true }
      : { time: (now - 3000) / 1000 + 1, playing: true };
  const seconds = simulate(recorder, timeline, { until: 5600 });
  assert.deepEqual(seconds.map((s) => s.t), [0, 1, 2, 1, 2, 3]);
});

Deno.test("a sliver of a second without frames before a seek is not recorded", () => {
  const recorder = new SecondRecorder({ lines: [], durationSec: 100 });
  const out: RecordedSecond[] = [];
  out.push(...recorder.observe({ now: 0, time: 10.9, playing: true }));
  out.push(...recorder.observe({ now: 50, time: 10.95, playing: true }));
  out.push(...recorder.observe({ now: 100, time: 30, playing: false }));
  out.push(...recorder.observe({ now: 200, time: 30, playing: true }));
  out.push(...recorder.observe({ now: 1000, time: 30.8, playing: true }));
  out.push(...recorder.end());
  assert.deepEqual(out.map((s) => s.t), [30]);
  // A second played for most of its length without a frame is recorded, as unknown.
  assert.equal(out[0].frames, 0);
  assert.equal(secondState(out[0]), "unknown");
});

Deno.test("a left second waits for late frames only for the grace period", () => {
  const recorder = new SecondRecorder({ lines: [], durationSec: 100, graceMs: 500 });
  recorder.observe({ now: 0, time: 0, playing: true });
  recorder.observe({ now: 900, time: 0.9, playing: true });
  assert.deepEqual(recorder.observe({ now: 1000, time: 1.0, playing: true }), []);
  assert.deepEqual(recorder.observe({ now: 1400, time: 1.4, playing: true }), []);
  const closed = recorder.observe({ now: 1500, time: 1.5, playing: true });
  assert.deepEqual(closed.map((s) => s.t), [0]);
  // A frame of second 1 closes second 0 at once.
  const other = new SecondRecorder({ lines: [], durationSec: 100 });
  other.observe({ now: 0, time: 0, playing: true });
  other.observe({ now: 900, time: 0.9, playing: true });
  other.observe({ now: 1000, time: 1.0, playing: true });
  const byFrame = other.frame({ time: 1010, ...faceFrame(HAPPY) });
  assert.deepEqual(byFrame.map((s) => s.t), [0]);
});

Deno.test("no second past the film's length, nothing before playback", () => {
  const recorder = new SecondRecorder({ lines: [], durationSec: 2 });
  assert.deepEqual(recorder.frame({ time: 5, ...faceFrame(HAPPY) }), []);
  const seconds = simulate(recorder, (now) => ({ time: now / 1000, playing: now < 3400 }), {
    until: 4000,
  });
  assert.deepEqual(seconds.map((s) => s.t), [0, 1, 2]);
});

Deno.test("a stalled film (buffering) does not move frames past where it stands", () => {
  const recorder = new SecondRecorder({ lines: [], durationSec: 100 });
  recorder.observe({ now: 0, time: 0.5, playing: true });
  recorder.observe({ now: 2000, time: 0.6, playing: true }); // stalled for ~2 s
  assert.equal(recorder.playbackAt(1500), 0.6);
  assert.equal(recorder.playbackAt(-1), null);
});

Deno.test("no face in most frames: the second has no face", () => {
  const recorder = new SecondRecorder({ lines: [], durationSec: 100 });
  const seconds = simulate(recorder, (now) => ({ time: now / 1000, playing: true }), {
    until: 2000,
    face: (t) => t >= 1,
  });
  assert.equal(secondState(seconds[0]), "absent");
  assert.equal(seconds[0].emotion, null);
  assert.equal(seconds[0].probs, null);
  assert.equal(secondState(seconds[1]), "watching");
});

/** Every playback second from `from` to `to` (exclusive), once each, in order. */
function secondsFrom(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}

Deno.test("a starved page: two observations 2.4 s apart record the seconds played between", () => {
  const recorder = new SecondRecorder({ lines, durationSec: 100 });
  // The main thread is blocked from 3.8 s to 6.2 s of wall time while the film plays on:
  // the last observation before is at 3.8 s of film, the first after at 6.2 s.
  const seconds = simulate(recorder, (now) => ({ time: now / 1000, playing: true }), {
    until: 9000,
    starved: [[3850, 6200]],
  });
  assert.deepEqual(seconds.map((s) => s.t), secondsFrom(0, 9), "4 and 5 included, each once");
  // Seconds 4 and 5 were played without a frame grabbed: recorded, their picture unknown.
  assert.deepEqual(seconds.slice(4, 6).map((s) => [s.frames, secondState(s)]), [
    [0, "unknown"],
    [0, "unknown"],
  ]);
  assert.deepEqual(seconds.slice(4, 6).map((s) => s.line), [null, "five"]);
  assert.ok(seconds[7].frames >= 14, `${seconds[7].frames} frames after the block`);
});

Deno.test("a starved page at 4× speed: 10 s of film in 2.5 s of wall time, every second once", () => {
  const recorder = new SecondRecorder({ lines: [], durationSec: 100 });
  const seconds = simulate(recorder, (now) => ({ time: (now / 1000) * 4, playing: true }), {
    until: 6000,
    rate: 4,
    starved: [[1000, 3500], [4200, 4900]],
  });
  assert.deepEqual(seconds.map((s) => s.t), secondsFrom(0, 24));
});

Deno.test("frames that arrive after a starved gap are placed in the seconds by their time", () => {
  const recorder = new SecondRecorder({ lines: [], durationSec: 100 });
  const out: RecordedSecond[] = [];
  out.push(...recorder.observe({ now: 0, time: 0, playing: true }));
  out.push(...recorder.observe({ now: 3000, time: 3, playing: true }));
  // Grabbed at 0.5 s, 1.5 s and 2.5 s of film, their results delivered only now.
  for (const grab of [500, 1500, 2500]) {
    out.push(...recorder.frame({ time: grab, ...faceFrame(HAPPY) }));
  }
  out.push(...recorder.observe({ now: 3400, time: 3.4, playing: true }));
  out.push(...recorder.end());
  assert.deepEqual(out.map((s) => [s.t, s.frames]), [[0, 1], [1, 1], [2, 1]]);
});

Deno.test("a starved play and pause, both unseen: the seconds played between are recorded", () => {
  const recorder = new SecondRecorder({ lines: [], durationSec: 100 });
  const out: RecordedSecond[] = [];
  for (let now = 0; now <= 3800; now += 100) {
    out.push(...recorder.observe({ now, time: now / 1000, playing: true }));
  }
  // Next seen at 6.2 s of film, paused: it played from 3.8 to 6.2, then paused there.
  out.push(...recorder.observe({ now: 6200, time: 6.2, playing: false }));
  out.push(...recorder.observe({ now: 20_000, time: 6.2, playing: false }));
  // Played on from 6.2 to 7.6 later.
  for (let now = 30_000; now <= 31_400; now += 100) {
    out.push(...recorder.observe({ now, time: 6.2 + (now - 30_000) / 1000, playing: true }));
  }
  out.push(...recorder.end());
  assert.deepEqual(out.map((s) => s.t), secondsFrom(0, 8));
  // Second 6 was played in two parts (6.0–6.2, then 6.2–7.0): one second, not two.
  assert.equal(out.filter((s) => s.t === 6).length, 1);
});

Deno.test("a seek is known from the video's events: the same jump is filled only without one", () => {
  const run = (seeking: boolean) => {
    const recorder = new SecondRecorder({ lines: [], durationSec: 100 });
    const out: RecordedSecond[] = [];
    for (let now = 0; now <= 1000; now += 100) {
      out.push(...recorder.observe({ now, time: 9 + now / 1000, playing: true }));
    }
    // 2.5 s later the film is at 12.5 s: played (starved), or a seek forward (its event seen).
    out.push(...recorder.observe({ now: 3500, time: 12.5, playing: true, seeking }));
    for (let now = 3600; now <= 4400; now += 100) {
      out.push(...recorder.observe({ now, time: 12.5 + (now - 3500) / 1000, playing: true }));
    }
    out.push(...recorder.end());
    return out.map((s) => s.t);
  };
  assert.deepEqual(run(false), [9, 10, 11, 12]);
  assert.deepEqual(run(true), [9, 12], "10 and 11 were skipped by the seek, not played");
});

Deno.test("a jump further than the playback rate allows is not taken for playing", () => {
  const recorder = new SecondRecorder({ lines: [], durationSec: 1000 });
  const out: RecordedSecond[] = [];
  out.push(...recorder.observe({ now: 0, time: 5, playing: true, rate: 2 }));
  out.push(...recorder.observe({ now: 900, time: 6.8, playing: true, rate: 2 }));
  // 100 s of film in 1 s at 2×: a seek whose event was not seen, not 100 played seconds.
  out.push(...recorder.observe({ now: 1900, time: 106.8, playing: true, rate: 2 }));
  out.push(...recorder.observe({ now: 2500, time: 108, playing: true, rate: 2 }));
  out.push(...recorder.end());
  // 106.8–107 is a sliver without a frame: not recorded (as before any seek).
  assert.deepEqual(out.map((s) => s.t), [5, 6, 107]);
});
