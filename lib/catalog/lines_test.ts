import assert from "node:assert/strict";
import { byteCounter, gunzipLines, lineBatches } from "./lines.ts";

async function collect<T>(stream: ReadableStream<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const chunk of stream) out.push(chunk);
  return out;
}

function chunked(text: string, cuts: number[]): ReadableStream<string> {
  const pieces: string[] = [];
  let from = 0;
  for (const cut of [...cuts, text.length]) {
    pieces.push(text.slice(from, cut));
    from = cut;
  }
  return ReadableStream.from(pieces);
}

Deno.test("lines split the same wherever the chunks are cut, \\r\\n included", async () => {
  const text = "header\ta\r\nrow 1\tx\nrow 2\t\\N\r\n\nlast";
  const expected = ["header\ta", "row 1\tx", "row 2\t\\N", "", "last"];
  for (let cut = 0; cut <= text.length; cut++) {
    for (const second of [cut, Math.min(text.length, cut + 3)]) {
      const batches = await collect(chunked(text, [cut, second]).pipeThrough(lineBatches()));
      assert.deepEqual(batches.flat(), expected, `cut at ${cut}, ${second}`);
      assert.ok(batches.every((b) => b.length > 0), "no empty batches");
    }
  }
  assert.deepEqual((await collect(chunked("a\nb\n", []).pipeThrough(lineBatches()))).flat(), [
    "a",
    "b",
  ]);
});

Deno.test("gzip is decoded as UTF-8 even when a character is split between chunks", async () => {
  const text = "tconst\ttitle\ntt1\tLe Café des Étoiles\ntt2\t夏の終わり\n";
  const gz = new Uint8Array(
    await new Response(
      new Blob([text]).stream().pipeThrough(new CompressionStream("gzip")),
    ).arrayBuffer(),
  );
  const oneByteAtATime = ReadableStream.from(Array.from(gz, (b) => new Uint8Array([b])));
  let counted = 0;
  const lines =
    (await collect(gunzipLines(oneByteAtATime.pipeThrough(byteCounter((n) => counted = n)))))
      .flat();
  assert.deepEqual(lines, ["tconst\ttitle", "tt1\tLe Café des Étoiles", "tt2\t夏の終わり"]);
  assert.equal(counted, gz.byteLength);
});

Deno.test("bytes that are not gzip make the stream fail", async () => {
  const notGzip = ReadableStream.from([new TextEncoder().encode("tconst\ttitle\n")]);
  await assert.rejects(collect(gunzipLines(notGzip)));
});
