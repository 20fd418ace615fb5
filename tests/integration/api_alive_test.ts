/**
 * `POST /api/screenings/:id/alive`: a paused page keeps its viewing from the idle sweep, and a
 * minute that arrives after the sweep finished it anyway re-opens it; only the viewer's own
 * finish is final.
 */
import assert from "node:assert/strict";
import type { Hono } from "hono";
import { sampleSeconds } from "@/lib/demo/sample.ts";
import { IDLE_FINISH_MS } from "@/lib/store/port.ts";
import { apiFixture, type Created, createViewing, minuteBody, putMinute } from "./_api.ts";

const alive = (app: Hono, viewing: Created, token = viewing.token) =>
  Promise.resolve(app.request(`/api/screenings/${viewing.id}/alive`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}` },
  }));

const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000);

Deno.test("a keep-alive answers 204 with no body, and the idle sweep leaves the viewing", async () => {
  const { app, store } = await apiFixture();
  const viewing = await createViewing(app);
  assert.equal((await putMinute(app, viewing, 0, minuteBody(sampleSeconds(1, 0, 60)))).status, 201);
  const res = await alive(app, viewing);
  assert.equal(res.status, 204);
  assert.equal(await res.text(), "");
  // Its last sign of life was just now: a sweep one minute short of the idle time leaves it.
  const sweepAt = new Date(Date.now() + IDLE_FINISH_MS - 60_000);
  assert.deepEqual(await store.finishIdleViewings(sweepAt), []);
  assert.equal((await store.getViewing(viewing.id))!.state, "recording");
});

Deno.test("a keep-alive needs the viewing's token and an existing viewing", async () => {
  const { app } = await apiFixture();
  const viewing = await createViewing(app);
  const other = await createViewing(app);
  const wrong = await alive(app, viewing, other.token);
  assert.equal(wrong.status, 401);
  assert.match((await wrong.json()).error, /does not open this screening/);
  const missing = await app.request(`/api/screenings/${"A".repeat(22)}/alive`, {
    method: "POST",
    headers: { authorization: `Bearer ${viewing.token}` },
  });
  assert.equal(missing.status, 404);
});

Deno.test("after the idle sweep, a keep-alive is still 204 and the next minute re-opens it (201)", async () => {
  const { app, store } = await apiFixture();
  const viewing = await createViewing(app);
  assert.equal((await putMinute(app, viewing, 0, minuteBody(sampleSeconds(2, 0, 60)))).status, 201);
  // The laptop slept past the idle time: the sweep finished the viewing.
  assert.deepEqual(await store.finishIdleViewings(minutesFromNow(31)), [viewing.id]);
  assert.equal((await alive(app, viewing)).status, 204);
  const late = await putMinute(app, viewing, 1, minuteBody(sampleSeconds(3, 60, 60)));
  assert.equal(late.status, 201, await late.clone().text());
  const read = await (await app.request(`/api/screenings/${viewing.id}`)).json();
  assert.equal(read.screening.state, "recording");
  assert.equal(read.seconds.length, 120);
});

Deno.test("once the viewer finished the viewing, a keep-alive and a minute are 409", async () => {
  const { app } = await apiFixture();
  const viewing = await createViewing(app);
  const finish = await app.request(`/api/screenings/${viewing.id}/finish`, {
    method: "POST",
    headers: { authorization: `Bearer ${viewing.token}` },
  });
  assert.equal(finish.status, 200);
  const res = await alive(app, viewing);
  assert.equal(res.status, 409);
  assert.match((await res.json()).error, /^This screening is finished: its viewer finished it$/);
  const late = await putMinute(app, viewing, 0, minuteBody(sampleSeconds(4, 0, 60)));
  assert.equal(late.status, 409);
});
