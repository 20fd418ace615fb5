/**
 * A request written by hand on a TCP socket, for what `fetch` will not send: a declared body
 * longer than what is sent, or a POST with neither a body nor a Content-Length.
 */

/** How long to wait for the status line before saying the server did not answer. */
const ANSWER_WITHIN_MS = 10_000;

/**
 * Writes `head` (request line and headers, without the blank line) and `body` (possibly only
 * the start of what the headers declare) to the server at `url`, and returns the status line's
 * code. Throws when no status line arrives while the rest of a declared body is still unsent.
 */
export async function rawStatus(
  url: string,
  head: string[],
  body: Uint8Array = new Uint8Array(),
): Promise<number> {
  const { hostname, port } = new URL(url);
  const conn = await Deno.connect({ hostname, port: Number(port) });
  try {
    await conn.write(new TextEncoder().encode([...head, "", ""].join("\r\n")));
    if (body.byteLength > 0) await conn.write(body);
    const bytes = new Uint8Array(1024);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = await Promise.race([
      conn.read(bytes),
      new Promise<"timeout">((resolve) =>
        timer = setTimeout(() => resolve("timeout"), ANSWER_WITHIN_MS)
      ),
    ]);
    clearTimeout(timer);
    if (read === "timeout") throw new Error(`no answer to ${head[0]} while its body was unsent`);
    const line = new TextDecoder().decode(bytes.subarray(0, read ?? 0)).split("\r\n")[0];
    const status = line.match(/^HTTP\/1\.1 (\d{3})/)?.[1];
    if (!status) throw new Error(`not an HTTP answer: ${JSON.stringify(line)}`);
    return Number(status);
  } finally {
    conn.close();
  }
}
