import assert from "node:assert/strict";
import { sampleSeconds } from "@/lib/demo/sample.ts";
import { viewingJsonPieces } from "./viewing_export.ts";

Deno.test("the JSON export in pieces joins into exactly the JSON of the whole export", async () => {
  const head = { screening: { id: "v", state: "finished" }, film: null, summary: { rating: 71.5 } };
  const minutes = [
    { seq: 0, seconds: sampleSeconds(1, 0, 60) },
    { seq: 1, seconds: [] },
    { seq: 2, seconds: sampleSeconds(2, 120, 7) },
  ];
  const pieces = await Array.fromAsync(viewingJsonPieces(head, minutes));
  // The head, one piece per minute with seconds, the index with the closing brackets.
  assert.equal(pieces.length, 4);
  const whole = {
    ...head,
    seconds: [...minutes[0].seconds, ...minutes[2].seconds],
    minutes: [{ seq: 0, count: 60 }, { seq: 1, count: 0 }, { seq: 2, count: 7 }],
  };
  assert.equal(pieces.join(""), JSON.stringify(whole));
  const empty =
    (await Array.fromAsync(viewingJsonPieces({ screening: 1, film: 2, summary: null }, [])))
      .join("");
  assert.deepEqual(JSON.parse(empty), {
    screening: 1,
    film: 2,
    summary: null,
    minutes: [],
    seconds: [],
  });
});
