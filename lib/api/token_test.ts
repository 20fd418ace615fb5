import assert from "node:assert/strict";
import {
  bearerToken,
  hashToken,
  isViewingId,
  newToken,
  newViewingId,
  tokenMatches,
} from "./token.ts";

Deno.test("ids are 128 random bits and tokens 256, in base64url; never the same twice", () => {
  const ids = new Set(Array.from({ length: 200 }, newViewingId));
  const tokens = new Set(Array.from({ length: 200 }, newToken));
  assert.equal(ids.size, 200);
  assert.equal(tokens.size, 200);
  for (const id of ids) assert.ok(isViewingId(id), id);
  for (const token of tokens) assert.match(token, /^[A-Za-z0-9_-]{43}$/);
  assert.ok(!isViewingId("short") && !isViewingId("a/b".padEnd(22, "x")));
});

Deno.test("a token matches only its own hash", () => {
  const token = newToken();
  const hash = hashToken(token);
  assert.match(hash, /^[0-9a-f]{64}$/);
  assert.notEqual(hash, token);
  assert.ok(tokenMatches(token, hash));
  assert.ok(!tokenMatches(newToken(), hash));
  assert.ok(!tokenMatches(token, hash.slice(0, 62)), "a truncated hash never matches");
  assert.ok(!tokenMatches(token, ""));
});

Deno.test("the Authorization header: Bearer and a 43-character token, or a reason", () => {
  const token = newToken();
  assert.deepEqual(bearerToken(`Bearer ${token}`), { token });
  assert.deepEqual(bearerToken(`bearer ${token}`), { token });
  assert.deepEqual(bearerToken(null), {
    error: "Authorization: a Bearer token is required to write",
  });
  assert.deepEqual(bearerToken(`Basic ${token}`), {
    error: "Authorization: must be `Bearer <token>`",
  });
  assert.deepEqual(bearerToken(`Bearer ${token}x`), {
    error: "Authorization: the token is not valid",
  });
});
