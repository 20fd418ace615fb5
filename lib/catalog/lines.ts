/**
 * Streaming line splitting for large text files: memory stays bounded by one chunk and one
 * partial line, whatever the file's size. Pure stream transforms, no I/O.
 */

/**
 * Splits decoded text into lines, emitting one array of complete lines per input chunk
 * (arrays, not single lines, because a stream step per line would dominate the import's time).
 * `\r\n` and `\n` both end a line; a last line without a newline is still emitted.
 */
export function lineBatches(): TransformStream<string, string[]> {
  let partial = "";
  return new TransformStream<string, string[]>({
    transform(chunk, controller) {
      const text = partial + chunk;
      const lines = text.split("\n");
      partial = lines.pop()!;
      if (lines.length === 0) return;
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i];
        if (line.endsWith("\r")) lines[i] = line.slice(0, -1);
      }
      controller.enqueue(lines);
    },
    flush(controller) {
      const last = partial.endsWith("\r") ? partial.slice(0, -1) : partial;
      if (last !== "") controller.enqueue([last]);
    },
  });
}

/** Counts the bytes flowing through, reporting the running total after each chunk. */
export function byteCounter(onBytes: (total: number) => void): TransformStream<Uint8Array> {
  let total = 0;
  return new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      total += chunk.byteLength;
      onBytes(total);
      controller.enqueue(chunk);
    },
  });
}

/** Decompresses gzip bytes into lines of text, in batches. */
export function gunzipLines(bytes: ReadableStream<Uint8Array>): ReadableStream<string[]> {
  return bytes
    .pipeThrough(new DecompressionStream("gzip") as unknown as TransformStream<Uint8Array>)
    .pipeThrough(new TextDecoderStream())
    .pipeThrough(lineBatches());
}
