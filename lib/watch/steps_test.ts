import assert from "node:assert/strict";
import { cameraProblem } from "@/lib/camera.ts";
import { newViewing, recordSecond, type ViewingRecord } from "./saved_viewing.ts";
import { abandonsViewing, cameraOn, recordingViewing, stepIndex, transition } from "./steps.ts";
import { type FilmChoice, INITIAL_STATE, type WatchEvent, type WatchState } from "./watch_state.ts";

function run(events: WatchEvent[], from: WatchState = INITIAL_STATE): WatchState[] {
  const states: WatchState[] = [];
  let state = from;
  for (const event of events) {
    state = transition(state, event);
    states.push(state);
  }
  return states;
}

const CHOICE: FilmChoice = {
  file: new File(["x"], "Film.2020.mp4"),
  duration: 90.2,
  durationSec: 90,
  title: "Film",
  year: 2020,
  subtitles: null,
};

function viewing(id = "v1", recorded = 0): ViewingRecord {
  let record = newViewing({
    screeningId: id,
    token: "t",
    film: { slug: "film-2020", title: "Film", year: 2020 },
    durationSec: 90,
    file: { name: "Film.2020.mp4", size: 1 },
    subtitles: null,
    startedAt: "2026-01-01T00:00:00Z",
  });
  for (let t = 0; t < recorded; t++) {
    const second = {
      t,
      face: false,
      emotion: null,
      probs: null,
      movement: 0,
      frames: 0,
      line: null,
    };
    record = recordSecond(record, second, "2026-01-01T00:00:01Z").record;
  }
  return record;
}

/** The flow up to the countdown, on a fresh page. */
const TO_COUNTDOWN: WatchEvent[] = [
  { type: "film-ready", choice: CHOICE },
  { type: "start-camera" },
  { type: "camera-on" },
  { type: "camera-ready" },
  { type: "face-held" },
];

Deno.test("steps: the whole flow, in order, with what each step shows", () => {
  const states = run([
    ...TO_COUNTDOWN,
    { type: "viewing-created", record: viewing() },
    { type: "countdown-done" },
    { type: "recorded", record: viewing("v1", 1) },
    { type: "recorded", record: viewing("v1", 2) },
    { type: "stop", notice: null },
    { type: "stopped", record: viewing("v1", 3) },
    {
      type: "finished",
      summary: null,
      details: { reference: null, prediction: { verdict: 7.5, plusMinus: 1.2 }, verdict: 6 },
    },
  ]);
  assert.deepEqual(states.map((s) => s.step.name), [
    "consent",
    "starting",
    "starting",
    "face-check",
    "countdown",
    "countdown",
    "playing",
    "playing",
    "playing",
    "finishing",
    "finishing",
    "done",
  ]);
  assert.deepEqual(states.map((s) => stepIndex(s.step)), [1, 1, 1, 2, 3, 3, 3, 3, 3, 4, 4, 4]);
  assert.deepEqual(states.map((s) => cameraOn(s.step)), [
    ...[false, true, true, true, true, true],
    ...[true, true, true, false, false, false],
  ]);
  // The camera light from the browser's yes, before the models are ready.
  assert.deepEqual(states.slice(1, 4).map((s) => s.cameraLive), [false, true, true]);
  assert.deepEqual(states.slice(6, 11).map((s) => s.recordedSec), [0, 1, 2, 2, 3]);
  assert.equal(states[0].choice, CHOICE);
  // The end screen has what the finish answered, and the token the verdict is saved with.
  assert.deepEqual(states.at(-1)!.result, {
    screeningId: "v1",
    token: viewing("v1", 3).token,
    title: "Film (2020)",
    summary: null,
    reference: null,
    prediction: { verdict: 7.5, plusMinus: 1.2 },
    verdict: 6,
  });
});

Deno.test("steps: the film starts once the countdown is over and the viewing exists, in either order", () => {
  const created = run([...TO_COUNTDOWN, { type: "viewing-created", record: viewing() }]).at(-1)!;
  assert.equal(created.step.name, "countdown", "the countdown is not over yet");
  assert.equal(transition(created, { type: "countdown-done" }).step.name, "playing");
  const over = run([...TO_COUNTDOWN, { type: "countdown-done" }]).at(-1)!;
  assert.equal(over.step.name, "countdown", "the viewing does not exist yet");
  // The server refused: said, and the retry's success starts the film at once.
  const refused = transition(over, { type: "create-failed", message: "Creating failed." });
  assert.equal(refused.createError, "Creating failed.");
  const playing = transition(refused, { type: "viewing-created", record: viewing() });
  assert.equal(playing.step.name, "playing");
  assert.equal(playing.createError, null);
  // Trying again starts the countdown over; the film waits for it.
  const retrying = transition(refused, { type: "create-retry" });
  assert.deepEqual([retrying.createError, retrying.countdownOver], [null, false]);
  assert.equal(
    transition(retrying, { type: "viewing-created", record: viewing() }).step.name,
    "countdown",
  );
});

Deno.test("steps: a camera problem returns to consent with it, the light off; trying again works", () => {
  const denied = cameraProblem(new DOMException("denied", "NotAllowedError"));
  const [, on, failed, again] = run([
    { type: "start-camera" },
    { type: "camera-on" },
    { type: "camera-failed", problem: denied },
    { type: "start-camera" },
  ], { ...INITIAL_STATE, step: { name: "consent", problem: null } });
  assert.equal(on.cameraLive, true);
  assert.deepEqual(failed.step, { name: "consent", problem: denied });
  assert.equal(failed.cameraLive, false);
  assert.equal(again.step.name, "starting");
  assert.equal(cameraOn(failed.step), false);
});

Deno.test("steps: a reload mid-film offers to resume or to finish", () => {
  const saved = viewing("v9", 64);
  const [offered, reopening, back] = run([
    { type: "saved-viewings", unfinished: saved, elsewhere: null },
    { type: "resume" },
    { type: "back-to-resume" },
  ]);
  assert.equal(offered.step.name, "resume");
  assert.equal(reopening.step.name, "pick");
  assert.equal(reopening.resuming, true);
  assert.equal(reopening.viewing, saved, "the resumed viewing goes on");
  assert.equal(back.step.name, "resume");
  const finishing = run([
    { type: "saved-viewings", unfinished: saved, elsewhere: null },
    { type: "finish-as-is", record: viewing("v9", 65) },
    { type: "finished", summary: null },
  ]);
  assert.equal(finishing[1].step.name, "finishing");
  assert.equal(finishing[1].viewing?.recordedSec, 65);
  assert.equal(finishing[2].unfinished, null, "nothing is left to resume");
  // Back from a resumed countdown keeps the viewing: it holds what was recorded before.
  const resumed = run([
    { type: "saved-viewings", unfinished: saved, elsewhere: null },
    { type: "resume" },
    ...TO_COUNTDOWN,
  ]).at(-1)!;
  assert.equal(abandonsViewing(resumed), false);
  assert.equal(transition(resumed, { type: "back" }).viewing, saved);
});

Deno.test("steps: a viewing recorded in another tab is named and never offered", () => {
  const [state] = run([{ type: "saved-viewings", unfinished: null, elsewhere: viewing("v2", 5) }]);
  assert.equal(state.step.name, "pick", "no resume, no finish as it is");
  assert.deepEqual(state.elsewhere, { title: "Film (2020)" });
  assert.equal(state.unfinished, null);
  // The other tab let go of it unfinished (closed mid-film): now it is offered here.
  const later = transition(state, {
    type: "saved-viewings",
    unfinished: viewing("v2", 5),
    elsewhere: null,
  });
  assert.equal(later.step.name, "resume");
  assert.equal(later.elsewhere, null);
  // …but not in the middle of another flow: the offer waits for the first step.
  const busy = run([...TO_COUNTDOWN], state).at(-1)!;
  const found = transition(busy, {
    type: "saved-viewings",
    unfinished: viewing("v2", 5),
    elsewhere: null,
  });
  assert.equal(found.step.name, "countdown");
  assert.equal(transition(found, { type: "back" }).step.name, "resume");
});

Deno.test("steps: leaving before anything was recorded abandons the new viewing", () => {
  const created = run([...TO_COUNTDOWN, { type: "viewing-created", record: viewing() }]).at(-1)!;
  assert.equal(abandonsViewing(created), true);
  const back = transition(created, { type: "back" });
  assert.equal(back.step.name, "pick");
  assert.equal(back.viewing, null);
  assert.equal(back.choice, CHOICE, "the chosen film stays chosen");
});

Deno.test("steps: the viewing this tab records, for saying it is alive", () => {
  const states = run([
    ...TO_COUNTDOWN,
    { type: "viewing-created", record: viewing() },
    { type: "countdown-done" },
    { type: "stop", notice: "The camera stopped." },
    { type: "finished", summary: null },
  ]);
  assert.deepEqual(states.map((s) => recordingViewing(s)?.screeningId ?? null), [
    ...[null, null, null, null, null],
    ...["v1", "v1", "v1", null],
  ]);
  assert.equal(states.at(-2)!.notice, "The camera stopped.");
});

Deno.test("steps: events that do not apply change nothing (the same object)", () => {
  const playing = run([
    ...TO_COUNTDOWN,
    { type: "viewing-created", record: viewing() },
    { type: "countdown-done" },
  ]).at(-1)!;
  const events: WatchEvent[] = [
    { type: "film-ready", choice: CHOICE },
    { type: "face-held" },
    { type: "back" },
    { type: "finished", summary: null },
    { type: "resume" },
    { type: "camera-ready" },
    { type: "viewing-created", record: viewing("late") },
  ];
  for (const event of events) assert.equal(transition(playing, event), playing, event.type);
  assert.equal(transition(INITIAL_STATE, { type: "stop", notice: null }), INITIAL_STATE);
  // A camera failure once the film is over is too late to matter.
  const done = { ...INITIAL_STATE, step: { name: "done" } } as WatchState;
  assert.equal(transition(done, { type: "camera-failed", problem: cameraProblem(null) }), done);
});

Deno.test("steps: back returns to the film choice from every step before the film", () => {
  for (const name of ["consent", "starting", "face-check", "countdown", "done"] as const) {
    const step = name === "consent" ? { name, problem: null } : { name };
    assert.equal(transition({ ...INITIAL_STATE, step }, { type: "back" }).step.name, "pick");
  }
  const done = run([
    ...TO_COUNTDOWN,
    { type: "viewing-created", record: viewing() },
    { type: "countdown-done" },
    { type: "stop", notice: null },
    { type: "finished", summary: null },
    { type: "again" },
  ]).at(-1)!;
  assert.deepEqual(done, INITIAL_STATE, "another film starts from a clean slate");
});
