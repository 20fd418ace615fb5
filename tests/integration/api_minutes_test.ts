/**
 * `PUT /api/screenings/:id/minutes/:seq`: stored once; replays, conflicts, malformed, oversized
 * and unauthenticated requests each get their status and message, and change nothing.
 */
import assert from "node:assert/strict";
import type { Hono } from "hono";
import { maxSeq } from "@/lib/api/minute_input.ts";
import { sampleSeconds, sampleSecondsV2 } from "@/lib/demo/sample.ts";
import {
  apiFixture,
  type Created,
  createViewing,
  minuteBody,
  putMinute,
  viewingSnapshot,
} from "./_api.ts";

const seconds = sampleSeconds(5, 0, 60);
const valid = minuteBody(seconds);

/**
 * On a viewing holding minute 0, sends a request that must be refused, and checks its
 * status, its message and that the store is unchanged.
 */
async function refused(
  send: (api: Hono, screening: Created) => Promise<Response>,
  status: number,
  message: RegExp,
) {
  const { app: api, store } = await apiFixture();
  const viewing = await createViewing(api);
  assert.equal((await putMinute(api, viewing, 0, valid)).status, 201);
  const before = await viewingSnapshot(store, viewing.id);
  const res = await send(api, viewing);
  const body = await res.json();
  assert.equal(res.status, status, JSON.stringify(body));
  assert.match(body.error, message);
  assert.deepEqual(await viewingSnapshot(store, viewing.id), before, "the store is unchanged");
}

Deno.test("a new minute is stored (201); the same again is 200; it reads back in order", async () => {
  const { app, store } = await apiFixture();
  const viewing = await createViewing(app);
  const later = sampleSeconds(6, 60, 60);
  const first = await putMinute(app, viewing, 1, minuteBody(later));
  assert.equal(first.status, 201);
  assert.deepEqual(await first.json(), { seq: 1, stored: "created" });
  assert.equal((await putMinute(app, viewing, 0, valid)).status, 201);
  const before = await viewingSnapshot(store, viewing.id);
  // A replay, formatted differently and repeating the ids: the same minute.
  const replay = await putMinute(
    app,
    viewing,
    0,
    JSON.stringify({ seq: 0, screeningId: viewing.id, ...valid }, null, 2),
  );
  assert.equal(replay.status, 200);
  assert.deepEqual(await replay.json(), { seq: 0, stored: "unchanged" });
  assert.deepEqual(await viewingSnapshot(store, viewing.id), before, "nothing written again");
  const read = await (await app.request(`/api/screenings/${viewing.id}`)).json();
  assert.deepEqual(read.seconds, [...seconds, ...later]);
  assert.deepEqual(read.minutes, [{ seq: 0, count: 60 }, { seq: 1, count: 60 }]);
});

Deno.test("a replay with different seconds is a 409 conflict", async () => {
  const changed = structuredClone(seconds);
  changed[30].emotion = changed[30].emotion === "happy" ? "sad" : "happy";
  await refused(
    (api, s) => putMinute(api, s, 0, minuteBody(changed)),
    409,
    /^seq 0: already stored with different seconds; a minute is never rewritten$/,
  );
});

Deno.test("writing to a finished screening is a 409 that says so; replays still succeed", async () => {
  const { app: api, store } = await apiFixture();
  const viewing = await createViewing(api);
  assert.equal((await putMinute(api, viewing, 0, valid)).status, 201);
  const finish = await api.request(`/api/screenings/${viewing.id}/finish`, {
    method: "POST",
    headers: { authorization: `Bearer ${viewing.token}` },
  });
  assert.equal(finish.status, 200);
  const before = await viewingSnapshot(store, viewing.id);
  const late = await putMinute(api, viewing, 1, minuteBody(sampleSeconds(7, 60, 10)));
  assert.equal(late.status, 409);
  assert.match(
    (await late.json()).error,
    /^This screening is finished: it takes no more minutes \(seq 1 was not stored\)$/,
  );
  assert.equal((await putMinute(api, viewing, 0, valid)).status, 200);
  assert.deepEqual(await viewingSnapshot(store, viewing.id), before);
});

Deno.test("a minute that would pass the viewing's byte limit is a 413 naming the limit", async () => {
  const { app: api, store } = await apiFixture();
  // A 1-minute film may hold 4 minute documents of 32 KB on average: 128 KB.
  const viewing = await createViewing(api, { title: "Tiny", durationSec: 60 });
  const heavy = (seed: number) =>
    minuteBody(sampleSeconds(seed, 0, 60).map((s) => ({ ...s, line: "x".repeat(1000) })));
  assert.equal((await putMinute(api, viewing, 0, heavy(1))).status, 201);
  const before = await viewingSnapshot(store, viewing.id);
  const res = await putMinute(api, viewing, 1, heavy(2));
  assert.equal(res.status, 413);
  assert.match(
    (await res.json()).error,
    /^This screening's minutes may take at most 128 KB \(32 KB a minute on average, for twice the film's length\): seq 1 would pass it and was not stored$/,
  );
  assert.deepEqual(await viewingSnapshot(store, viewing.id), before, "the store is unchanged");
  assert.equal((await putMinute(api, viewing, 0, heavy(1))).status, 200, "a replay still passes");
});

const cases: {
  name: string;
  body?: unknown;
  seq?: string;
  status?: number;
  message: RegExp;
  field?: string;
}[] = [
  { name: "not JSON", body: "{seconds: [", message: /^body: must be valid JSON$/, field: "body" },
  { name: "empty", body: "", message: /^body: must be a JSON object, got nothing$/ },
  { name: "an array", body: [], message: /^body: must be a JSON object$/ },
  {
    name: "an unknown field",
    body: { ...valid, mood: "great" },
    message: /^mood: unknown field \(allowed: seconds, screeningId, seq\)$/,
    field: "mood",
  },
  {
    name: "no seconds",
    body: { seconds: [] },
    message: /^seconds: must be an array of 1 to 60 seconds$/,
    field: "seconds",
  },
  {
    name: "61 seconds",
    body: minuteBody(sampleSeconds(8, 0, 61)),
    message: /^seconds: must be an array of 1 to 60 seconds$/,
  },
  {
    name: "an unknown field in a second",
    body: minuteBody([{ ...seconds[0], mood: 1 }]),
    message: /^seconds\[0\]\.mood: unknown field/,
    field: "seconds[0].mood",
  },
  {
    name: "a missing field",
    body: minuteBody([{ ...seconds[0], line: undefined }]),
    message: /^seconds\[0\]\.line: is required$/,
  },
  {
    name: "a fractional t",
    body: minuteBody([seconds[0], { ...seconds[1], t: 1.5 }]),
    message: /^seconds\[1\]\.t: must be an integer from 0 to 9720 \(the film\)$/,
    field: "seconds[1].t",
  },
  {
    name: "t beyond the film",
    body: minuteBody([{ ...seconds[0], t: 9721 }]),
    message: /^seconds\[0\]\.t: must be an integer from 0 to 9720/,
  },
  {
    name: "a label that is not one of the seven",
    body: minuteBody([{ ...seconds[0], face: true, emotion: "joy" }]),
    message:
      /^seconds\[0\]\.emotion: must be one of angry, disgust, fear, happy, sad, surprise, neutral$/,
  },
  {
    name: "a label without a face",
    body: minuteBody([{ ...seconds[0], face: false, emotion: "happy", probs: null }]),
    message: /^seconds\[0\]\.emotion: must be null when face is false$/,
  },
  {
    name: "probs not summing to 1",
    body: minuteBody([{
      ...seconds[0],
      face: true,
      emotion: "sad",
      probs: [0.1, 0.1, 0.1, 0.1, 0.3, 0.1, 0.1],
    }]),
    message: /^seconds\[0\]\.probs: must be 7 finite numbers from 0 to 1 summing to 1 ± 0.01$/,
  },
  {
    name: "six probs",
    body: minuteBody([{
      ...seconds[0],
      face: true,
      emotion: "sad",
      probs: [0.5, 0.1, 0.1, 0.1, 0.1, 0.1],
    }]),
    message: /^seconds\[0\]\.probs: must be 7 finite numbers/,
  },
  {
    name: "a probability that is a string",
    body: minuteBody([{
      ...seconds[0],
      face: true,
      emotion: "sad",
      probs: ["1", 0, 0, 0, 0, 0, 0],
    }]),
    message: /^seconds\[0\]\.probs: must be 7 finite numbers/,
  },
  {
    name: "negative movement",
    body: minuteBody([{ ...seconds[0], movement: -0.1 }]),
    message: /^seconds\[0\]\.movement: must be a finite number ≥ 0$/,
  },
  {
    name: "fractional frames",
    body: minuteBody([{ ...seconds[0], frames: 2.5 }]),
    message: /^seconds\[0\]\.frames: must be an integer from 0 to 240$/,
  },
  {
    name: "a line of 1,001 characters",
    body: minuteBody([{ ...seconds[0], line: "a".repeat(1001) }]),
    message: /^seconds\[0\]\.line: must be null or a string of at most 1000 characters$/,
  },
  { name: "a negative seq", seq: "-1", message: /^seq: must be an integer from 0 to 325/ },
  { name: "a fractional seq", seq: "1.5", message: /^seq: must be an integer from 0 to 325/ },
  { name: "a seq with a sign", seq: "+2", message: /^seq: must be an integer from 0 to 325/ },
  {
    name: "a seq past twice the film",
    seq: String(maxSeq(9720) + 1),
    message: /^seq: must be an integer from 0 to 325 \(recordings may run to twice the film\)$/,
  },
  {
    name: "a body seq that contradicts the URL",
    body: { ...valid, seq: 4 },
    message: /^seq: must match the seq in the URL$/,
  },
];

for (const c of cases) {
  Deno.test(`a minute with ${c.name} is refused with 400 naming the field and rule`, async () => {
    const { app: api, store } = await apiFixture();
    const viewing = await createViewing(api);
    const before = await viewingSnapshot(store, viewing.id);
    const res = await putMinute(api, viewing, c.seq ?? "3", c.body ?? valid);
    const body = await res.json();
    assert.equal(res.status, c.status ?? 400, JSON.stringify(body));
    assert.match(body.error, c.message);
    if (c.field) assert.equal(body.field, c.field);
    assert.deepEqual(await viewingSnapshot(store, viewing.id), before, "nothing stored");
  });
}

Deno.test("a line of 1,000 characters is fine even when they take 2,000 UTF-16 units", async () => {
  const { app: api } = await apiFixture();
  const viewing = await createViewing(api);
  const line = "🎬".repeat(1000);
  const res = await putMinute(api, viewing, 0, minuteBody([{ ...seconds[0], line }]));
  assert.equal(res.status, 201);
});

Deno.test("a body over 256 KB is refused with 413 before it is read", async () => {
  const { app: api, store } = await apiFixture();
  const viewing = await createViewing(api);
  const before = await viewingSnapshot(store, viewing.id);
  const huge = JSON.stringify({ seconds: [{ ...seconds[0], line: "x".repeat(300 * 1024) }] });
  const declared = await putMinute(api, viewing, 0, huge);
  assert.equal(declared.status, 413);
  assert.deepEqual(await declared.json(), { error: "body: must be at most 256 KB" });
  // Without a Content-Length (chunked), reading stops at the limit.
  const chunks = new TextEncoder().encode(huge);
  const streamed = await api.request(`/api/screenings/${viewing.id}/minutes/0`, {
    method: "PUT",
    headers: { "content-type": "application/json", authorization: `Bearer ${viewing.token}` },
    body: new ReadableStream({
      start(controller) {
        for (let i = 0; i < chunks.length; i += 16 * 1024) {
          controller.enqueue(chunks.slice(i, i + 16 * 1024));
        }
        controller.close();
      },
    }),
  });
  assert.equal(streamed.status, 413);
  assert.deepEqual(await streamed.json(), { error: "body: must be at most 256 KB" });
  assert.deepEqual(await viewingSnapshot(store, viewing.id), before);
});

Deno.test("a body that is not sent as JSON is refused with 415", async () => {
  const { app: api, store } = await apiFixture();
  const viewing = await createViewing(api);
  const before = await viewingSnapshot(store, viewing.id);
  const res = await putMinute(api, viewing, 0, valid, { "content-type": "text/plain" });
  assert.equal(res.status, 415);
  assert.deepEqual(await res.json(), { error: "Content-Type: must be application/json" });
  assert.deepEqual(await viewingSnapshot(store, viewing.id), before);
});

Deno.test("writes without the screening's token are refused with 401", async () => {
  const { app: api, store } = await apiFixture();
  const viewing = await createViewing(api);
  const other = await createViewing(api, { title: "Solaris", durationSec: 9960 });
  const before = await viewingSnapshot(store, viewing.id);
  const attempts: [Record<string, string>, RegExp][] = [
    [{ authorization: "" }, /^Authorization: a Bearer token is required to write$/],
    [{ authorization: `Basic ${btoa("a:b")}` }, /^Authorization: must be `Bearer <token>`$/],
    [{ authorization: "Bearer short" }, /^Authorization: the token is not valid$/],
    [
      { authorization: `Bearer ${other.token}` },
      /^Authorization: this token does not open this screening$/,
    ],
  ];
  for (const [headers, message] of attempts) {
    const res = await putMinute(api, viewing, 0, valid, headers);
    assert.equal(res.status, 401);
    assert.equal(res.headers.get("www-authenticate"), 'Bearer realm="reelfeel"');
    assert.match((await res.json()).error, message);
  }
  assert.deepEqual(await viewingSnapshot(store, viewing.id), before);
});

Deno.test("a write to an unknown screening is 404", async () => {
  const { app: api } = await apiFixture();
  const viewing = await createViewing(api);
  for (const id of ["AAAAAAAAAAAAAAAAAAAAAA", "not-an-id", "../../etc"]) {
    const res = await putMinute(api, { ...viewing, id }, 0, valid);
    assert.equal(res.status, 404);
  }
});

Deno.test("version 2 minutes are stored and read back whole, beside version 1 ones; finishing rates both", async () => {
  const { app } = await apiFixture();
  const viewing = await createViewing(app);
  const v2 = sampleSecondsV2(11, 60, 60);
  assert.equal((await putMinute(app, viewing, 0, valid)).status, 201);
  assert.equal((await putMinute(app, viewing, 1, minuteBody(v2))).status, 201);
  assert.equal((await putMinute(app, viewing, 1, minuteBody(v2))).status, 200, "a replay");
  const read = await (await app.request(`/api/screenings/${viewing.id}`)).json();
  assert.deepEqual(read.seconds, [...seconds, ...v2]);
  const finish = await app.request(`/api/screenings/${viewing.id}/finish`, {
    method: "POST",
    headers: { authorization: `Bearer ${viewing.token}` },
  });
  assert.ok(finish.status < 300, `finish: ${finish.status}`);
  const done = await (await app.request(`/api/screenings/${viewing.id}`)).json();
  const unknown = v2.filter((s) => s.state === "unknown").length;
  assert.equal(done.summary.recordedSec, 120 - unknown, "unknown seconds are not rated");
});

Deno.test("a version-2 second beyond what a face can give is refused, naming the field", async () => {
  const [second] = sampleSecondsV2(12, 0, 1);
  const bad = [
    [{ ...second, movement: 1e308 }, /seconds\[0\]\.movement: must be a number from 0 to 20/],
    [{ ...second, quality: { ...second.quality, score: 1.5 } }, /seconds\[0\]\.quality\.score/],
    [{ ...second, state: "asleep" }, /seconds\[0\]\.state/],
    [{ ...second, line: "\u0000Secret" }, /seconds\[0\]\.line: must not hold control characters/],
  ] as const;
  for (const [body, message] of bad) {
    await refused((api, v) => putMinute(api, v, 1, minuteBody([{ ...body, t: 60 }])), 400, message);
  }
});
