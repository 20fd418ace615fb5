/**
 * Shared mode, route by route: what the owner, another viewer and nobody get; writes from
 * another origin refused; the limits answered 429 with Retry-After; no viewing id in the pages
 * of anyone but its viewer.
 */
import assert from "node:assert/strict";
import type { Hono } from "hono";
import { sampleMinutes } from "@/lib/demo/sample.ts";
import { LIMITS } from "@/lib/viewers/limits.ts";
import { apiFixture, type Created, JSON_TYPE } from "./_api.ts";
import { testApp, testStore } from "@/tests/helpers/app.ts";
import { fixtureCatalog } from "@/tests/helpers/catalog.ts";
import { ORIGIN, sharedApp, signedInViewer, type TestViewer } from "@/tests/helpers/viewers.ts";

const FILM = { title: "Stalker", year: 1979, durationSec: 9720 };

async function create(app: Hono, viewer: TestViewer, film = FILM): Promise<Created> {
  const res = await app.request("/api/screenings", {
    method: "POST",
    headers: { ...JSON_TYPE, ...viewer.headers },
    body: JSON.stringify(film),
  });
  assert.equal(res.status, 201, await res.clone().text());
  return await res.json();
}

/** Records two minutes and finishes the viewing (token only: the capability). */
async function record(app: Hono, viewing: Created, seed: number): Promise<void> {
  for (const [seq, seconds] of sampleMinutes(seed, 2).entries()) {
    const res = await app.request(`/api/screenings/${viewing.id}/minutes/${seq}`, {
      method: "PUT",
      headers: { ...JSON_TYPE, authorization: `Bearer ${viewing.token}` },
      body: JSON.stringify({ seconds }),
    });
    assert.equal(res.status, 201, await res.clone().text());
  }
  const finished = await app.request(`/api/screenings/${viewing.id}/finish`, {
    method: "POST",
    headers: { authorization: `Bearer ${viewing.token}` },
  });
  assert.equal(finished.status, 200);
}

const get = async (app: Hono, path: string, viewer?: TestViewer) => {
  const res = await app.request(path, { headers: viewer?.headers ?? {} });
  return { status: res.status, text: await res.text() };
};

Deno.test("shared mode: a viewing's page, JSON, CSV and delete are its viewer's; to others it does not exist", async () => {
  const { app, store } = await sharedApp();
  await signedInViewer(store, "admin");
  const a = await signedInViewer(store, "viewer-a");
  const b = await signedInViewer(store, "viewer-b");
  const viewing = await create(app, a);
  await record(app, viewing, 1);
  for (const path of [`/api/screenings/${viewing.id}`, `/api/screenings/${viewing.id}.csv`]) {
    assert.equal((await get(app, path, a)).status, 200, `${path}: the owner reads it`);
    assert.equal((await get(app, path, b)).status, 404, `${path}: another viewer gets 404`);
    assert.equal((await get(app, path)).status, 404, `${path}: nobody gets 404`);
  }
  const page = `/screenings/${viewing.id}`;
  assert.equal((await get(app, page, a)).status, 200);
  assert.equal((await get(app, page, b)).status, 404);
  assert.equal((await get(app, page)).status, 404);
  // Deleting: another viewer, even holding the token, is told there is no such viewing.
  const del = (viewer: TestViewer | null) =>
    app.request(`/api/screenings/${viewing.id}`, {
      method: "DELETE",
      headers: { ...(viewer?.headers ?? {}), authorization: `Bearer ${viewing.token}` },
    });
  assert.equal((await del(b)).status, 404);
  assert.equal((await del(null)).status, 404);
  assert.ok(await store.getViewing(viewing.id), "still there");
  assert.equal((await del(a)).status, 200);
  assert.equal(await store.getViewing(viewing.id), null);
});

Deno.test("shared mode: creating a viewing needs a session; the write token stays the recording's capability", async () => {
  const { app, store } = await sharedApp();
  const nobody = await app.request("/api/screenings", {
    method: "POST",
    headers: JSON_TYPE,
    body: JSON.stringify(FILM),
  });
  assert.equal(nobody.status, 401);
  assert.equal((await store.listFilms()).length, 0, "no film made by nobody");
  const a = await signedInViewer(store, "viewer-a");
  const viewing = await create(app, a);
  assert.equal((await store.getViewing(viewing.id))!.viewer, "viewer-a");
  // Minutes, keep-alives and the finish go with the token alone, without the cookie.
  const alive = await app.request(`/api/screenings/${viewing.id}/alive`, {
    method: "POST",
    headers: { authorization: `Bearer ${viewing.token}` },
  });
  assert.equal(alive.status, 204);
  const noToken = await app.request(`/api/screenings/${viewing.id}/finish`, {
    method: "POST",
    headers: a.headers,
  });
  assert.equal(noToken.status, 401, "the session alone does not write a recording");
});

Deno.test("shared mode: the library and film pages show nobody else's viewings, and no id of them", async () => {
  const { app, store } = await sharedApp();
  await signedInViewer(store, "admin");
  const a = await signedInViewer(store, "viewer-a");
  const b = await signedInViewer(store, "viewer-b");
  const c = await signedInViewer(store, "viewer-c");
  const ofA = await create(app, a);
  await record(app, ofA, 2);
  const slug = ofA.film.slug;

  const libraryOfA = await get(app, "/", a);
  assert.match(libraryOfA.text, new RegExp(`/screenings/${ofA.id}`), "A's library links it");
  for (const [who, viewer] of [["nobody", undefined], ["B", b]] as const) {
    for (const path of ["/", `/films/${slug}`, "/recommend?emotion=happy&type=keepup"]) {
      const { status, text } = await get(app, path, viewer);
      assert.equal(status, 200, `${who} ${path}`);
      assert.ok(!text.includes("/screenings/"), `${who} ${path}: no viewing link`);
      assert.ok(!text.includes(ofA.id), `${who} ${path}: no viewing id`);
    }
  }
  const filmOfB = await get(app, `/films/${slug}`, b);
  assert.match(filmOfB.text, /1 viewer has finished/);
  assert.match(filmOfB.text, /2 more viewers needed/);
  const apiOfB = await (await app.request(`/api/films/${slug}`, { headers: b.headers })).json();
  assert.equal(apiOfB.audienceShown, false);
  assert.deepEqual(apiOfB.audience, []);
  assert.equal(apiOfB.film.viewings, 0, "B's own count");
  const seconds = await (await app.request(`/api/films/${slug}/audience`)).json();
  assert.deepEqual(seconds.seconds, []);
  assert.equal(seconds.shown, false);
  const listOfB = await (await app.request("/api/films", { headers: b.headers })).json();
  assert.deepEqual(listOfB.films, [], "A's film is not in B's list");

  // Three viewers: the audience's numbers appear, still without anyone's viewings.
  await record(app, await create(app, b), 3);
  await record(app, await create(app, c), 4);
  for (const viewer of [undefined, b]) {
    const { text } = await get(app, `/films/${slug}`, viewer);
    assert.match(text, /How viewers rated it/);
    assert.ok(!text.includes(ofA.id));
  }
  const { text: anonymousFilm } = await get(app, `/films/${slug}`);
  assert.ok(!anonymousFilm.includes("/screenings/"));
  const open = await (await app.request(`/api/films/${slug}/audience`)).json();
  assert.equal(open.shown, true);
  assert.ok(open.seconds.length > 0);
});

Deno.test("shared mode: linking a film to IMDb is an admin's; another viewer's screening is not found", async () => {
  const { app, store } = await sharedApp();
  const admin = await signedInViewer(store, "admin");
  const a = await signedInViewer(store, "viewer-a");
  const ofA = await create(app, a);
  const ofAdmin = await create(app, admin);
  const link = (viewer: TestViewer, viewing: Created) =>
    app.request(`/api/films/${ofA.film.slug}/imdb`, {
      method: "PUT",
      headers: { ...JSON_TYPE, ...viewer.headers, authorization: `Bearer ${viewing.token}` },
      body: JSON.stringify({ tconst: "tt0079944", screeningId: viewing.id }),
    });
  assert.equal((await link(a, ofA)).status, 403, "A recorded it but is no admin");
  assert.equal((await link(admin, ofA)).status, 404, "A's screening does not exist for the admin");
  // The admin with their own viewing gets as far as the (empty) catalog.
  assert.equal((await link(admin, ofAdmin)).status, 404);
  assert.match(await (await link(admin, ofAdmin)).text(), /not in the film catalog/);
});

Deno.test("shared mode: a viewer who recorded a film proposes its IMDb title; an admin sees how many did, confirms or dismisses", async () => {
  const store = await testStore();
  const catalog = await fixtureCatalog();
  const app = await testApp(store, catalog, { accounts: { mode: "passkeys", admins: [] } });
  try {
    // The first account is the admin: made a second before the others (ties go by id).
    const admin = await signedInViewer(store, "admin", new Date(Date.now() - 1000));
    const [a, b, c] = await Promise.all(["a", "b", "c"].map((id) => signedInViewer(store, id)));
    const [ofA, ofB] = [await create(app, a), await create(app, b)];
    const slug = ofA.film.slug;
    const propose = (viewer: TestViewer, viewing: Created, tconst: string) =>
      app.request(`/api/films/${slug}/imdb-proposals`, {
        method: "POST",
        headers: { ...JSON_TYPE, ...viewer.headers, authorization: `Bearer ${viewing.token}` },
        body: JSON.stringify({ tconst, screeningId: viewing.id }),
      });
    const proposals = async (viewer: TestViewer) => {
      const res = await app.request(`/api/films/${slug}/imdb-proposals`, {
        headers: viewer.headers,
      });
      return { status: res.status, body: await res.json() };
    };
    assert.equal((await propose(a, ofA, "tt0100002")).status, 201);
    assert.equal((await propose(b, ofB, "tt0100002")).status, 201);
    assert.equal((await propose(a, ofA, "tt0000000")).status, 404, "not in the catalog");
    assert.equal((await propose(c, ofA, "tt0100002")).status, 404, "A's viewing is not C's");
    assert.equal((await propose(b, ofA, "tt0100003")).status, 404, "nor B's");
    // The admin sees the title and that 2 viewers proposed it, never who.
    const listed = await proposals(admin);
    assert.equal(listed.status, 200);
    assert.deepEqual(listed.body.proposals, [
      { tconst: "tt0100002", viewers: 2, title: "The Long Applause", year: 1999 },
    ]);
    assert.doesNotMatch(JSON.stringify(listed.body), /"(a|b)"/, "no viewer id");
    assert.equal((await proposals(a)).status, 403, "only an admin sees them");
    // The admin's film page lists it: title, year, how many, its IMDb page, confirm or dismiss.
    const page = await (await app.request(`/films/${slug}`, { headers: admin.headers })).text();
    const row = page.match(/<li><span><strong>The Long Applause<\/strong>.*?<\/li>/)?.[0] ?? "";
    assert.match(row, / \(1999\)<span class="muted small"> · proposed by 2 viewers<\/span>/);
    assert.match(row, /href="https:\/\/www\.imdb\.com\/title\/tt0100002\/"/);
    assert.match(row, />Confirm<\/button>.*>Dismiss<\/button>/);
    const pageOfA = await (await app.request(`/films/${slug}`, { headers: a.headers })).text();
    assert.doesNotMatch(pageOfA, /proposed by/, "nor on anyone else's film page");
    // Dismissing one title, then confirming another from the film page (no viewing needed).
    assert.equal((await propose(a, ofA, "tt0100003")).status, 201, "A changes its mind");
    const dismiss = await app.request(`/api/films/${slug}/imdb-proposals?tconst=tt0100003`, {
      method: "DELETE",
      headers: admin.headers,
    });
    assert.equal(dismiss.status, 200);
    assert.deepEqual(
      (await proposals(admin)).body.proposals.map((p: { tconst: string }) => p.tconst),
      ["tt0100002"],
    );
    const confirm = await app.request(`/api/films/${slug}/imdb`, {
      method: "PUT",
      headers: { ...JSON_TYPE, ...admin.headers },
      body: JSON.stringify({ tconst: "tt0100002" }),
    });
    assert.equal(confirm.status, 200, await confirm.clone().text());
    assert.equal(await catalog.filmLink(slug), "tt0100002");
    assert.deepEqual((await proposals(admin)).body.proposals, [], "the link settles them");
    // Without a screening, a viewer who is no admin cannot link.
    const byA = await app.request(`/api/films/${slug}/imdb`, {
      method: "PUT",
      headers: { ...JSON_TYPE, ...a.headers },
      body: JSON.stringify({ tconst: "tt0100003" }),
    });
    assert.equal(byA.status, 400);
    assert.equal((await byA.json()).field, "screeningId");
  } finally {
    await catalog.close();
  }
});

Deno.test("shared mode: a write with a session from another origin, or without one, is refused", async () => {
  const { app, store } = await sharedApp();
  const a = await signedInViewer(store, "viewer-a");
  for (const origin of ["https://evil.example", undefined]) {
    const headers: Record<string, string> = { ...JSON_TYPE, cookie: a.headers.cookie };
    if (origin) headers.origin = origin;
    const res = await app.request("/api/screenings", {
      method: "POST",
      headers,
      body: JSON.stringify(FILM),
    });
    assert.equal(res.status, 403, `origin ${origin}`);
    assert.match((await res.json()).error, /Cross-origin/);
  }
  const signOut = await app.request("/api/auth/sign-out", {
    method: "POST",
    headers: { cookie: a.headers.cookie, origin: "https://evil.example" },
  });
  assert.equal(signOut.status, 403, "not even sign-out");
  assert.equal(await store.listFilms().then((f) => f.length), 0);
  assert.equal((await create(app, a)).film.slug, "stalker-1979", "same origin: created");
});

Deno.test("shared mode limits: a 4th recording at once and a 21st viewing in an hour are 429 with Retry-After", async () => {
  const { app, store } = await sharedApp();
  const a = await signedInViewer(store, "viewer-a");
  const post = () =>
    app.request("/api/screenings", {
      method: "POST",
      headers: { ...JSON_TYPE, ...a.headers },
      body: JSON.stringify(FILM),
    });
  const made: Created[] = [];
  for (let k = 0; k < LIMITS.recordingAtOnce; k++) made.push(await create(app, a));
  const busy = await post();
  assert.equal(busy.status, 429);
  assert.equal(busy.headers.get("retry-after"), "60");
  // Finishing them frees the recordings; the hourly limit still counts them.
  for (let k = LIMITS.recordingAtOnce; k < LIMITS.viewingsPerHour; k++) {
    const finish = made.at(-1)!;
    await app.request(`/api/screenings/${finish.id}/finish`, {
      method: "POST",
      headers: { authorization: `Bearer ${finish.token}` },
    });
    made.push(await create(app, a));
  }
  for (const v of made) {
    await app.request(`/api/screenings/${v.id}/finish`, {
      method: "POST",
      headers: { authorization: `Bearer ${v.token}` },
    });
  }
  const hourly = await post();
  assert.equal(hourly.status, 429);
  const wait = Number(hourly.headers.get("retry-after"));
  assert.ok(wait > 3500 && wait <= 3600, `the first of the hour frees a slot in ~1 h, not ${wait}`);
  const other = await signedInViewer(store, "viewer-b");
  assert.equal((await create(app, other)).film.slug, "stalker-1979", "B has limits of their own");
});

Deno.test("shared mode limits: sign-ups and sign-in attempts per address are 429 with Retry-After", async () => {
  const { app } = await sharedApp();
  const options = (body: unknown) =>
    app.request("/api/auth/options", {
      method: "POST",
      headers: { ...JSON_TYPE, origin: ORIGIN },
      body: JSON.stringify(body),
    });
  for (let k = 0; k < LIMITS.signUpsPerHour; k++) {
    assert.equal((await options({ purpose: "sign-up", name: `n${k}` })).status, 200);
  }
  const signUp = await options({ purpose: "sign-up", name: "one too many" });
  assert.equal(signUp.status, 429);
  assert.ok(Number(signUp.headers.get("retry-after")) > 3500);
  for (let k = 0; k < LIMITS.signInsPer10Min; k++) {
    assert.equal((await options({ purpose: "sign-in" })).status, 200);
  }
  const signIn = await options({ purpose: "sign-in" });
  assert.equal(signIn.status, 429);
  assert.ok(Number(signIn.headers.get("retry-after")) > 500);
  const recover = await app.request("/api/auth/recover", {
    method: "POST",
    headers: { ...JSON_TYPE, origin: ORIGIN },
    body: JSON.stringify({ code: "abcd-efgh-jkmn-pqrs" }),
  });
  assert.equal(recover.status, 429, "a recovery code is a sign-in attempt too");
});

Deno.test("shared mode: the account's passkeys, recovery codes, export and deletion are its own", async () => {
  const { app, store } = await sharedApp();
  await signedInViewer(store, "admin");
  const a = await signedInViewer(store, "viewer-a");
  const b = await signedInViewer(store, "viewer-b");
  const passkey = { publicKey: "pk", counter: 0, transports: [], now: new Date() };
  await store.addPasskey({ ...passkey, id: "cred-a", viewer: a.id, name: "Laptop" });
  await store.addPasskey({ ...passkey, id: "cred-b", viewer: b.id, name: "Phone" });
  const send = (method: string, path: string, viewer: TestViewer, body?: unknown) =>
    app.request(path, {
      method,
      headers: { ...JSON_TYPE, ...viewer.headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  assert.equal((await send("PUT", "/api/account/passkeys/cred-a", b, { name: "x" })).status, 404);
  assert.equal((await send("DELETE", "/api/account/passkeys/cred-a", b)).status, 404);
  assert.equal((await send("DELETE", "/api/account/passkeys/cred-a", a)).status, 409, "the last");
  const codes = await (await send("POST", "/api/account/recovery-codes", a)).json();
  assert.equal(codes.codes.length, 8);
  assert.equal((await send("DELETE", "/api/account/passkeys/cred-a", a)).status, 200);
  // A recovery code signs A in once.
  const recover = () =>
    app.request("/api/auth/recover", {
      method: "POST",
      headers: { ...JSON_TYPE, origin: ORIGIN },
      body: JSON.stringify({ code: codes.codes[0].toUpperCase() }),
    });
  const first = await recover();
  assert.equal(first.status, 200);
  assert.equal((await first.json()).viewer.id, a.id);
  assert.match(first.headers.get("set-cookie")!, /HttpOnly; SameSite=Lax/);
  assert.equal((await recover()).status, 401, "used up");

  const ofA = await create(app, a);
  await record(app, ofA, 5);
  const ofB = await create(app, b);
  await record(app, ofB, 6);
  const exported = await app.request("/api/account", { headers: a.headers });
  assert.match(exported.headers.get("content-disposition")!, /attachment/);
  const data = await exported.json();
  assert.deepEqual(data.viewings.map((v: { id: string }) => v.id), [ofA.id]);
  assert.equal(data.viewings[0].seconds.length, 120);
  assert.ok(!JSON.stringify(data).includes(ofB.id));

  const stats = async () => (await store.getFilm(ofA.film.slug))!.stats.viewings;
  assert.equal(await stats(), 2);
  const deleted = await send("DELETE", "/api/account", a);
  assert.equal(deleted.status, 200);
  assert.equal(await stats(), 1, "A's viewing left the film's numbers");
  assert.equal(await store.getViewing(ofA.id), null);
  assert.ok(await store.getViewing(ofB.id), "B's stays");
  assert.equal((await get(app, "/account", a)).status, 303, "A's session is gone with it");
  // Sign out everywhere ends every session of B.
  const again = await signedInViewer(store, "viewer-b-2");
  const everywhere = await send("POST", "/api/auth/sign-out", again, { everywhere: true });
  assert.equal((await everywhere.json()).ended, 1);
  assert.equal((await get(app, "/account", again)).status, 303);
});

Deno.test("the first account takes the personal viewings only after confirming it", async () => {
  const { app, store } = await sharedApp();
  // A viewing from the installation's personal time.
  const personalApp = await testApp(store);
  const old = await (await personalApp.request("/api/screenings", {
    method: "POST",
    headers: JSON_TYPE,
    body: JSON.stringify(FILM),
  })).json();
  const first = await signedInViewer(store, "first");
  const second = await signedInViewer(store, "second");
  assert.equal(
    (await get(app, `/screenings/${old.id}`, first)).status,
    404,
    "not before confirming",
  );
  const answer = (viewer: TestViewer, take: boolean) =>
    app.request("/api/account/personal", {
      method: "POST",
      headers: { ...JSON_TYPE, ...viewer.headers },
      body: JSON.stringify({ take }),
    });
  assert.equal((await answer(second, true)).status, 409, "only the first account");
  const taken = await answer(first, true);
  assert.deepEqual(await taken.json(), { given: 1 });
  assert.equal((await get(app, `/screenings/${old.id}`, first)).status, 200);
  assert.equal((await answer(first, true)).status, 409, "asked once");
});

Deno.test("personal mode: no accounts, the one viewer sees everything as before", async () => {
  const { app } = await apiFixture();
  for (const path of ["/sign-in", "/sign-up", "/account"]) {
    assert.equal((await app.request(path)).status, 404, path);
  }
  const options = await app.request("/api/auth/options", {
    method: "POST",
    headers: JSON_TYPE,
    body: JSON.stringify({ purpose: "sign-in" }),
  });
  assert.equal(options.status, 404);
  const page = await (await app.request("/")).text();
  assert.ok(!page.includes("Sign in"), "no sign-in control");
});
