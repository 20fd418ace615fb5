/**
 * Viewings and films over HTTP: create, read as JSON and CSV, finish, delete; the films list;
 * refused requests change nothing.
 */
import assert from "node:assert/strict";
import type { Hono } from "hono";
import { CSV_HEADER } from "@/lib/api/csv.ts";
import { hashToken } from "@/lib/api/token.ts";
import { IDLE_FINISH_MS } from "@/lib/store/port.ts";
import { sampleSeconds } from "@/lib/demo/sample.ts";
import { startIdleSweeper } from "@/lib/store/sweeper.ts";
import {
  apiFixture,
  createViewing,
  JSON_TYPE,
  minuteBody,
  putMinute,
  storeSnapshot,
  viewingSnapshot,
} from "./_api.ts";

/** A minimal RFC 4180 reader, to check what the CSV says rather than how it is spelled. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += c;
  }
  assert.equal(field + row.join(""), "", "the CSV ends with CRLF");
  return rows;
}

const finish = async (app: Hono, id: string, token: string) =>
  await app.request(`/api/screenings/${id}/finish`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}` },
  });

Deno.test("creating a screening creates its film once and returns an id and a token", async () => {
  const { app, store } = await apiFixture();
  const res = await app.request("/api/screenings", {
    method: "POST",
    headers: JSON_TYPE,
    body: JSON.stringify({ title: "  Le Samouraï ", durationSec: 6300, year: 1967 }),
  });
  assert.equal(res.status, 201);
  assert.equal(res.headers.get("cache-control"), "no-store");
  const created = await res.json();
  assert.match(created.id, /^[A-Za-z0-9_-]{22}$/);
  assert.match(created.token, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(res.headers.get("location"), `/api/screenings/${created.id}`);
  assert.deepEqual(created.film, {
    slug: "le-samourai-1967",
    title: "Le Samouraï",
    year: 1967,
    durationSec: 6300,
    viewings: 0,
    ratingMean: null,
  });
  assert.equal(created.screening.state, "recording");
  // Only the token's hash is kept.
  const stored = await store.getViewing(created.id);
  assert.equal(stored!.tokenHash, hashToken(created.token));
  const again = await createViewing(app, { title: "le samourai", year: 1967, durationSec: 6290 });
  assert.notEqual(again.id, created.id);
  assert.notEqual(again.token, created.token);
  assert.equal(again.film.slug, "le-samourai-1967");
  assert.equal(again.film.title, "Le Samouraï");
  // A film without a finished viewing is not listed.
  assert.deepEqual(await (await app.request("/api/films")).json(), {
    films: [],
    page: 1,
    pages: 1,
  });
  assert.deepEqual((await store.listFilms()).map((f) => f.title), ["Le Samouraï"], "one film");
});

Deno.test("a screening request that breaks a rule is a 400 naming it, and creates nothing", async () => {
  const { app, store } = await apiFixture();
  const cases: [unknown, RegExp][] = [
    [{ title: "Ran", durationSec: 9720, director: "Kurosawa" }, /^director: unknown field/],
    [{ durationSec: 9720 }, /^title: must be a string$/],
    [{ title: "   ", durationSec: 9720 }, /^title: must be 1 to 200 characters$/],
    [{ title: "!!!", durationSec: 9720 }, /^title: must contain a letter or a digit$/],
    [{ title: "Ran", durationSec: 0 }, /^durationSec: must be an integer from 1 to 43200$/],
    [{ title: "Ran", durationSec: 97.5 }, /^durationSec: must be an integer from 1 to 43200$/],
    [{ title: "Ran", durationSec: "9720" }, /^durationSec: must be an integer/],
    [
      { title: "Ran", durationSec: 9720, year: 1700 },
      /^year: must be an integer from 1870 to 2100$/,
    ],
    [["Ran"], /^body: must be a JSON object$/],
  ];
  for (const [body, message] of cases) {
    const res = await app.request("/api/screenings", {
      method: "POST",
      headers: JSON_TYPE,
      body: JSON.stringify(body),
    });
    assert.equal(res.status, 400, JSON.stringify(body));
    assert.match((await res.json()).error, message);
  }
  const plain = await app.request("/api/screenings", {
    method: "POST",
    body: JSON.stringify({ title: "Ran", durationSec: 9720 }),
  });
  assert.equal(plain.status, 415, "a form or text body is refused (no cross-site simple POST)");
  assert.deepEqual(await storeSnapshot(store), { films: [], audiences: [], screenings: [] });
});

Deno.test("a screening reads back as JSON with everything recorded, and never its token", async () => {
  const { app } = await apiFixture();
  const viewing = await createViewing(app);
  const m0 = sampleSeconds(1, 0, 60);
  const m1 = sampleSeconds(2, 60, 25);
  assert.equal((await putMinute(app, viewing, 1, minuteBody(m1))).status, 201);
  assert.equal((await putMinute(app, viewing, 0, minuteBody(m0))).status, 201);
  const res = await app.request(`/api/screenings/${viewing.id}`);
  assert.equal(res.status, 200);
  const text = await res.text();
  assert.ok(!text.includes(viewing.token) && !text.includes(hashToken(viewing.token)));
  const body = JSON.parse(text);
  assert.deepEqual(Object.keys(body), [
    "screening",
    "film",
    "summary",
    "verdict",
    "predictedVerdict",
    "prediction",
    "reference",
    "seconds",
    "minutes",
  ]);
  assert.equal(body.screening.id, viewing.id);
  assert.deepEqual(
    [body.verdict, body.predictedVerdict, body.reference],
    [null, null, null],
    "nothing to refer a rating to before the viewing is finished",
  );
  assert.equal(body.screening.state, "recording");
  assert.equal(body.film.slug, "stalker-1979");
  assert.equal(body.summary, null);
  assert.deepEqual(body.minutes, [{ seq: 0, count: 60 }, { seq: 1, count: 25 }]);
  assert.deepEqual(body.seconds, [...m0, ...m1]);
  assert.equal((await app.request("/api/screenings/AAAAAAAAAAAAAAAAAAAAAA")).status, 404);
  const bogus = await app.request("/api/screenings/nope");
  assert.deepEqual(await bogus.json(), { error: 'No screening "nope"' });
});

Deno.test("the CSV has one row per second and keeps lines with commas, quotes and breaks", async () => {
  const { app } = await apiFixture();
  const viewing = await createViewing(app);
  const seconds = sampleSeconds(3, 0, 60);
  seconds[0] = { ...seconds[0], line: 'He said, "run"\r\nand ran.' };
  seconds[1] = { ...seconds[1], face: false, emotion: null, probs: null, movement: 0, line: null };
  assert.equal((await putMinute(app, viewing, 0, minuteBody(seconds))).status, 201);
  const res = await app.request(`/api/screenings/${viewing.id}.csv`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("content-type"), "text/csv; charset=utf-8; header=present");
  assert.match(
    res.headers.get("content-disposition")!,
    new RegExp(`^attachment; filename="reelfeel-stalker-1979-${viewing.id}\\.csv"$`),
  );
  const rows = parseCsv(await res.text());
  assert.deepEqual(rows[0], CSV_HEADER);
  assert.equal(rows.length, 61);
  const column = (name: string) => CSV_HEADER.indexOf(name);
  // Version-1 seconds: their state from `face`, no raw probabilities, pose or quality.
  assert.deepEqual(rows[1].slice(0, 5), [
    "0",
    String(seconds[0].t),
    "1",
    "watching",
    seconds[0].emotion,
  ]);
  assert.equal(rows[1][column("line")], 'He said, "run"\r\nand ran.');
  assert.deepEqual(rows[2].slice(0, 5), ["0", "1", "1", "absent", ""]);
  assert.deepEqual(rows[2].slice(column("p_angry"), column("movement")), new Array(14).fill(""));
  assert.equal(rows[2][column("movement")], "0");
  assert.equal(rows[2][column("frames")], String(seconds[1].frames));
  for (const [i, s] of seconds.entries()) {
    const probs = rows[i + 1].slice(column("p_angry"), column("p_angry") + 7);
    assert.deepEqual(probs.map(Number), s.probs ?? new Array(7).fill(0));
    assert.equal(Number(rows[i + 1][column("movement")]), s.movement);
    assert.equal(rows[i + 1][column("line")], s.line ?? "");
  }
});

Deno.test("the CSV opened with a CSV reader holds no cell a spreadsheet would run as a formula", async () => {
  const { app } = await apiFixture();
  const viewing = await createViewing(app);
  const lines = [
    '=HYPERLINK("http://evil.example","Click")',
    "+1 555 0100",
    "-Run!",
    "@SUM(A1:A9)",
  ];
  const seconds = sampleSeconds(8, 0, 60).map((s, i) => ({ ...s, line: lines[i % 4] }));
  assert.equal((await putMinute(app, viewing, 0, minuteBody(seconds))).status, 201);
  const rows = parseCsv(await (await app.request(`/api/screenings/${viewing.id}.csv`)).text());
  assert.equal(rows.length, 61);
  const lineColumn = rows[0].indexOf("line");
  for (const [i, row] of rows.slice(1).entries()) {
    assert.equal(row[lineColumn], `'${lines[i % 4]}`, "the line, shown as text");
    for (const cell of row) {
      const number = cell !== "" && Number.isFinite(Number(cell));
      assert.ok(number || !/^[=+\-@\t\r]/.test(cell), `row ${i + 1}: ${cell}`);
    }
  }
  // The JSON export keeps the lines exactly as they were recorded.
  const json = await (await app.request(`/api/screenings/${viewing.id}`)).json();
  assert.deepEqual(json.seconds.map((s: { line: string }) => s.line), seconds.map((s) => s.line));
});

Deno.test("the CSV of a film titled in another script downloads under a name in both forms", async () => {
  const { app } = await apiFixture();
  const viewing = await createViewing(app, {
    title: "七人の侍",
    year: 1954,
    durationSec: 12420,
  });
  assert.equal(
    (await putMinute(app, viewing, 0, minuteBody(sampleSeconds(9, 0, 5)))).status,
    201,
  );
  const res = await app.request(`/api/screenings/${viewing.id}.csv`);
  assert.equal(res.status, 200);
  assert.equal(
    res.headers.get("content-disposition"),
    `attachment; filename="reelfeel-_-1954-${viewing.id}.csv"; ` +
      `filename*=UTF-8''reelfeel-${encodeURIComponent("七人の侍")}-1954-${viewing.id}.csv`,
  );
  assert.equal(parseCsv(await res.text()).length, 6);
});

Deno.test("finishing needs the token, computes the summary once and updates the film", async () => {
  const { app, store } = await apiFixture();
  const viewing = await createViewing(app);
  assert.equal(
    (await putMinute(app, viewing, 0, minuteBody(sampleSeconds(4, 0, 60)))).status,
    201,
  );
  const before = await viewingSnapshot(store, viewing.id);
  const anonymous = await app.request(`/api/screenings/${viewing.id}/finish`, { method: "POST" });
  assert.equal(anonymous.status, 401);
  assert.match((await anonymous.json()).error, /^Authorization: a Bearer token is required/);
  const withBody = await app.request(`/api/screenings/${viewing.id}/finish`, {
    method: "POST",
    headers: { ...JSON_TYPE, authorization: `Bearer ${viewing.token}` },
    body: JSON.stringify({ rating: 100 }),
  });
  assert.equal(withBody.status, 400);
  assert.match((await withBody.json()).error, /^body: must be empty or \{\}$/);
  assert.deepEqual(await viewingSnapshot(store, viewing.id), before);

  const res = await finish(app, viewing.id, viewing.token);
  assert.equal(res.status, 200);
  const finished = await res.json();
  assert.equal(finished.screening.state, "finished");
  assert.equal(finished.screening.finishedBy, "viewer");
  assert.equal(finished.summary.recordedSec, 60);
  const again = await (await finish(app, viewing.id, viewing.token)).json();
  assert.deepEqual(again, finished);
  const films = await (await app.request("/api/films")).json();
  assert.equal(films.films[0].viewings, 1);
  assert.equal(films.films[0].ratingMean, finished.summary.rating);
  const film = await (await app.request("/api/films/stalker-1979")).json();
  assert.equal(film.film.stats.watchSec, 60);
  assert.equal(film.audience.length, 60);
  assert.equal((await app.request("/api/films/no-such-film")).status, 404);
  const read = await (await app.request(`/api/screenings/${viewing.id}`)).json();
  assert.deepEqual(read.summary, finished.summary);
});

Deno.test("deleting needs the token and removes everything recorded in the viewing", async () => {
  const { app, store } = await apiFixture();
  const kept = await createViewing(app);
  assert.equal((await putMinute(app, kept, 0, minuteBody(sampleSeconds(5, 0, 60)))).status, 201);
  await finish(app, kept.id, kept.token);
  const baseline = await storeSnapshot(store);
  const viewing = await createViewing(app);
  assert.equal(
    (await putMinute(app, viewing, 0, minuteBody(sampleSeconds(6, 0, 60)))).status,
    201,
  );
  await finish(app, viewing.id, viewing.token);
  const before = await viewingSnapshot(store, viewing.id);
  for (const authorization of ["", `Bearer ${kept.token}`]) {
    const res = await app.request(`/api/screenings/${viewing.id}`, {
      method: "DELETE",
      headers: { authorization },
    });
    assert.equal(res.status, 401);
    assert.deepEqual(await viewingSnapshot(store, viewing.id), before);
  }
  const res = await app.request(`/api/screenings/${viewing.id}`, {
    method: "DELETE",
    headers: { authorization: `Bearer ${viewing.token}` },
  });
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { deleted: viewing.id });
  assert.equal((await app.request(`/api/screenings/${viewing.id}`)).status, 404);
  assert.equal((await app.request(`/api/screenings/${viewing.id}.csv`)).status, 404);
  assert.equal(await store.listMinutes(viewing.id), null);
  const after = await storeSnapshot(store);
  assert.deepEqual(after, baseline, "the film is as if the viewing never happened");
  const twice = await app.request(`/api/screenings/${viewing.id}`, {
    method: "DELETE",
    headers: { authorization: `Bearer ${viewing.token}` },
  });
  assert.equal(twice.status, 404);
});

Deno.test("the server's sweeper finishes a screening left idle", async () => {
  const { app, store } = await apiFixture();
  const viewing = await createViewing(app);
  assert.equal(
    (await putMinute(app, viewing, 0, minuteBody(sampleSeconds(7, 0, 60)))).status,
    201,
  );
  // The real sweeper on a short clock: idle after 0 ms, checked every 10 ms.
  const sweeper = startIdleSweeper(store, { everyMs: 10, idleMs: 0 });
  try {
    for (
      let i = 0;
      i < 200 && (await store.getViewing(viewing.id))!.state !== "finished";
      i++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    await sweeper.stop();
  }
  const swept = await (await app.request(`/api/screenings/${viewing.id}`)).json();
  assert.equal(swept.screening.state, "finished");
  assert.equal(swept.screening.finishedBy, "idle");
  assert.equal(swept.summary.recordedSec, 60);
  assert.equal(IDLE_FINISH_MS, 30 * 60 * 1000, "the server finishes after 30 idle minutes");
});
