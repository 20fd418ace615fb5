import assert from "node:assert/strict";
import { sampleSeconds } from "@/lib/demo/sample.ts";
import { viewingJsonPieces } from "./viewing_export.ts";

Deno.test("the JSON export in pieces joins into exactly the JSON of the whole export", () => {
  const head = { screening: { id: "v", state: "finished" }, film: null, summary: { rating: 71.5 } };
  const minutes = [
    { seq: 0, seconds: sampleSeconds(1, 0, 60) },
    { seq: 1, seconds: [] },
    { seq: 2, seconds: sampleSeconds(2, 120, 7) },
  ];
  const pieces = [...viewingJsonPieces(head, minutes)];
  // The head with the index, one piece per minute with seconds, the closing brackets.
  assert.equal(pieces.length, 4);
  const whole = {
    ...head,
    minutes: [{ seq: 0, count: 60 }, { seq: 1, count: 0 }, { seq: 2, count: 7 }],
    seconds: [...minutes[0].seconds, ...minutes[2].seconds],
  };
  assert.equal(pieces.join(""), JSON.stringify(whole));
  const empty = [...viewingJsonPieces({ screening: 1, film: 2, summary: null }, [])].join("");
  assert.deepEqual(JSON.parse(empty), {
    screening: 1,
    film: 2,
    summary: null,
    minutes: [],
    seconds: [],
  });
});
