import assert from "node:assert/strict";
import { isAdmin } from "./admin.ts";

Deno.test("personal mode (no viewer on the state): the one viewer is the admin", () => {
  assert.equal(isAdmin({ nonce: "" }), true);
});

Deno.test("shared mode: only a signed-in viewer whose admin flag is set", () => {
  assert.equal(isAdmin({ nonce: "", viewer: null }), false, "nobody signed in");
  assert.equal(isAdmin({ nonce: "", viewer: {} }), false);
  assert.equal(isAdmin({ nonce: "", viewer: { admin: false } }), false);
  assert.equal(isAdmin({ nonce: "", viewer: { admin: true } }), true);
});
