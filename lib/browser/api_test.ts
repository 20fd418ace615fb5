/** The browser client against a real HTTP server of its own: every answer becomes a result. */
import assert from "node:assert/strict";
import { failureOf, isRetryable, request } from "./api.ts";

/** Serves `handler` on a free port for the length of `fn`. */
async function withServer(
  handler: (req: Request) => Response | Promise<Response>,
  fn: (url: string) => Promise<void>,
): Promise<void> {
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, handler);
  try {
    await fn(`http://127.0.0.1:${server.addr.port}`);
  } finally {
    await server.shutdown();
  }
}

Deno.test("api: an answer's JSON is the data; an empty 204 is null", async () => {
  const seen: { method: string; auth: string | null; type: string | null; body: string }[] = [];
  await withServer(async (req) => {
    seen.push({
      method: req.method,
      auth: req.headers.get("authorization"),
      type: req.headers.get("content-type"),
      body: await req.text(),
    });
    return new URL(req.url).pathname === "/alive"
      ? new Response(null, { status: 204 })
      : Response.json({ films: [1, 2] }, { status: 201 });
  }, async (url) => {
    const ok = await request<{ films: number[] }>("PUT", `${url}/x`, {
      doing: "Doing",
      body: { a: 1 },
      token: "tok",
    });
    assert.deepEqual(ok, { ok: true, status: 201, data: { films: [1, 2] } });
    const empty = await request("POST", `${url}/alive`, { doing: "Saying", token: "t" });
    assert.deepEqual(empty, { ok: true, status: 204, data: null });
  });
  assert.deepEqual(seen[0], {
    method: "PUT",
    auth: "Bearer tok",
    type: "application/json",
    body: '{"a":1}',
  });
  // No body, no content type: the alive call is as cheap as a request gets.
  assert.deepEqual(seen[1], { method: "POST", auth: "Bearer t", type: null, body: "" });
});

Deno.test("api: an error answer is a failure with the server's words and field", async () => {
  await withServer((req) => {
    const path = new URL(req.url).pathname;
    if (path === "/field") {
      return Response.json({ error: "title: must not be empty.", field: "title" }, { status: 400 });
    }
    if (path === "/html") return new Response("<h1>Bad gateway</h1>", { status: 502 });
    return new Response("not json", { status: 200 });
  }, async (url) => {
    assert.deepEqual(await request("POST", `${url}/field`, { doing: "Creating the viewing" }), {
      ok: false,
      status: 400,
      message: "Creating the viewing failed: title: must not be empty.",
      field: "title",
    });
    const html = await request("GET", `${url}/html`, { doing: "Loading" });
    assert.deepEqual(html, {
      ok: false,
      status: 502,
      message: "Loading failed: the server answered 502.",
      field: null,
    });
    const garbled = await request("GET", `${url}/ok`, { doing: "Loading" });
    assert.equal(garbled.ok, false);
    assert.equal(!garbled.ok && garbled.message, "Loading failed: the answer was not JSON.");
  });
});

Deno.test("api: a server that cannot be reached, or hangs, is status 0 and retryable", async () => {
  // A port that was just free: nothing listens there.
  const listener = Deno.listen({ port: 0, hostname: "127.0.0.1" });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  const unreachable = await request("GET", `http://127.0.0.1:${port}/`, { doing: "Loading" });
  assert.deepEqual(unreachable, {
    ok: false,
    status: 0,
    message: "Loading failed: the server could not be reached (are you offline?).",
    field: null,
  });
  assert.ok(!unreachable.ok && isRetryable(unreachable));

  let release = () => {};
  const hung = new Promise<void>((resolve) => (release = resolve));
  await withServer(async () => {
    await hung;
    return new Response("late");
  }, async (url) => {
    const result = await request("GET", url, { doing: "Loading", timeoutMs: 50 });
    release();
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.status, 0);
  });
});

Deno.test("api: which failures are worth retrying by themselves", () => {
  const retry = (status: number) => isRetryable(failureOf(status, null, "x"));
  assert.deepEqual([0, 408, 429, 500, 502, 503].map(retry), [true, true, true, true, true, true]);
  assert.deepEqual([400, 401, 403, 404, 409, 413].map(retry), [
    false,
    false,
    false,
    false,
    false,
    false,
  ]);
});
