import assert from "node:assert/strict";
import { count, restsOn } from "./wording.ts";

Deno.test("how many viewings a number rests on, in plain words", () => {
  assert.equal(restsOn(0), "No finished viewing yet.");
  assert.match(restsOn(1), /^One viewing so far: this is that viewing's rating/);
  assert.match(restsOn(2), /^Only 2 viewings so far: each one moves the mean a lot/);
  assert.equal(restsOn(5), "The mean of 5 viewings.");
  assert.equal(count(1, "viewer"), "1 viewer");
  assert.equal(count(3, "viewer"), "3 viewers");
});
